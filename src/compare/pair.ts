import { diffArrays } from 'diff';
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
}

/**
 * Aligned characters count only in runs of at least this many: any two Chinese texts share single
 * characters and pairs by chance (的, 是, 。, 、), while text that broke elsewhere or sits in a
 * changed line shares whole phrases. (A region whose whole text is shorter counts as it is.)
 */
const MIN_RUN = 3;
/** Diff passes per region: the first aligns text in order, the next ones text that moved (see pairRest). */
const DIFF_PASSES = 3;

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
 * The rest, region by region: the unpaired lines of each page in drawing order, joined, and their
 * characters aligned by a diff (jsdiff's Myers O(ND) diff). Aligned characters are text that broke
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
  const missing: TextRun[] = [];
  const added: TextRun[] = [];

  const regions = new Set([...regionA, ...regionB]);
  for (const region of [...regions].sort((p, q) => p - q)) {
    const linesA = a.map((_, i) => i).filter((i) => identical.partnerA[i] < 0 && regionA[i] === region).sort((p, q) => a[p].order - a[q].order);
    const linesB = b.map((_, j) => j).filter((j) => identical.partnerB[j] < 0 && regionB[j] === region).sort((p, q) => b[p].order - b[q].order);
    if (!linesA.length && !linesB.length) continue;
    const tokensA: CharMatch[] = linesA.flatMap((line) => a[line].chars.map((_, char) => ({ line, char })));
    const tokensB: CharMatch[] = linesB.flatMap((line) => b[line].chars.map((_, char) => ({ line, char })));
    // Which B token each A token is aligned with (-1: none), keeping only runs of MIN_RUN or more.
    const toB = tokensA.map(() => -1);
    const fromA = tokensB.map(() => -1);
    // A diff aligns text in order; text that moved within the region (a paragraph set before
    // another) is left over by one pass and aligned by the next, over what is still unaligned.
    for (let pass = 0; pass < DIFF_PASSES; pass++) {
      const freeA = toB.flatMap((t, k) => (t < 0 ? [k] : []));
      const freeB = fromA.flatMap((t, k) => (t < 0 ? [k] : []));
      if (!freeA.length || !freeB.length) break;
      const changes = diffArrays(
        freeA.map((k) => a[tokensA[k].line].chars[tokensA[k].char]),
        freeB.map((k) => b[tokensB[k].line].chars[tokensB[k].char]),
      );
      let ia = 0, ib = 0, aligned = 0;
      for (const change of changes) {
        const n = change.count ?? change.value.length;
        if (change.removed) ia += n;
        else if (change.added) ib += n;
        else {
          const whole = pass === 0 && (n === tokensA.length || n === tokensB.length);
          if (n >= MIN_RUN || whole) {
            for (let k = 0; k < n; k++) {
              toB[freeA[ia + k]] = freeB[ib + k];
              fromA[freeB[ib + k]] = freeA[ia + k];
            }
            aligned += n;
          }
          ia += n;
          ib += n;
        }
      }
      if (!aligned) break;
    }
    const runs = (aligned: number[], tokens: CharMatch[], lines: readonly CompareLine[], into: TextRun[]) => {
      let run = '';
      aligned.forEach((t, k) => {
        if (t < 0) run += lines[tokens[k].line].chars[tokens[k].char];
        if ((t >= 0 || k === aligned.length - 1) && run) {
          into.push({ region, text: run });
          run = '';
        }
      });
    };
    runs(toB, tokensA, a, missing);
    runs(fromA, tokensB, b, added);
    toB.forEach((t, k) => {
      if (t < 0) return;
      const ta = tokensA[k], tb = tokensB[t];
      matchA[ta.line][ta.char] = tb;
      matchedB[tb.line][tb.char] = true;
    });
  }

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
  return { statusA, statusB, partnerA, partnerB, moveA, missing, added };
}
