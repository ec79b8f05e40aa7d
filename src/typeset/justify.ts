import type { Item } from './items.js';
import { glueOf, naturalWidth, shrinkOf, stretchOf } from './line.js';

export type Alignment = 'justify' | 'left' | 'center' | 'right' | 'spread';

/** Where justifyLine puts each item of a line: x offset and set width, index 0 for the line's first item (entries past the line's count are left over from longer lines). */
export interface Justified {
  x: number[];
  w: number[];
}

/** The glue after each item of the line being justified: scratch, as lines are justified one at a time (not an array per line of a page). */
const GLUE: number[] = [];

/**
 * The x offset and set width of each item on a line [from, to) in a measure `width` wide, written
 * into `out`; returns the width the line takes.
 * Justified lines first widen compressed punctuation back towards a full em, then spread what is
 * left evenly between all characters; lines that already fit exactly stay on the character grid.
 * Overfull lines (pushed-in marks) compress punctuation. Last lines of paragraphs are set flush left.
 */
export function justifyLine(items: readonly Item[], from: number, to: number, width: number, align: Alignment, last: boolean, out: Justified = { x: [], w: [] }): number {
  const count = to - from;
  const { x, w } = out;
  const glue = GLUE;
  for (let k = from; k < to; k++) (w[k - from] = items[k].width), (glue[k - from] = glueOf(items, k, to));
  let natural = naturalWidth(items, from, to);
  let slack = width - natural;
  if (slack < -0.01 && items[from].kind === 'fill') {
    // A tab that begins the line gives up its em before any mark is compressed (it keeps no text away).
    const cut = Math.min(w[0], -slack);
    w[0] -= cut;
    natural -= cut;
    slack += cut;
  }
  if (slack < -0.01) {
    // Overfull (a pushed-in mark): shrink Han–Latin spacing, then compress punctuation (the line-end
    // mark down to its line-end minimum) proportionally.
    let glueTotal = 0;
    for (let k = 0; k + 1 < count; k++) glueTotal += items[from + k].glueShrink;
    const g = glueTotal > 0 ? Math.min(1, -slack / glueTotal) : 0;
    for (let k = 0; k + 1 < count; k++) glue[k] -= items[from + k].glueShrink * g;
    slack += glueTotal * g;
    let room = 0;
    for (let k = 0; k < count; k++) room += shrinkOf(items, from + k, from, to);
    const f = room > 0 && slack < 0 ? Math.min(1, -slack / room) : 0;
    for (let k = 0; k < count; k++) w[k] -= shrinkOf(items, from + k, from, to) * f;
    natural = 0;
    for (let k = 0; k < count; k++) natural += w[k] + glue[k];
    slack = width - natural;
  }
  let gap = 0;
  let lead = 0;
  // A tab takes all the room left, whatever the alignment: what follows it ends at the measure.
  let fill = -1;
  for (let k = 0; k + 1 < count; k++) if (items[from + k].kind === 'fill') fill = k;
  if (fill >= 0 && slack > 0.01) {
    w[fill] += slack;
    slack = 0;
  }
  const stretch = align === 'spread' || (align === 'justify' && !last);
  if (slack > 0.01 && stretch) {
    let room = 0;
    for (let k = 0; k < count; k++) room += stretchOf(items, from + k, from, to);
    if (room > 0 && align === 'justify') {
      const f = Math.min(1, slack / room);
      for (let k = 0; k < count; k++) w[k] += stretchOf(items, from + k, from, to) * f;
      slack -= room * f;
    }
    if (slack > 0.01) {
      if (count > 1) gap = slack / (count - 1);
      else if (align === 'spread') lead = slack / 2;
    }
    slack = 0;
  } else if (slack < -0.01 && count > 1) {
    // Still over after every mark is compressed (an original line set tight): close up the spacing evenly.
    gap = slack / (count - 1);
    slack = 0;
  } else if (slack > 0) {
    if (align === 'center') lead = slack / 2;
    else if (align === 'right') lead = slack;
  }
  let cursor = lead;
  for (let k = 0; k < count; k++) {
    x[k] = cursor;
    cursor += w[k] + glue[k] + (k + 1 < count ? gap : 0);
  }
  return cursor - lead;
}
