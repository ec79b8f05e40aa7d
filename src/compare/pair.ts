import type { CompareLine } from './page.js';

/**
 * How an original line (or a facsimile line) fared:
 * - identical: a line of the other page has the same text (white space aside);
 * - rebroken: all its characters are on the other page, but split at other places;
 * - changed: some of its characters are there, some missing or added;
 * - missing / added: none of its characters are on the other page.
 */
export type LineStatus = 'identical' | 'rebroken' | 'changed' | 'missing' | 'added';

/** A character matched across the pages: facsimile line and character index. */
interface CharMatch {
  line: number;
  char: number;
}

export interface TextRun {
  region: number;
  text: string;
}

export interface Pairing {
  statusA: LineStatus[];
  statusB: LineStatus[];
  /** The partner of an identical or changed line (-1: none). */
  partnerA: number[];
  partnerB: number[];
  /** How far each paired original line moved to its partner, page points (dx, dy); undefined when unpaired. */
  moveA: ({ dx: number; dy: number } | undefined)[];
  missing: TextRun[];
  added: TextRun[];
  /** Text of a region found in another region of the other page (and the text found there). */
  movedOut: TextRun[];
  movedIn: TextRun[];
}

/**
 * Aligned characters count only in runs of at least this many: any two Chinese texts share single
 * characters and pairs by chance (的, 是, 。, 、), while text that broke elsewhere or sits in a
 * changed line shares whole phrases. (A region whose whole text is shorter counts as it is.)
 */
const MIN_RUN = 3;

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? 0 : n % 2 ? s[n >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/**
 * Lines with the same text, paired greedily nearest first: a text that occurs several times (a
 * repeated byline, a one-character line) pairs with the copy closest to where it stood.
 */
export function pairIdentical(a: readonly CompareLine[], b: readonly CompareLine[]): { partnerA: number[]; partnerB: number[] } {
  const partnerA = a.map(() => -1);
  const partnerB = b.map(() => -1);
  const byText = new Map<string, number[]>();
  b.forEach((l, j) => (byText.get(l.text) ?? byText.set(l.text, []).get(l.text)!).push(j));
  const candidates: [number, number, number][] = [];
  a.forEach((l, i) => {
    for (const j of byText.get(l.text) ?? []) candidates.push([i, j, Math.hypot(b[j].xs[0] - l.xs[0], b[j].ys[0] - l.ys[0])]);
  });
  candidates.sort((p, q) => p[2] - q[2]);
  for (const [i, j] of candidates) {
    if (partnerA[i] >= 0 || partnerB[j] >= 0) continue;
    partnerA[i] = j;
    partnerB[j] = i;
  }
  return { partnerA, partnerB };
}

/**
 * Align two character sequences: for each character of `a` the index of its partner in `b` (-1:
 * none), by their common runs, longest first and in any order (`tile`): re-broken text is one run,
 * and so is a paragraph the facsimile set before another. Runs of MIN_RUN characters or more count;
 * a sequence shorter than that (a two-character line) only as a whole.
 */
function align(a: readonly string[], b: readonly string[]): number[] {
  const toB = a.map(() => -1);
  const minRun = Math.min(MIN_RUN, a.length, b.length);
  if (minRun > 0) tile(a, b, toB, b.map(() => -1), minRun);
  return toB;
}

/**
 * Greedy string tiling of what two sequences have left unaligned (toB/fromA: -1): their common runs
 * of minRun or more characters, longest first, in any order (as plagiarism detectors compare
 * texts). Runs start where a minRun-gram of `a` occurs in `b` and are extended as far as both
 * agree: about linear in the text, so unrelated pages cost no more than related ones.
 */
function tile(a: readonly string[], b: readonly string[], toB: number[], fromA: number[], minRun = MIN_RUN): void {
  const key = (s: readonly string[], i: number) => s.slice(i, i + minRun).join('\u0000');
  const grams = new Map<string, number[]>();
  for (let j = 0; j + minRun <= b.length; j++) {
    if (fromA[j] >= 0) continue;
    const k = key(b, j);
    (grams.get(k) ?? grams.set(k, []).get(k)!).push(j);
  }
  const runs: [number, number, number][] = [];
  for (let i = 0; i + minRun <= a.length; i++) {
    if (toB[i] >= 0) continue;
    for (const j of grams.get(key(a, i)) ?? []) {
      // Only runs that cannot be extended to the left: the others are tails of these.
      if (i > 0 && j > 0 && toB[i - 1] < 0 && fromA[j - 1] < 0 && a[i - 1] === b[j - 1]) continue;
      let n = 0;
      while (i + n < a.length && j + n < b.length && toB[i + n] < 0 && fromA[j + n] < 0 && a[i + n] === b[j + n]) n++;
      if (n >= minRun) runs.push([n, i, j]);
    }
  }
  runs.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);
  for (const [n, i, j] of runs) {
    // A longer run taken first may have used part of this one: take the stretches still free on
    // both sides that are long enough.
    for (let m = 0; m < n; ) {
      let k = 0;
      while (m + k < n && toB[i + m + k] < 0 && fromA[j + m + k] < 0) k++;
      if (k >= minRun)
        for (let q = m; q < m + k; q++) {
          toB[i + q] = j + q;
          fromA[j + q] = i + q;
        }
      m += k + 1;
    }
  }
}

/**
 * The rest, region by region: the unpaired lines of each page in drawing order, joined, and their
 * characters aligned (`align`). Aligned characters are text that broke
 * elsewhere or sits in a changed line; the rest is missing from or added to the facsimile.
 */
export function pairRest(
  a: readonly CompareLine[],
  b: readonly CompareLine[],
  identical: { partnerA: number[]; partnerB: number[] },
  regionA: readonly number[],
  regionB: readonly number[],
): Pairing {
  const matchA: (CharMatch | undefined)[][] = a.map((l) => l.chars.map(() => undefined));
  const matchedB: boolean[][] = b.map((l) => l.chars.map(() => false));
  const char = (lines: readonly CompareLine[], t: CharMatch) => lines[t.line].chars[t.char];
  const unpairedIn = (lines: readonly CompareLine[], partner: number[], region: readonly number[], r: number) =>
    lines.map((_, i) => i).filter((i) => partner[i] < 0 && region[i] === r).sort((p, q) => lines[p].order - lines[q].order);
  const tokensOf = (lines: readonly CompareLine[], which: number[]) => which.flatMap((line) => lines[line].chars.map((_, c) => ({ line, char: c })));

  // Region by region: the unpaired lines' characters, aligned in reading order.
  const regions = [...new Set([...regionA, ...regionB])].sort((p, q) => p - q);
  for (const region of regions) {
    const tokensA = tokensOf(a, unpairedIn(a, identical.partnerA, regionA, region));
    const tokensB = tokensOf(b, unpairedIn(b, identical.partnerB, regionB, region));
    if (!tokensA.length || !tokensB.length) continue;
    const toB = align(tokensA.map((t) => char(a, t)), tokensB.map((t) => char(b, t)));
    toB.forEach((k, i) => {
      if (k < 0) return;
      matchA[tokensA[i].line][tokensA[i].char] = tokensB[k];
      matchedB[tokensB[k].line][tokensB[k].char] = true;
    });
  }
  // Then the whole page: what is left of one region may stand in another (a paragraph the
  // facsimile set in the next article): found, but elsewhere.
  const leftA = regions.flatMap((r) => tokensOf(a, unpairedIn(a, identical.partnerA, regionA, r))).filter((t) => !matchA[t.line][t.char]);
  const leftB = regions.flatMap((r) => tokensOf(b, unpairedIn(b, identical.partnerB, regionB, r))).filter((t) => !matchedB[t.line][t.char]);
  const elsewhereA = a.map((l) => l.chars.map(() => false));
  const elsewhereB = b.map((l) => l.chars.map(() => false));
  const toLeftB = leftA.map(() => -1);
  tile(leftA.map((t) => char(a, t)), leftB.map((t) => char(b, t)), toLeftB, leftB.map(() => -1));
  toLeftB.forEach((k, i) => {
    if (k < 0) return;
    const ta = leftA[i], tb = leftB[k];
    matchA[ta.line][ta.char] = tb;
    matchedB[tb.line][tb.char] = true;
    if (regionA[ta.line] !== regionB[tb.line]) (elsewhereA[ta.line][ta.char] = true), (elsewhereB[tb.line][tb.char] = true);
  });

  // Runs of text per region, in reading order: not on the other page at all, or in another region.
  const missing: TextRun[] = [];
  const added: TextRun[] = [];
  const movedOut: TextRun[] = [];
  const movedIn: TextRun[] = [];
  const runs = (lines: readonly CompareLine[], partner: number[], region: readonly number[], keep: (t: CharMatch) => boolean, into: TextRun[]) => {
    for (const r of regions) {
      let run = '';
      for (const t of tokensOf(lines, unpairedIn(lines, partner, region, r))) {
        if (keep(t)) run += char(lines, t);
        else if (run) into.push({ region: r, text: run }), (run = '');
      }
      if (run) into.push({ region: r, text: run });
    }
  };
  runs(a, identical.partnerA, regionA, (t) => !matchA[t.line][t.char], missing);
  runs(b, identical.partnerB, regionB, (t) => !matchedB[t.line][t.char], added);
  runs(a, identical.partnerA, regionA, (t) => elsewhereA[t.line][t.char], movedOut);
  runs(b, identical.partnerB, regionB, (t) => elsewhereB[t.line][t.char], movedIn);

  const statusA: LineStatus[] = a.map(() => 'identical');
  const statusB: LineStatus[] = b.map(() => 'identical');
  const partnerA = [...identical.partnerA];
  const partnerB = [...identical.partnerB];
  const moveA: ({ dx: number; dy: number } | undefined)[] = a.map(() => undefined);

  const shift = (i: number, j: number, pairs: [number, number][]) => {
    moveA[i] = { dx: median(pairs.map(([p, q]) => b[j].xs[q] - a[i].xs[p])), dy: median(pairs.map(([p, q]) => b[j].ys[q] - a[i].ys[p])) };
  };
  const matchedCountB = matchedB.map((m) => m.filter(Boolean).length);
  for (let i = 0; i < a.length; i++) {
    const j = identical.partnerA[i];
    if (j >= 0) {
      shift(i, j, a[i].chars.map((_, k) => [k, k]));
      continue;
    }
    const m = matchA[i];
    const found = m.filter((x) => x !== undefined) as CharMatch[];
    if (!found.length) {
      statusA[i] = 'missing';
      continue;
    }
    // The facsimile line holding most of this line's characters.
    const count = new Map<number, number>();
    for (const x of found) count.set(x.line, (count.get(x.line) ?? 0) + 1);
    const [best, n] = [...count].sort((p, q) => q[1] - p[1])[0];
    const spread = count.size > 1;
    const shared = matchedCountB[best] > n;
    // All its text is there, split over several lines or joined with another line's: broken elsewhere.
    if (found.length === m.length && (spread || shared)) {
      statusA[i] = 'rebroken';
      continue;
    }
    // Some of its text missing, or all of it in one line with text added: the same line, changed;
    // paired (and its move measured) when most of its text is in that one line.
    statusA[i] = 'changed';
    if (n * 2 >= m.length && partnerB[best] < 0) {
      partnerA[i] = best;
      partnerB[best] = i;
      shift(i, best, m.flatMap((x, k) => (x && x.line === best ? [[k, x.char] as [number, number]] : [])));
    }
  }
  for (let j = 0; j < b.length; j++) {
    if (identical.partnerB[j] >= 0) continue;
    const found = matchedCountB[j];
    statusB[j] = found === 0 ? 'added' : partnerB[j] < 0 && found === b[j].chars.length ? 'rebroken' : 'changed';
  }
  return { statusA, statusB, partnerA, partnerB, moveA, missing, added, movedOut, movedIn };
}
