import type { GlyphRun, Glyphs, SetLine } from '../typeset/index.js';
import { BLACK, fillOp, isBlack, toCmyk } from './color.js';

/** The parts of pdfkit's EmbeddedFont that banmian writes through (pdfkit has no public glyph-id API). */
export interface EmbeddedFontLike {
  id: string;
  font: { getGlyph(id: number): { advanceWidth: number } };
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
  ref(): unknown;
}

export interface ContentSink {
  addContent(op: string): void;
  useFont(face: string): EmbeddedFontLike;
  /** The same font (and subset) in vertical writing mode (Identity-V): glyphs advance down the column. */
  useVerticalFont(face: string): EmbeddedFontLike;
  pageHeight: number;
  /** PDF/X: the graphics states (resource names) set before black text (overprint) and other text (knockout). */
  overprint?: { black: string; other: string };
}

/** Two hex digits for each byte value: a glyph id is written as two lookups, not a toString and a pad per glyph. */
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number) => (n >= 0 && n < 0x10000 ? HEX2[n >> 8] + HEX2[n & 0xff] : n.toString(16).padStart(4, '0'));
/** A number as PDF content writes it: at most three decimals. */
export const num = (n: number) => (Math.round(n * 1000) / 1000).toString();

/** Include a glyph in the font subset (with its width and Unicode text for extraction); its subset id. */
function encodeGlyph(font: EmbeddedFontLike, glyphs: Glyphs, k: number): number {
  const gid = glyphs.gid(k);
  const sub = font.subset.includeGlyph(gid);
  if (font.widths[sub] == null) font.widths[sub] = font.font.getGlyph(gid).advanceWidth * font.scale;
  if (font.unicode[sub] == null) font.unicode[sub] = glyphs.codePoints(k);
  return sub;
}

/**
 * Write set lines as text objects, positioned glyph by glyph so that the PDF holds exactly the
 * typesetter's positions and stays searchable. Consecutive glyphs on one baseline in one face,
 * size, scale and colour share a TJ array. Justified CJK text spaces most glyphs of a line alike,
 * so that common spacing goes in the character spacing (Tc) and only the exceptions (compressed
 * punctuation, line ends) carry a TJ number: about a third of the content stream of one number per
 * glyph, and as much less to deflate. Coordinates: pdfkit's page space is y-down; text is written
 * in PDF's native y-up space.
 *
 * For text extraction each line is a marked-content span whose ActualText is the line's text: readers
 * that honour it (poppler: pdftotext, evince, okular) take the line as one word, so that neither the
 * justification gaps nor compressed punctuation (the next glyph overlaps the mark's em) break it, and
 * the spaces are the text's own. Characters set upright in vertical text are written in the font's
 * vertical mode, one column one run, so readers (pdf.js too) read a column as a line of text.
 * `extraction` gives, per line, the size to announce to poppler (see extractionSizes).
 */
export function writeLines(sink: ContentSink, lines: readonly SetLine[], extraction?: ReadonlyMap<SetLine, number>) {
  const H = sink.pageHeight;
  const out: string[] = ['q', `1 0 0 -1 0 ${num(H)} cm`];
  // Tc and the overprint state are graphics state: they carry across text objects until the Q below
  // restores them. The page starts in knockout, so other text needs no state until black has set one.
  const state = { color: '', tc: 0, gs: sink.overprint?.other ?? '' };
  const write = (glyphs: Glyphs) => {
    for (let i = 0; i < glyphs.length; ) {
      const first = glyphs.run(i);
      let j = i + 1;
      if (first.upright) while (j < glyphs.length && sameColumn(first, glyphs.run(j - 1), glyphs.run(j))) j++;
      else if (!first.rotate) while (j < glyphs.length && sameRun(first, glyphs.run(j)) && glyphs.x(j) >= glyphs.x(j - 1)) j++;
      const cmyk = first.color ? toCmyk(first.color) : BLACK;
      const c = fillOp(cmyk);
      if (c !== state.color) {
        out.push(c);
        state.color = c;
        const gs = sink.overprint && (isBlack(cmyk) ? sink.overprint.black : sink.overprint.other);
        if (gs && gs !== state.gs) {
          out.push(`/${gs} gs`);
          state.gs = gs;
        }
      }
      if (first.upright) writeColumn(sink, out, state, glyphs.slice(i, j), H);
      else writeRun(sink, out, state, glyphs.slice(i, j), H);
      i = j;
    }
  };
  for (const line of lines) {
    const glyphs = line.glyphs;
    if (!glyphs.length) continue;
    const actual = line.text.trim();
    if (!actual) {
      write(glyphs);
      continue;
    }
    // Marks compressed at the line's ends (an opening bracket set half an em before the measure, a
    // closing one whose em runs half past it) go in spans of no text of their own: poppler takes a
    // span's replacement text to reach from its first glyph's origin to its last glyph's advance,
    // and a line reaching into the gutter is joined to the neighbouring column's. Their characters
    // are in the line's replacement text.
    const [from, to] = line.role === 'vertical' ? [0, glyphs.length] : withinMeasure(sink, line);
    if (from > 0) out.push(`/Span <</ActualText ${NO_TEXT}>> BDC`), write(glyphs.slice(0, from)), out.push('EMC');
    // The span lies inside the q … Q: poppler places the replacement text with the transformation current at its end.
    out.push(`/Span <</ActualText ${pdfTextString(actual)}>> BDC`);
    write(glyphs.slice(from, to));
    const announce = extraction?.get(line);
    // Shows nothing: it only sets the size poppler gives the replacement text (read at the span's end).
    if (announce) out.push(`BT /${sink.useFont(glyphs.run(from).face).id} ${num(announce)} Tf <> Tj ET`);
    out.push('EMC');
    if (to < glyphs.length) out.push(`/Span <</ActualText ${NO_TEXT}>> BDC`), write(glyphs.slice(to)), out.push('EMC');
  }
  out.push('Q');
  sink.addContent(out.join('\n'));
}

/** An empty text string: the span's glyphs stand for no text (their characters are in the next or previous span's). */
const NO_TEXT = '<FEFF>';

/**
 * The glyphs of a line that lie within its measure: [from, to) without a first glyph whose origin
 * lies before the line's left edge and a last one whose advance passes its right edge (marks set
 * half-width at the line's ends); all of them if that would leave none.
 */
function withinMeasure(sink: ContentSink, line: SetLine): [number, number] {
  const g = line.glyphs;
  const left = line.x - 0.01;
  const right = line.x + line.width + 0.01;
  let from = 0;
  while (from < g.length && !g.run(from).rotate && g.x(from) < left) from++;
  let to = g.length;
  const advance = (k: number) => {
    const run = g.run(k);
    const f = sink.useFont(run.face);
    return ((f.font.getGlyph(g.gid(k)).advanceWidth * f.scale) / 1000) * run.size * (run.scaleX ?? 1);
  };
  while (to > from && !g.run(to - 1).rotate && g.x(to - 1) + advance(to - 1) > right) to--;
  return to > from ? [from, to] : [0, g.length];
}

/** A text string as PDF writes it: UTF-16BE with its byte order mark, in hex. */
export function pdfTextString(text: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < text.length; i++) hex += hex4(text.charCodeAt(i));
  return `${hex}>`;
}

/**
 * Poppler (pdftotext and the viewers built on it) joins lines into a block, and so reads a column
 * as one, only when their baselines lie at most 1.5 times the font size apart; newspaper body text
 * is set at a leading of 1.5–1.8 em (14 pt on 9 pt here), so every line became a block of its own,
 * and lines standing level in neighbouring columns were read as the rows of a table, across the
 * columns. Poppler takes the size of a line's replacement text (ActualText) from the font size set
 * when the span ends: for lines of a column set at such a leading, the size announced there is the
 * leading / 1.5 (and a little), so that the column reads as one block, top to bottom. Nothing is
 * drawn at that size, and other readers take no notice of it.
 */
export function extractionSizes(lines: readonly SetLine[]): Map<SetLine, number> {
  const out = new Map<SetLine, number>();
  const columns = new Map<string, SetLine[]>();
  for (const l of lines) {
    if (!l.glyphs.length || l.role === 'vertical' || l.glyphs.run(0).upright) continue;
    const key = `${l.region}\0${l.column}`;
    (columns.get(key) ?? columns.set(key, []).get(key)!).push(l);
  }
  for (const col of columns.values()) {
    col.sort((a, b) => a.y - b.y);
    for (let k = 0; k + 1 < col.length; k++) {
      const a = col[k], b = col[k + 1];
      const size = lineSize(a);
      if (Math.abs(lineSize(b) - size) > 0.01 * size) continue;
      const step = b.y - a.y;
      // Lines of one paragraph run: more than poppler's 1.5 em apart, less than two lines' leading (a gap wider than that separates blocks anyway).
      if (step <= POPPLER_LINE_SPACING * size || step > 2 * POPPLER_LINE_SPACING * size) continue;
      const announce = (step / POPPLER_LINE_SPACING) * 1.02;
      out.set(a, Math.max(out.get(a) ?? 0, announce));
      out.set(b, Math.max(out.get(b) ?? 0, announce));
    }
  }
  return out;
}

/** Poppler's largest baseline distance of two lines in one block, in font sizes (TextOutputDev's maxLineSpacingDelta). */
const POPPLER_LINE_SPACING = 1.5;

/** The size most of a line's glyphs are set at (most lines have one size: no list is built for them). */
function lineSize(line: SetLine): number {
  const g = line.glyphs;
  const size = g.run(0).size;
  let one = true;
  for (let k = 1; k < g.length && one; k++) one = g.run(k).size === size;
  return one ? Math.round(size * 1000) / 1000 : mode(Array.from({ length: g.length }, (_, k) => g.run(k).size));
}

/** Upright glyphs that continue one column: same face, size and colour, on one vertical axis, further down. */
function sameColumn(f: GlyphRun, prev: GlyphRun, r: GlyphRun): boolean {
  return !!r.upright && r.face === f.face && r.size === f.size && r.color === f.color && r.y > prev.y;
}

/** Glyphs one TJ array can write: the same run, or runs alike (a line's glyphs share one run, unless a word or dash is scaled). */
function sameRun(r: GlyphRun, q: GlyphRun): boolean {
  return r === q ? !q.rotate : r.face === q.face && r.size === q.size && Math.abs(r.y - q.y) < 0.001 && (r.scaleX ?? 1) === (q.scaleX ?? 1) && !q.rotate && r.color === q.color;
}

/** The most frequent value (to 0.001) of a list; 0 for an empty one. */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const k = Math.round(v * 1000) / 1000;
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n > bestCount) {
      // Two assignments, not a destructuring: this runs per glyph, often before the JIT has warmed up.
      best = k;
      bestCount = n;
    }
  }
  return best;
}

/** The subset ids of glyphs, each included in the font's subset. */
const encodeAll = (font: EmbeddedFontLike, glyphs: Glyphs) => Array.from({ length: glyphs.length }, (_, k) => encodeGlyph(font, glyphs, k));

function writeRun(sink: ContentSink, out: string[], state: { tc: number }, glyphs: Glyphs, H: number) {
  const { face, size, scaleX: sx = 1, rotate, y: baseline } = glyphs.run(0);
  const font = sink.useFont(face);
  const x0 = glyphs.x(0);
  const y = H - baseline;
  const matrix = rotate === 90 ? `0 -1 1 0 ${num(x0)} ${num(y)}` : `${num(sx)} 0 0 1 ${num(x0)} ${num(y)}`;
  const subs = encodeAll(font, glyphs);
  // extra[k]: how far glyph k+1 sits beyond glyph k's advance, in text space (before the scale).
  const extra: number[] = [];
  for (let k = 0; k + 1 < glyphs.length; k++) extra.push((glyphs.x(k + 1) - glyphs.x(k)) / sx - (font.widths[subs[k]] / 1000) * size);
  const tc = glyphs.length > 1 ? mode(extra) : state.tc;
  if (tc !== state.tc) {
    out.push(`${num(tc)} Tc`);
    state.tc = tc;
  }
  // A TJ number moves the next glyph left (back) by thousandths of the size.
  const tj = tjArray(subs, (k) => (-(extra[k] - tc) * 1000) / size);
  out.push(`BT /${font.id} ${num(size)} Tf ${matrix} Tm ${tj} TJ ET`);
}

/**
 * Upright glyphs of a vertical column in the font's vertical mode (Identity-V, default vertical
 * metrics: an advance of 1 em down, the origin at the top centre of the em, 0.88 em above the
 * baseline; the typesetter sets upright glyphs on that em, BASELINE in flow.ts). Spacing beyond
 * the em is the character spacing (negative: down, in vertical mode) and TJ numbers.
 */
function writeColumn(sink: ContentSink, out: string[], state: { tc: number }, glyphs: Glyphs, H: number) {
  const first = glyphs.run(0);
  const font = sink.useVerticalFont(first.face);
  const size = first.size;
  const subs = encodeAll(font, glyphs);
  const width = (k: number) => (font.widths[subs[k]] / 1000) * size;
  // The vertical origin: the horizontal origin moved by half the glyph's width and by 0.88 em up.
  const x = glyphs.x(0) + width(0) / 2;
  const y = H - first.y + VERTICAL_ORIGIN * size;
  const extra: number[] = [];
  for (let k = 0; k + 1 < glyphs.length; k++) extra.push(glyphs.run(k + 1).y - glyphs.run(k).y - size);
  const spread = glyphs.length > 1 ? mode(extra) : 0;
  const tc = -spread;
  if (tc !== state.tc) {
    out.push(`${num(tc)} Tc`);
    state.tc = tc;
  }
  // A positive number moves the next glyph down in vertical mode.
  const tj = tjArray(subs, (k) => ((extra[k] - spread) * 1000) / size);
  out.push(`BT /${font.id} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm ${tj} TJ ET`);
}

/** The default position vector's vertical part (DW2 [880 -1000]): the vertical origin lies this many em above the baseline. */
const VERTICAL_ORIGIN = 0.88;

/** A TJ array of two-byte glyph codes, with `adjust(k)` between glyph k and k+1 where it is not negligible. */
function tjArray(subs: readonly number[], adjust: (k: number) => number): string {
  // Pieces joined once: a string grown by += is a chain of one object per glyph until it is flattened.
  const tj = ['[<'];
  for (let k = 0; k < subs.length; k++) {
    tj.push(hex4(subs[k]));
    if (k + 1 < subs.length) {
      const adj = adjust(k);
      if (Math.abs(adj) > 0.05) tj.push(`> ${num(adj)} <`);
    }
  }
  tj.push('>]');
  return tj.join('');
}
