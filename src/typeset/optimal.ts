import type { Item } from './items.js';
import { allowedStart } from './breaking.js';
import { FITS_EM } from './line.js';

/**
 * Optimal-fit line breaking (Knuth and Plass, as Typst's inline layout does it): the breaks of a
 * whole paragraph chosen together, so that the sum over its lines of (1 + badness + penalty)² is
 * least. A line's badness is 100·|ratio|³, where the ratio says how far the line must shrink (down
 * to −1: every mark at its narrowest) or stretch to fill the measure. Chinese text has no spaces to
 * stretch: an underfull line is spread between all its characters, and its ratio is 1 plus the extra
 * space per gap in half ems, so a line spread by even a little costs more than one compressed to the
 * limit. That is why such typesetters rather compress marks than leave a line short, and why they
 * sometimes break a line early to spare a later one a worse fate.
 *
 * A line is measured as the typesetters that do this measure it (clreq 3.1.6.3): the blank of a mark
 * that ends the line and of an opening mark that starts it is taken off; the others may shrink.
 * The measure is the same function for every candidate line, in constant time from prefix sums.
 */

/** Badness of a line that cannot be set without overflowing (Typst's figure). */
const OVERFULL = 1_000_000;
/** Penalty for a paragraph's last line that holds a single unbreakable piece (a runt). */
const RUNT = 100;
/** A line that needs all of its shrink still fits (to rounding). */
const LIMIT = 1e-6;

/** Can a line end before items[k] (and the next begin there, spaces skipped)? */
function breakAllowed(items: readonly Item[], k: number): boolean {
  const prev = items[k - 1];
  return allowedStart(items, k) && !prev.noEnd && prev.kind !== 'fill';
}

/** The sums a line's measure is read from: index k holds the sum over items [0, k). */
interface Sums {
  span: Float64Array; // width + glue after
  shrink: Float64Array; // both sides' shrink, plus glue that may go
  cjk: Int32Array; // Chinese characters and marks: where an underfull line takes its room
}

/** Items an underfull line spreads its room after: a Chinese character or mark. */
const CJK_KINDS = new Set<Item['kind']>(['han', 'punct']);

function sums(items: readonly Item[], from: number, stop: number): Sums {
  const n = stop - from;
  const span = new Float64Array(n + 1);
  const shrink = new Float64Array(n + 1);
  const cjk = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[from + i];
    span[i + 1] = span[i] + it.width + it.glue;
    shrink[i + 1] = shrink[i] + it.start.shrink + it.end.shrink + it.glueShrink;
    cjk[i + 1] = cjk[i] + (CJK_KINDS.has(it.kind) ? 1 : 0);
  }
  return { span, shrink, cjk };
}

/**
 * The ratio of the line [a, b) (item indexes from `from`) in `width`: 0 when it fits exactly,
 * negative when it must shrink (below −1 it cannot), positive when it must stretch.
 */
function ratioOf(items: readonly Item[], from: number, s: Sums, a: number, b: number, width: number, trimStart: boolean): number {
  const first = items[from + a];
  const last = items[from + b - 1];
  // The line's first item gives up what its start edge allows (an opening mark its blank, a tab that
  // begins a line set flush right all its room), as in breakLine; except an opening mark after the
  // paragraph's indent (trimStart false), which is no edge.
  const trimmed = trimStart || first.kind === 'fill';
  const natural = s.span[b] - s.span[a] - last.glue - last.end.edge - (trimmed ? first.start.edge : 0);
  const delta = width - natural;
  if (Math.abs(delta) < FITS_EM * first.size) return 0;
  if (delta < 0) {
    // Inner sides only: the edges' blanks are gone already; the last item's glue is not in the line.
    // An opening mark that starts the line may give up its blank as it would inside the line.
    const shrink = s.shrink[b] - s.shrink[a] - (trimmed ? first.start.shrink : 0) - last.end.shrink - last.glueShrink;
    return shrink > 0 ? delta / shrink : -Infinity;
  }
  // Chinese has nothing that stretches (marks do not: an underfull line's room is not given back to
  // its compressed marks first): the room is spread between the characters, in half ems per gap.
  // The gaps are the Chinese characters' and marks' (a Latin word or a number takes none), the last
  // one's aside: the line's end takes no space. Ratios past 10 are all as bad (Typst clamps there too).
  const gaps = Math.max(1, s.cjk[b] - s.cjk[a] - (CJK_KINDS.has(last.kind) ? 1 : 0));
  return Math.min(10, 1 + delta / gaps / (first.size / 2));
}

/**
 * The ends (exclusive item indexes) of the optimal lines for items [start, stop), the first line
 * `first` wide and the others `rest`. The last end is `stop`. Spaces at a line's start are skipped.
 * `indented`: the first line begins after the paragraph's indent, so an opening mark there is not at
 * the line's edge and keeps its blank (as in Typst, where the indent is the line's first item).
 */
export function optimalBreaks(items: readonly Item[], start: number, stop: number, first: number, rest: number, indented = false): number[] {
  const s = sums(items, start, stop);
  const n = stop - start;
  // Candidate ends (relative to start), the last one the paragraph's end.
  const ends: number[] = [];
  for (let k = start + 1; k < stop; k++) if (breakAllowed(items, k)) ends.push(k - start);
  ends.push(n);
  // Nodes: 0 is the paragraph's start; node i > 0 is ends[i - 1].
  const m = ends.length;
  const total = new Float64Array(m + 1).fill(Infinity);
  const pred = new Int32Array(m + 1).fill(-1);
  const lineNo = new Int32Array(m + 1);
  const begin = new Int32Array(m + 1); // where the line after node i begins (spaces skipped)
  const skip = (k: number) => {
    while (k < n && items[start + k].kind === 'space') k++;
    return k;
  };
  total[0] = 0;
  begin[0] = skip(0);
  let active = 0;
  for (let j = 1; j <= m; j++) {
    const end = ends[j - 1];
    const eof = j === m;
    let best = Infinity;
    let bestPred = -1;
    for (let i = active; i < j; i++) {
      if (total[i] === Infinity) continue;
      const a = begin[i];
      // Trailing spaces are not part of the line.
      let b = end;
      while (b > a + 1 && items[start + b - 1].kind === 'space') b--;
      if (b <= a) continue;
      const width = lineNo[i] === 0 ? first : rest;
      const ratio = ratioOf(items, start, s, a, b, width, !(indented && lineNo[i] === 0));
      const overfull = ratio < -1 - LIMIT;
      if (overfull && i === active) active = i + 1;
      let badness = overfull ? OVERFULL : eof && ratio >= 0 ? 0 : 100 * Math.abs(ratio) ** 3;
      if (!Number.isFinite(badness)) badness = OVERFULL;
      let penalty = 0;
      if (eof) {
        let breakable = false;
        for (let k = a + 1; k < b && !breakable; k++) breakable = breakAllowed(items, start + k);
        if (!breakable) penalty += RUNT;
      }
      const cost = total[i] + (1 + badness + penalty) ** 2;
      if (cost <= best) (best = cost), (bestPred = i);
    }
    if (bestPred < 0) {
      // Every earlier start is out of reach (a run wider than the measure): take the nearest.
      bestPred = j - 1;
      best = total[j - 1] + (1 + OVERFULL) ** 2;
    }
    total[j] = best;
    pred[j] = bestPred;
    lineNo[j] = lineNo[bestPred] + 1;
    begin[j] = skip(end);
  }
  const out: number[] = [];
  for (let j = m; j > 0; j = pred[j]) out.push(start + ends[j - 1]);
  return out.reverse();
}
