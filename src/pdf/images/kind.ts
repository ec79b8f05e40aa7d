import { MM } from '../../model/index.js';
import type { Rect } from '../types.js';

/**
 * What an image on a newspaper page is, for the derive stage to decide what to keep as a photo
 * region: a photograph, a graphic (logo, masthead art, headline art, icon, rule or bar drawn as an
 * image, chart), or a stencil mask (a 1-bit shape painted in the fill colour).
 */
export type ImageKind = 'photo' | 'graphic' | 'mask';

/**
 * Placed smaller than this on its short side: an icon, bullet, ornament or a rule drawn as an image.
 * The smallest news photo, a half-column head shot, is about 20 mm across.
 */
const SMALLEST_PHOTO = 10 * MM;
/**
 * Longer than this times its short side: a rule, bar or banner strip. Even a full-width panorama on a
 * broadsheet (about 330 × 60 mm) is under 6:1.
 */
const LONGEST_ASPECT = 8;
/**
 * Flat artwork (logos, mastheads, headline art, charts) is mostly its background or one ink: a
 * quarter or more of its pixels fall in one cell of a colour grid of 16 levels a channel (gray
 * images: 256 levels), JPEG noise included. In a photograph the commonest cell holds a few percent;
 * even a wide sky is a gradient over several cells, and a foggy, washed-out picture stays near 20%.
 */
const FLAT_SHARE = 0.25;
/** Or it has few colours at all: 95% of its pixels in this many cells (a photo needs dozens to hundreds). */
const FEW_COLOURS = 16;
/** A palette this small is drawn art, not a continuous-tone picture. */
const SMALL_PALETTE = 16;

export interface KindFacts {
  mask?: boolean;
  /** What shows on the page (pt). */
  visible: Rect;
  bitsPerComponent?: number;
  paletteSize?: number;
  /** The decoded pixels (pdf.js: gray, RGB or RGBA). */
  pixels?: { width: number; height: number; channels: number; data: Uint8Array };
}

/** Classify one painted image, with the reason in words. */
export function imageKind(f: KindFacts): { kind: ImageKind; reason: string } {
  if (f.mask) return { kind: 'mask', reason: 'stencil mask: a 1-bit shape painted in the fill colour' };
  const w = f.visible[2] - f.visible[0];
  const h = f.visible[3] - f.visible[1];
  const short = Math.min(w, h);
  const mm = (v: number) => `${(v / MM).toFixed(1)} mm`;
  if (short < SMALLEST_PHOTO) return { kind: 'graphic', reason: `placed ${mm(w)} × ${mm(h)}: too small for a news photo` };
  if (Math.max(w, h) > LONGEST_ASPECT * short) return { kind: 'graphic', reason: `placed ${mm(w)} × ${mm(h)}: a strip, not a photo` };
  if (f.bitsPerComponent === 1) return { kind: 'graphic', reason: '1 bit per component: line art' };
  if (f.paletteSize !== undefined && f.paletteSize <= SMALL_PALETTE) return { kind: 'graphic', reason: `a palette of ${f.paletteSize} colours` };
  if (f.pixels) {
    const { top, cells } = colourSpread(f.pixels);
    const pct = `${Math.round(top * 100)}%`;
    if (top >= FLAT_SHARE) return { kind: 'graphic', reason: `flat colour: ${pct} of the pixels in one colour cell` };
    if (cells <= FEW_COLOURS) return { kind: 'graphic', reason: `few colours: 95% of the pixels in ${cells} colour cells` };
    return { kind: 'photo', reason: `continuous tone: the commonest colour cell holds ${pct}, 95% of the pixels spread over ${cells} cells` };
  }
  return { kind: 'photo', reason: 'placed at photo size (pixels not decoded)' };
}

/**
 * How the pixels spread over a colour grid (16 levels a channel; 256 levels for gray images): the
 * share of the commonest cell, and how many cells hold 95% of the pixels. On a sample of about
 * 16,000 pixels; transparent pixels are not counted.
 */
export function colourSpread(p: { width: number; height: number; channels: number; data: Uint8Array }): { top: number; cells: number } {
  const { width, height, channels: c, data } = p;
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / 16384)));
  const counts = new Map<number, number>();
  let gray = true;
  let total = 0;
  const keys: number[] = [];
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * c;
      if (c === 4 && data[i + 3] < 128) continue;
      if (c >= 3 && (data[i] !== data[i + 1] || data[i] !== data[i + 2])) gray = false;
      keys.push(i);
    }
  }
  for (const i of keys) {
    const key = c === 1 || gray ? data[i] : ((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  }
  const sorted = [...counts.values()].sort((a, b) => b - a);
  let sum = 0;
  let cells = 0;
  for (const v of sorted) {
    sum += v;
    cells++;
    if (sum >= 0.95 * total) break;
  }
  return { top: total ? sorted[0] / total : 0, cells };
}
