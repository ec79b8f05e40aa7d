import type { Rect } from '../../pdf/types.js';
import type { TextLine } from '../../pdf/lines.js';
import type { Graphics } from './graphics.js';

/**
 * Lines → column stacks: the lines of one text column, top to bottom, at one size and pitch, with
 * nothing (rule, photo, heading, another text) between them. A stack is the unit the article
 * stage chains into articles.
 */
/** A column line; `tail` is a piece set apart on the same baseline (a flush-right credit), joined to it. */
export interface ColumnLine extends TextLine {
  tail?: { text: string; x: number; bold: boolean; font: number };
  /** A subhead set inside the column (in another size or face, between paragraphs). */
  subhead?: boolean;
}

export interface Stack {
  lines: ColumnLine[];
  /** Column edges: where full lines start and end. */
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  /** Baseline pitch (the leading); 0 for a one-line stack. */
  pitch: number;
}

/** Horizontal overlap of two ranges. */
export const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * The largest baseline step inside one stack, in pitches: a blank line between paragraphs or a
 * subhead taking two lines is still the same column; more than that is a break in the page.
 */
const MAX_STEP_PITCHES = 2.6;
/** The first step of a stack (pitch unknown yet): body leading in Chinese newspapers runs 1.2–1.8 em. */
const MAX_FIRST_STEP_EM = 2.2;

function median(v: number[]): number {
  if (!v.length) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1];
}

export function stackPitch(lines: readonly TextLine[]): number {
  const steps: number[] = [];
  for (let i = 1; i < lines.length; i++) steps.push(lines[i].baseline - lines[i - 1].baseline);
  // The most common step, not the mean: blank lines and subheads make a few larger ones.
  return median(steps);
}

interface Open {
  lines: ColumnLine[];
  x0: number;
  x1: number;
  size: number;
}

/** Is anything drawn across [x0, x1] between y0 and y1? (rules, photos, boxes' edges, other lines) */
function blocked(x0: number, x1: number, y0: number, y1: number, g: Graphics, others: readonly Rect[]): boolean {
  const w = x1 - x0;
  for (const r of g.rules) if (r.orientation === 'h' && r.at > y0 && r.at < y1 && overlap(r.from, r.to, x0, x1) > 0.3 * w) return true;
  for (const b of g.boxes) {
    // A box edge between the two lines (one inside the box, one outside).
    for (const edge of [b.bbox[1], b.bbox[3]]) if (edge > y0 && edge < y1 && overlap(b.bbox[0], b.bbox[2], x0, x1) > 0.3 * w) return true;
  }
  for (const p of g.photos) if (p.bbox[1] < y1 && p.bbox[3] > y0 && overlap(p.bbox[0], p.bbox[2], x0, x1) > 0.3 * w && p.bbox[1] >= y0 - 1) return true;
  for (const o of others) if (o[1] > y0 && o[3] < y1 && overlap(o[0], o[2], x0, x1) > 0.3 * w) return true;
  return false;
}

/**
 * Stack the text lines of a page into columns. `obstacles` are the boxes of lines that are not
 * column text (headings), which no column runs through.
 */
export function buildStacks(lines: readonly TextLine[], g: Graphics, obstacles: readonly Rect[]): Stack[] {
  const sorted = [...lines].sort((a, b) => a.baseline - b.baseline || a.bbox[0] - b.bbox[0]);
  const open: Open[] = [];
  for (const l of sorted) {
    const [lx0, , lx1] = l.bbox;
    const em = l.size;
    let best: Open | undefined;
    let bestStep = Infinity;
    for (const s of open) {
      if (Math.abs(s.size - l.size) > 0.1 * l.size) continue;
      const last = s.lines[s.lines.length - 1];
      const step = l.baseline - last.baseline;
      // The same baseline inside the column: a piece set apart on the line (a credit flush right).
      if (Math.abs(step) < 0.25 * em) {
        const inColumn = lx1 <= s.x1 + em && lx0 >= s.x0 - em && overlap(lx0, lx1, s.x0, s.x1) > 0;
        if (overlap(lx0, lx1, last.bbox[0], last.bbox[2]) === 0 && inColumn) {
          best = s;
          bestStep = 0;
        }
        continue;
      }
      if (step < 0.8 * em) continue;
      const pitch = s.lines.length > 1 ? stackPitch(s.lines) : 0;
      if (step > (pitch ? MAX_STEP_PITCHES * pitch : MAX_FIRST_STEP_EM * em)) continue;
      // Horizontally: the line lies in the column (a short line starts at or after its left edge).
      const ov = overlap(lx0, lx1, s.x0, s.x1);
      const inside = lx0 >= s.x0 - 0.6 * em && lx1 <= s.x1 + 0.6 * em && ov > 0;
      const wide = ov > 0.6 * Math.min(lx1 - lx0, s.x1 - s.x0) && Math.abs(lx0 - s.x0) < 3 * em;
      // A column whose lines so far are short (a paragraph's last word at its head) has no right edge yet:
      // a line starting at its left edge, or indented from it, goes on in it.
      const short = s.lines.every((x) => x.bbox[2] - x.bbox[0] < lx1 - lx0) && lx0 >= s.x0 - 0.6 * em && lx0 <= s.x0 + 3 * em;
      if (!inside && !wide && !short) continue;
      if (blocked(Math.max(lx0, s.x0), Math.min(lx1, s.x1), last.baseline, l.baseline - 0.8 * em, g, obstacles)) continue;
      if (step < bestStep) {
        best = s;
        bestStep = step;
      }
    }
    if (best && bestStep === 0) {
      // Join the tail to the line it stands on.
      const last = best.lines[best.lines.length - 1];
      best.lines[best.lines.length - 1] = joinTail(last, l);
      continue;
    }
    if (best) {
      best.lines.push(l);
      best.x0 = Math.min(best.x0, lx0);
      best.x1 = Math.max(best.x1, lx1);
    } else open.push({ lines: [l], x0: lx0, x1: lx1, size: l.size });
  }
  return open.map((s) => {
    const { x0, x1 } = columnEdges(s.lines);
    return {
      lines: s.lines,
      x0,
      x1,
      top: Math.min(...s.lines.map((l) => l.bbox[1])),
      bottom: Math.max(...s.lines.map((l) => l.bbox[3])),
      size: s.size,
      pitch: stackPitch(s.lines),
    };
  });
}

/** The most common value of a list, to a tenth of a point (ties: the first seen). */
function commonest(values: readonly number[]): number | undefined {
  const n = new Map<number, number>();
  let best: number | undefined, bestN = 0;
  for (const v of values) {
    const k = Math.round(v * 10) / 10;
    const c = (n.get(k) ?? 0) + 1;
    n.set(k, c);
    if (c > bestN) (best = k), (bestN = c);
  }
  return best;
}

/**
 * A column's edges: where most of its lines start and end (justified lines fill the measure exactly;
 * indented, centred and last lines stop short, an opening mark may hang into the margin, a closing
 * one past the end). With fewer than three lines agreeing, the extremes of the lines.
 */
export function columnEdges(lines: readonly TextLine[]): { x0: number; x1: number } {
  const opening = /^[“‘（《「『〔【〈]/;
  const lefts = lines.filter((l) => !opening.test(l.text)).map((l) => l.bbox[0]);
  const rights = lines.map((l) => l.bbox[2]);
  const min = Math.min(...(lefts.length ? lefts : lines.map((l) => l.bbox[0])));
  const max = Math.max(...rights);
  const agree = (v: number | undefined, all: readonly number[]) => v !== undefined && all.filter((x) => Math.abs(x - v) < 0.15).length >= 3;
  const left = commonest(lefts);
  const right = commonest(rights.filter((r) => r > max - 1.5 * lines[0].size));
  return { x0: agree(left, lefts) && left! <= min + 0.5 * lines[0].size ? Math.min(left!, min) : min, x1: agree(right, rights) ? right! : max };
}

/**
 * Subheads inside a column: a stack of one or two lines, in another size or face than the column, set
 * in the column's measure between its lines (or at its head) with no rule between, belongs to the
 * column. Its lines are marked as subheads and the stacks around it become one.
 */
export function absorbSubheads(stacks: Stack[], g: Graphics): Stack[] {
  let out = [...stacks];
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of out) {
      if (s.lines.length > 2) continue;
      const w = s.x1 - s.x0;
      const within = (o: Stack) => o !== s && s.x0 >= o.x0 - o.size && s.x1 <= o.x1 + o.size && w < o.x1 - o.x0 + 2 * o.size;
      const differs = (o: Stack) => Math.abs(o.size - s.size) > 0.05 * o.size || s.lines.every((l) => l.font !== o.lines[0].font && !l.glyphs.some((x) => x.font === o.lines[0].font));
      const below = out.filter((o) => within(o) && o.top >= s.bottom - 1 && o.top - s.bottom < 2.5 * o.size && differs(o)).sort((a, b) => a.top - b.top)[0];
      if (!below) continue;
      const ruledBetween = (y0: number, y1: number) => g.rules.some((r) => r.orientation === 'h' && r.at > y0 && r.at < y1 && overlap(r.from, r.to, s.x0, s.x1) > 0);
      if (ruledBetween(s.bottom, below.top)) continue;
      // The column above: flush with the one below at either edge (the text below may be only indented lines).
      const above = out.filter((o) => within(o) && o !== below && o.bottom <= s.top + 1 && s.top - o.bottom < 2.5 * o.size && (Math.abs(o.x0 - below.x0) < o.size || Math.abs(o.x1 - below.x1) < o.size) && Math.abs(o.size - below.size) < 0.05 * o.size).sort((a, b) => b.bottom - a.bottom)[0];
      const head = above && !ruledBetween(above.bottom, s.top) ? above : undefined;
      const lines: ColumnLine[] = [...(head?.lines ?? []), ...s.lines.map((l) => ({ ...l, subhead: true })), ...below.lines];
      const merged: Stack = { lines, x0: Math.min(below.x0, head?.x0 ?? Infinity), x1: Math.max(below.x1, head?.x1 ?? -Infinity), top: Math.min(s.top, head?.top ?? Infinity), bottom: below.bottom, size: below.size, pitch: stackPitch((head?.lines ?? []).concat(below.lines)) };
      out = [...out.filter((o) => o !== s && o !== below && o !== head), merged];
      changed = true;
      break;
    }
  }
  return out;
}

/** Two pieces of one line (a body line and its flush-right credit): one line, a space between; the right piece is the tail. */
export function joinTail(x: ColumnLine, y: TextLine): ColumnLine {
  const [a, b] = x.bbox[0] <= y.bbox[0] ? [x, y] : [y, x];
  return {
    ...a,
    glyphs: [...a.glyphs, ...b.glyphs],
    text: `${a.text} ${b.text}`,
    bbox: [Math.min(a.bbox[0], b.bbox[0]), Math.min(a.bbox[1], b.bbox[1]), Math.max(a.bbox[2], b.bbox[2]), Math.max(a.bbox[3], b.bbox[3])],
    unknown: a.unknown + b.unknown,
    tail: { text: b.text, x: b.bbox[0], bold: b.bold, font: b.font },
  };
}
