import type { PdfFont, PdfGlyph, PdfPage, Rect } from './types.js';

/**
 * Glyphs → lines, by origin and baseline only: the reader that `inspect`, `derive` and `compare`
 * share. Glyph boxes are never used, because damaged fonts claim wrong advance widths (half-width
 * digits with full-em advances overlap the next character); what a glyph "should" occupy is taken
 * from its character class instead.
 */

export interface LineGlyph extends PdfGlyph {
  /** Drawn two or more times at (nearly) the same origin, or filled and stroked: fake bold. */
  overprinted?: boolean;
}

export interface TextLine {
  /** The glyphs in reading order (left to right; top to bottom for vertical lines). */
  glyphs: LineGlyph[];
  /** The glyphs' text ('' for a glyph with no Unicode value, which `unknown` counts). */
  text: string;
  /** Horizontal lines: the baseline's y; vertical lines: the column's centre x. */
  baseline: number;
  /** Extent on the page: the em boxes from the first origin to the last glyph's nominal end. */
  bbox: Rect;
  /** The type size most of the line is set in, and its font (index into the page's fonts). */
  size: number;
  font: number;
  vertical: boolean;
  /** The line is bold: a bold font, fake bold by overprint, or fill+stroke rendering. */
  bold: boolean;
  color: string;
  /** Glyphs with no usable Unicode value (no ToUnicode entry, U+FFFD, private use). */
  unknown: number;
  invisible: boolean;
}

export interface DroppedGlyph {
  text: string;
  x: number;
  y: number;
  reason: 'fake-bold-duplicate';
}

/** Characters set on a full em: Han, kana, Hangul, full-width forms and CJK punctuation. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}\u2014\u2026\u2018\u2019\u201C\u201D\u25A0-\u25FF\u2460-\u24FF]/u;

const CLOSING = /^[，。、；：？！”’）》」』〕】〉]$/;
const OPENING = /^[“‘（《「『〔【〈]$/;

/** Blank before a glyph's ink: an opening mark has its ink in the right half of its em. */
export const leadBlank = (g: PdfGlyph) => (OPENING.test(g.text) ? 0.5 * g.size * g.scaleX : 0);

/**
 * Where a glyph's ink ends: a closing mark has its ink in the left half of its em (set half-width, or
 * hanging past the column's end, it reaches half an em); others as nominalWidth. Line boxes end here,
 * so a column's edge is not pushed out by a hanging stop.
 */
export const inkWidth = (g: PdfGlyph) => (CLOSING.test(g.text) ? 0.5 * g.size * g.scaleX : nominalWidth(g));

/**
 * How far a glyph's own ink can reach along the line, in points: a full em for CJK characters, at
 * most 0.6 em for Latin letters and digits (a damaged font may claim a full em for a half-width
 * digit; the smaller of claim and class wins).
 */
export function nominalWidth(g: PdfGlyph): number {
  const em = g.size * g.scaleX;
  // Closing marks have their ink in the left half of the em: set half-width (or hanging at a line's
  // end) they reach half an em.
  if (CLOSING.test(g.text)) return 0.5 * em;
  // A ligature (a 2-em dash drawn as one glyph) covers an em per character.
  if (WIDE.test(g.text)) return (g.advance > 0 ? Math.min(g.advance, [...g.text].length * em) : [...g.text].length * em);
  // Digits are half-width in CJK typesetting; a damaged font may claim a full em for them.
  if (/[0-9]/.test(g.text)) return g.advance > 0 ? Math.min(g.advance, 0.6 * em) : 0.5 * em;
  // Latin letters and signs: the font's own advance where it is plausible.
  // (Wide capitals such as W and M run past an em in some faces.)
  return g.advance > 0 && g.advance <= 1.2 * em ? g.advance : 0.6 * em;
}

/**
 * Two copies of one character closer than this (in em) are one glyph drawn twice: no typesetter
 * sets two identical characters within a fifth of an em of each other, while fake-bold overprints
 * offset the copy by a few hundredths of an em.
 */
const OVERPRINT_EM = 0.2;
/**
 * Glyphs of one line share a baseline to within this share of their size: a run-in byline in
 * another face can sit a few tenths of a point off the body's baseline, while the next line is at
 * least one em (plus the line gap) away.
 */
const BASELINE_EM = 0.25;
/**
 * A gap wider than this (in em, after the previous glyph's nominal width) separates two lines on
 * one baseline: newspaper column gutters are at least about one em (less where a half-width quote
 * opens the next column's line), while justification spreads a
 * body line by fractions of an em. A letter-spaced line (gaps large everywhere) stays one line.
 */
const GUTTER_EM = 0.8;
/** White to the next glyph's ink (an opening mark's blank counted) that is a gutter: see splitAtGutters. */
const INK_GUTTER_EM = 1.1;

/** The ideographic em box stands this share of the size above the baseline (and the rest, 0.12, below). */
export const EM_ABOVE_BASELINE = 0.88;

/**
 * A grid of cells over the page, by integer column and row: numbers, not "x,y" strings, for keys
 * (the readers look up nine cells per glyph, thousands of glyphs a page).
 */
class Grid<T> {
  private readonly columns = new Map<number, Map<number, T[]>>();
  add(cx: number, cy: number, item: T): void {
    let column = this.columns.get(cx);
    if (!column) this.columns.set(cx, (column = new Map()));
    const list = column.get(cy);
    if (list) list.push(item);
    else column.set(cy, [item]);
  }
  get(cx: number, cy: number): T[] | undefined {
    return this.columns.get(cx)?.get(cy);
  }
}

/** Merge overprinted copies (fake bold) into one glyph, reporting the copies. */
function mergeOverprints(glyphs: readonly PdfGlyph[]): { kept: LineGlyph[]; dropped: DroppedGlyph[] } {
  const kept: LineGlyph[] = [];
  const dropped: DroppedGlyph[] = [];
  // A coarse grid over origins: copies fall into the same or a neighbouring cell.
  const cells = new Grid<LineGlyph>();
  for (const g of glyphs) {
    const c = Math.max(g.size, 1) * OVERPRINT_EM;
    const gx = Math.floor(g.x / c), gy = Math.floor(g.y / c);
    let twin: LineGlyph | undefined;
    for (let dx = -1; dx <= 1 && !twin; dx++)
      for (let dy = -1; dy <= 1 && !twin; dy++) {
        const list = cells.get(gx + dx, gy + dy);
        if (list)
          for (const k of list)
            if (k.text === g.text && k.vertical === g.vertical && Math.abs(k.size - g.size) < 0.1 * g.size && Math.abs(k.x - g.x) < c && Math.abs(k.y - g.y) < c) {
              twin = k;
              break;
            }
      }
    if (twin) {
      twin.overprinted = true;
      dropped.push({ text: g.text, x: g.x, y: g.y, reason: 'fake-bold-duplicate' });
      continue;
    }
    const k: LineGlyph = { ...g, ...(g.mode === 'fill-stroke' ? { overprinted: true } : {}) };
    kept.push(k);
    cells.add(gx, gy, k);
  }
  return { kept, dropped };
}

/** The value that occurs most often (ties: the first). */
export function mode<T>(values: readonly T[]): T {
  const n = new Map<T, number>();
  let best = values[0];
  let bestN = 0;
  for (const v of values) {
    const c = (n.get(v) ?? 0) + 1;
    n.set(v, c);
    if (c > bestN) (best = v), (bestN = c);
  }
  return best;
}

/** Position along the line (u) and across it (v) for a glyph in a frame turned by `angle`. */
function frame(angle: number) {
  const r = (angle * Math.PI) / 180;
  const c = Math.cos(r), s = Math.sin(r);
  // Page y grows downwards; a baseline at +angle runs (cos, −sin) on the page.
  return { u: (g: PdfGlyph) => g.x * c - g.y * s, v: (g: PdfGlyph) => g.x * s + g.y * c };
}

function makeLine(glyphs: LineGlyph[], vertical: boolean, fonts: readonly PdfFont[]): TextLine {
  const sizes = glyphs.map((g) => Math.round(g.size * 100) / 100);
  const size = mode(sizes);
  const font = mode(glyphs.map((g) => g.font));
  const first = glyphs[0];
  const last = glyphs[glyphs.length - 1];
  let bbox: Rect;
  if (vertical) {
    const x = glyphs.reduce((a, g) => a + g.x, 0) / glyphs.length;
    bbox = [x - size / 2, first.y, x + size / 2, last.y + last.size];
  } else {
    const y = glyphs.map((g) => g.y).sort((a, b) => a - b)[glyphs.length >> 1];
    bbox = [first.x, y - EM_ABOVE_BASELINE * size, last.x + inkWidth(last), y + (1 - EM_ABOVE_BASELINE) * size];
  }
  const overprinted = glyphs.filter((g) => g.overprinted).length;
  return {
    glyphs,
    text: glyphs.map((g) => (g.known ? g.text : '')).join(''),
    baseline: vertical ? (bbox[0] + bbox[2]) / 2 : glyphs.map((g) => g.y).sort((a, b) => a - b)[glyphs.length >> 1],
    bbox,
    size,
    font,
    vertical,
    bold: !!fonts[font]?.bold || overprinted * 2 > glyphs.length,
    color: mode(glyphs.map((g) => g.color)),
    unknown: glyphs.filter((g) => !g.known).length,
    invisible: glyphs.every((g) => g.mode === 'invisible'),
  };
}

/**
 * Split glyphs that share a baseline (sorted along it) where a gap is wider than a gutter, unless
 * the gaps are all alike (a letter-spaced heading: its characters stand at even steps).
 */
function splitAtGutters(row: LineGlyph[], along: (g: PdfGlyph) => number, extent: (g: PdfGlyph) => number, ruled: (a: PdfGlyph, b: PdfGlyph) => boolean = () => false): LineGlyph[][] {
  const gaps: number[] = [];
  for (let i = 1; i < row.length; i++) gaps.push(along(row[i]) - (along(row[i - 1]) + extent(row[i - 1])));
  // The row's usual gap: a letter-spaced line has large gaps everywhere, a gutter is one gap out of line.
  const usual = gaps.length ? [...gaps].sort((a, b) => a - b)[gaps.length >> 1] : 0;
  const out: LineGlyph[][] = [[row[0]]];
  for (let i = 1; i < row.length; i++) {
    const a = row[i - 1], b = row[i];
    const em = Math.max(a.size, b.size);
    const sizeChange = Math.abs(a.size - b.size) > 0.2 * Math.min(a.size, b.size);
    const gap = gaps[i - 1];
    // A run-in title (another face) is set off from its text by about an em: wider than a word space,
    // narrower than a gutter (1.3 em and more).
    // (Measured to the next glyph's ink: an opening quote shifted left into the gutter does not make one.)
    const ink = gap + leadBlank(b);
    const runIn = a.font !== b.font && ink < 1.2 * em;
    // An opening mark that begins the next column's line is set with its blank shifted left into the
    // gutter (clreq's line-start compression): its origin stands closer than the gutter is wide, and
    // the white to its ink tells. Inside a line two full marks side by side (。“) leave an em of white
    // already, so that white must be more than an em.
    const wide = gap > GUTTER_EM * em || ink > INK_GUTTER_EM * em;
    const gutter = wide && ink > 1.5 * Math.max(usual, 0) + 0.5 * em && !runIn;
    if (gutter || (sizeChange && gap > 0.5 * em) || ruled(a, b)) out.push([b]);
    else out[out.length - 1].push(b);
  }
  return out;
}

/**
 * Cluster values within a tolerance of the cluster's running mean (input sorted by value); the
 * tolerance is the smaller of the joining item's and the cluster's first item's, so a large
 * headline glyph does not pull in the body lines around it.
 */
function clusterBy<T>(items: readonly T[], value: (t: T) => number, tolerance: (t: T) => number): T[][] {
  const out: T[][] = [];
  let sum = 0;
  for (const it of items) {
    const cur = out[out.length - 1];
    if (cur && Math.abs(value(it) - sum / cur.length) <= Math.min(tolerance(it), tolerance(cur[0]))) {
      cur.push(it);
      sum += value(it);
    } else {
      out.push([it]);
      sum = value(it);
    }
  }
  return out;
}

/**
 * A stack of one-character lines at one x, one em or so apart, is a vertical headline set as
 * horizontal glyphs (as engines without vertical writing set it): one vertical line.
 */
function joinStacks(lines: TextLine[], fonts: readonly PdfFont[]): TextLine[] {
  const singles = lines.filter((l) => !l.vertical && l.glyphs.length === 1).sort((a, b) => a.bbox[0] - b.bbox[0] || a.baseline - b.baseline);
  const used = new Set<TextLine>();
  const out: TextLine[] = [];
  for (const l of singles) {
    if (used.has(l)) continue;
    const stack = [l];
    for (;;) {
      const prev = stack[stack.length - 1];
      const next = singles.find((m) => !used.has(m) && m !== prev && !stack.includes(m) && Math.abs(m.size - prev.size) < 0.05 * prev.size && Math.abs(m.glyphs[0].x - prev.glyphs[0].x) < 0.15 * prev.size && m.baseline > prev.baseline && m.baseline - prev.baseline < 1.6 * prev.size && m.baseline - prev.baseline > 0.85 * prev.size);
      if (!next) break;
      stack.push(next);
    }
    // Three characters at least: two stacked single characters may be a drop cap and its neighbour.
    if (stack.length < 3) continue;
    stack.forEach((s) => used.add(s));
    const glyphs = stack.map((s) => s.glyphs[0]);
    const line = makeLine(glyphs, true, fonts);
    const size = line.size;
    line.bbox = [glyphs[0].x, glyphs[0].y - EM_ABOVE_BASELINE * size, glyphs[0].x + size, glyphs[glyphs.length - 1].y + (1 - EM_ABOVE_BASELINE) * size];
    line.baseline = glyphs[0].x + size / 2;
    out.push(line);
  }
  return [...lines.filter((l) => !used.has(l)), ...out];
}

/**
 * Glyphs set one above the other (a vertical headline set with horizontal glyphs, as engines without
 * vertical writing set it): a glyph whose nearest neighbour of its size stands below or above it,
 * about an em away, while no neighbour stands that close on its baseline. In horizontal text the
 * neighbour on the line is always nearer (an em) than the one on the next line (the leading, more
 * than an em); in a vertical column it is the other way round.
 */
function stackedGlyphs(glyphs: readonly LineGlyph[]): Set<LineGlyph> {
  const CELL = 12;
  const grid = new Grid<LineGlyph>();
  for (const g of glyphs) grid.add(Math.floor(g.x / CELL), Math.floor(g.y / CELL), g);
  const stacked = new Set<LineGlyph>();
  for (const g of glyphs) {
    const em = g.size;
    const r = 1.6 * em;
    let dv = Infinity, dh = Infinity;
    // The neighbours within r of the glyph's cell range.
    for (let cx = Math.floor((g.x - r) / CELL); cx <= Math.floor((g.x + r) / CELL); cx++)
      for (let cy = Math.floor((g.y - r) / CELL); cy <= Math.floor((g.y + r) / CELL); cy++) {
        const list = grid.get(cx, cy);
        if (!list) continue;
        for (const o of list) {
          if (o === g || Math.abs(o.size - em) > 0.05 * em) continue;
          const dx = Math.abs(o.x - g.x), dy = Math.abs(o.y - g.y);
          if (dx < 0.15 * em && dy > 0.85 * em && dy < 1.5 * em) dv = Math.min(dv, dy);
          if (dy < BASELINE_EM * em && dx > 0.01 && dx < 1.6 * em) dh = Math.min(dh, dx);
        }
      }
    if (dv < Infinity && dh > dv + 0.15 * em) stacked.add(g);
  }
  return stacked;
}

/** Every line of a page's text layer, top to bottom and left to right, and the overprinted copies dropped. */
export function readLines(page: Pick<PdfPage, 'glyphs' | 'fonts'> & Partial<Pick<PdfPage, 'paths'>>): { lines: TextLine[]; dropped: DroppedGlyph[] } {
  const { kept, dropped } = mergeOverprints(page.glyphs);
  // Vertical rules (column rules): no line runs across one.
  const rules: { x: number; y0: number; y1: number }[] = [];
  for (const p of page.paths ?? []) {
    for (const r of p.rectangles) if (r[2] - r[0] <= 2.5 && r[3] - r[1] >= 10 && (p.fill || p.stroke)) rules.push({ x: (r[0] + r[2]) / 2, y0: r[1], y1: r[3] });
    if (p.stroke && !p.rectangles.length) for (const sg of p.segments) if (Math.abs(sg.x1 - sg.x0) < 0.5 && Math.abs(sg.y1 - sg.y0) >= 10) rules.push({ x: (sg.x0 + sg.x1) / 2, y0: Math.min(sg.y0, sg.y1), y1: Math.max(sg.y0, sg.y1) });
  }
  const ruled = (a: PdfGlyph, b: PdfGlyph) => rules.some((r) => r.x > a.x + 0.3 * a.size && r.x < b.x && r.y0 <= a.y && r.y1 >= a.y - 0.5 * a.size);
  const lines: TextLine[] = [];
  // Vertical writing-mode glyphs: columns by their centre x, read downwards.
  const vertical = kept.filter((g) => g.vertical).sort((a, b) => a.x - b.x);
  for (const col of clusterBy(vertical, (g) => g.x, (g) => BASELINE_EM * g.size)) {
    col.sort((a, b) => a.y - b.y);
    for (const part of splitAtGutters(col, (g) => g.y, (g) => g.advance || g.size)) lines.push(makeLine(part, true, page.fonts));
  }
  // Horizontal glyphs stacked into columns: vertical lines too (their x is the left edge of the em box).
  const stacked = stackedGlyphs(kept.filter((g) => !g.vertical && Math.round(g.angle) === 0));
  const stacks = [...stacked].sort((a, b) => a.x - b.x);
  for (const col of clusterBy(stacks, (g) => g.x, (g) => 0.15 * g.size)) {
    col.sort((a, b) => a.y - b.y);
    for (const part of splitAtGutters(col, (g) => g.y, (g) => g.size)) {
      if (part.length < 2) {
        part.forEach((g) => stacked.delete(g));
        continue;
      }
      const line = makeLine(part, true, page.fonts);
      const size = line.size;
      line.bbox = [part[0].x, part[0].y - EM_ABOVE_BASELINE * size, part[0].x + size * part[0].scaleX, part[part.length - 1].y + (1 - EM_ABOVE_BASELINE) * size];
      line.baseline = part[0].x + (size * part[0].scaleX) / 2;
      lines.push(line);
    }
  }
  // Horizontal glyphs, grouped by baseline angle (rotated text is read in its own frame).
  const byAngle = new Map<number, LineGlyph[]>();
  for (const g of kept) {
    if (g.vertical || stacked.has(g)) continue;
    const a = Math.round(g.angle);
    const list = byAngle.get(a);
    if (list) list.push(g);
    else byAngle.set(a, [g]);
  }
  for (const [angle, glyphs] of byAngle) {
    const { u, v } = frame(angle);
    glyphs.sort((a, b) => v(a) - v(b));
    for (const row of clusterBy(glyphs, v, (g) => BASELINE_EM * g.size)) {
      // Glyphs drawn at (nearly) one origin keep their drawing order (an opening mark shifted back onto a compressed stop).
      row.sort((a, b) => (Math.abs(u(a) - u(b)) < 0.1 * Math.min(a.size, b.size) ? a.seq - b.seq : u(a) - u(b)));
      for (const part of splitAtGutters(row, u, nominalWidth, angle === 0 ? ruled : undefined)) lines.push(makeLine(part, false, page.fonts));
    }
  }
  const all = joinStacks(lines, page.fonts);
  all.sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  return { lines: all, dropped };
}
