import type { Item } from './items.js';
import { FITS_EM, minimumWidth } from './line.js';

const EPS = 0.01;

/**
 * Find where the line that starts at `from` ends (exclusive index), for a line `width` points wide.
 * Greedy first fit at the narrowest widths marks allow (Han–Latin spacing kept), then the clreq rules: a mark that may not begin a line is first
 * pushed in (the line is compressed to hold it) and only if that fails is a character pushed out to
 * the next line; a mark that may not end a line goes to the next line. Never exceeds the width,
 * except for a single item wider than the whole line. A line ends at `stop` at the latest (a hard break).
 */
export function breakLine(items: readonly Item[], from: number, width: number, stop = items.length): number {
  const n = stop;
  const tolerance = Math.max(EPS, FITS_EM * items[from].size);
  // Greedy at the narrowest each line may be: a line holds what fits once its marks are compressed as
  // far as the style lets them (full marks with pushIn 'compress' give up their blank to fit one more
  // character, as a typesetter that compresses to fit does; marks already half have nothing to give).
  // Han–Latin spacing closes only to push in a mark that may not start a line: pages show it kept
  // when a character would have fitted by closing it.
  const edgeStart = items[from].start.shrink - items[from].start.edge;
  let j = from;
  let inner = 0; // narrowest width of [from, j) with items[j - 1]'s end still inside the line
  while (j < n) {
    const it = items[j];
    const glue = j > from ? items[j - 1].glue : 0;
    const add = glue + it.width - it.start.shrink - it.end.shrink;
    if (inner + add + edgeStart + it.end.shrink - it.end.edge > width + tolerance) break;
    inner += add;
    j++;
  }
  if (j >= n) return n;
  if (j === from) return from + 1;
  // Marks that may not start the next line: push them in if the line can be compressed to hold them.
  let pushedIn = j;
  while (pushedIn < n && items[pushedIn].noStart && minimumWidth(items, from, pushedIn + 1) <= width + tolerance) pushedIn++;
  if (pushedIn > j && (pushedIn >= n || allowedStart(items, pushedIn))) j = pushedIn;
  // Otherwise push characters out until the next line may start with items[j].
  while (j < n && !allowedStart(items, j) && j - 1 > from) j--;
  // A mark that may not end a line moves down with what follows it.
  while (j - 1 > from && items[j - 1].noEnd) j--;
  // The push-out may have exposed another prohibited start; settle once more.
  while (j < n && !allowedStart(items, j) && j - 1 > from) j--;
  return j;
}

/**
 * The ends of the lines first fit sets items [from, stop) in, line k (from 0) `widthOf(k)` wide.
 * Spaces never begin a line.
 */
export function firstFitEnds(items: readonly Item[], widthOf: (line: number) => number, from = 0, stop = items.length): number[] {
  const ends: number[] = [];
  let start = from;
  while (start < stop) {
    while (start < stop && items[start].kind === 'space') start++;
    if (start >= stop) break;
    start = breakLine(items, start, widthOf(ends.length), stop);
    ends.push(start);
  }
  return ends;
}

/** May a line begin at items[k]? A space is a break opportunity: the line ends before it and the space is dropped. */
export function allowedStart(items: readonly Item[], k: number): boolean {
  return !items[k].noStart && items[k].breakBefore;
}

/** Split a word item after `chars` non-space characters: the head keeps its break opportunity, the tail starts a new piece. */
export function splitWord(it: Item, chars: number): [Item, Item] {
  const cut = Math.max(1, Math.min(it.glyphs.length - 1, chars));
  const headGlyphs = it.glyphs.slice(0, cut);
  const tailGlyphs = it.glyphs.slice(cut);
  const width = (gs: Item['glyphs']) => gs.reduce((w, g) => w + g.advance, 0) * it.size;
  const headText = headGlyphs.map((g) => g.text).join('');
  const head: Item = { ...it, text: headText, glyphs: headGlyphs, width: width(headGlyphs), glue: 0, glueShrink: 0 };
  const tail: Item = { ...it, text: it.text.slice(headText.length), glyphs: tailGlyphs, width: width(tailGlyphs), breakBefore: true, noStart: false };
  return [head, tail];
}

/**
 * Split a word that is wider than `width` on its own (a URL, an ID) at the measure: the longest head
 * that fits, at least one character. Returns undefined for anything that is not a word of two or
 * more characters.
 */
export function splitAtMeasure(it: Item, width: number): [Item, Item] | undefined {
  if (it.kind !== 'word' || it.glyphs.length < 2) return undefined;
  let w = 0;
  let k = 0;
  while (k < it.glyphs.length - 1 && w + it.glyphs[k].advance * it.size <= width + 0.01) w += it.glyphs[k++].advance * it.size;
  return splitWord(it, Math.max(1, k));
}
