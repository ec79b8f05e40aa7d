import type { ResolvedStyle } from '../model/index.js';
import type { Item } from './items.js';

/**
 * One measure of a line, shared by the breaker and the justifier (as Typst's inline layout measures a
 * line once, in `line`): a line is the items [from, to), each with its natural width and how far it
 * may shrink or stretch on either side; the glue after an item (Han–Latin spacing, tracking) counts
 * between items only. An item's side that is a line edge (the first item's start, the last item's
 * end) uses that side's edge amounts: a full-width mark at the line end may lose its blank.
 */

/**
 * A line within this much of its measure (in em) fits it exactly: a measure read from the original's
 * glyph positions is good to a few hundredths of a point, and a line of whole ems that fills it must
 * not be judged overfull for that.
 */
export const FITS_EM = 0.01;

/** How far item k may shrink when it stands in the line [from, to). */
export function shrinkOf(items: readonly Item[], k: number, from: number, to: number): number {
  const it = items[k];
  return (k === from ? it.start.edge : it.start.shrink) + (k === to - 1 ? it.end.edge : it.end.shrink);
}

/** How far item k may stretch in the line [from, to): punctuation back towards its full em; the line's last item never (its blank would only move the line end). */
export function stretchOf(items: readonly Item[], k: number, _from: number, to: number): number {
  const it = items[k];
  return k === to - 1 ? 0 : it.start.stretch + it.end.stretch;
}

/** The glue after item k in a line ending at `to` (none after the last). */
export const glueOf = (items: readonly Item[], k: number, to: number): number => (k + 1 < to ? items[k].glue : 0);

export interface LineMeasure {
  /** Natural width: items at their widths plus the glue between them. */
  natural: number;
  /** Narrowest: everything that may shrink shrunk, shrinkable glue gone. */
  min: number;
  /** Widest without letter-spacing: punctuation back to full. */
  max: number;
}

/** The natural, narrowest and widest width of the line [from, to). */
export function measureLine(items: readonly Item[], from: number, to: number): LineMeasure {
  let natural = 0;
  let shrink = 0;
  let stretch = 0;
  for (let k = from; k < to; k++) {
    const glue = glueOf(items, k, to);
    natural += items[k].width + glue;
    shrink += shrinkOf(items, k, from, to) + (k + 1 < to ? items[k].glueShrink : 0);
    stretch += stretchOf(items, k, from, to);
  }
  return { natural, min: natural - shrink, max: natural + stretch };
}

/** Natural width of [from, to), summed as the greedy breaker sums it. */
export function naturalWidth(items: readonly Item[], from: number, to: number): number {
  let w = 0;
  for (let k = from; k < to; k++) w += items[k].width + glueOf(items, k, to);
  return w;
}

/** Narrowest width of [from, to) (what pushing a mark in may compress the line to). */
export function minimumWidth(items: readonly Item[], from: number, to: number): number {
  let w = 0;
  for (let k = from; k < to; k++) w += items[k].width - shrinkOf(items, k, from, to) + glueOf(items, k, to) - (k + 1 < to ? items[k].glueShrink : 0);
  return w;
}

/**
 * The horizontal scale a one-line heading takes in `width`, as its style's `fit` asks:
 * - none: the style's scale; `fits` says whether the line fits at it;
 * - condense: the style's scale, or less when too long;
 * - scale: condensed or extended to fill the width exactly;
 * - spread: as condense (the justifier then letter-spaces it to fill the width).
 */
export function fitScale(items: readonly Item[], width: number, style: ResolvedStyle): { scaleX: number; fits: boolean } {
  const natural = naturalWidth(items, 0, items.length);
  const scaleX = style.scale / 100;
  if (style.fit === 'scale' && natural > 0) return { scaleX: width / natural, fits: true };
  if (natural * scaleX <= width + 0.01) return { scaleX, fits: true };
  return style.fit === 'none' ? { scaleX, fits: false } : { scaleX: width / natural, fits: true };
}

