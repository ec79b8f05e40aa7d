import type { Rect } from '../types.js';

/**
 * How the stored pixels must turn to stand as they do on the page: mirror top to bottom (`flip`),
 * then rotate clockwise (sharp applies flip before rotate, whatever the call order).
 */
export interface Orientation {
  flip: boolean;
  rotate: 0 | 90 | 180 | 270;
}

export const UPRIGHT: Orientation = { flip: false, rotate: 0 };
export const isUpright = (o: Orientation) => !o.flip && o.rotate === 0;

/**
 * The orientation of an image painted with matrix `m` (unit square → page, y down), or undefined
 * when it is turned by an angle that is not a multiple of 90° or sheared: such an image cannot fill
 * an upright rectangle. A PDF image's first row is at the top of its unit square (v = 1).
 */
export function orientationOf(m: readonly number[]): Orientation | undefined {
  const [a, b, c, d] = m;
  const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
  if (scale === 0) return undefined;
  // Within a thousandth of the image's size: rounding in the content stream, not a real turn.
  const zero = (v: number) => Math.abs(v) <= scale * 1e-3;
  // Where the stored image's +x (along a row) and +y (down the rows) point on the page.
  const [xx, xy, yx, yy] = [a, b, -c, -d];
  if (zero(xy) && zero(yx) && !zero(xx) && !zero(yy)) {
    if (xx > 0 && yy > 0) return UPRIGHT;
    if (xx > 0) return { flip: true, rotate: 0 };
    if (yy > 0) return { flip: true, rotate: 180 }; // mirrored left to right
    return { flip: false, rotate: 180 };
  }
  if (zero(xx) && zero(yy) && !zero(xy) && !zero(yx)) {
    if (xy > 0 && yx < 0) return { flip: false, rotate: 90 };
    if (xy < 0 && yx > 0) return { flip: false, rotate: 270 };
    if (xy > 0) return { flip: true, rotate: 90 }; // transposed
    return { flip: true, rotate: 270 };
  }
  return undefined;
}

/** A part of an image in its pixels: x, y from its top left corner. */
export interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The part of an upright image of `width` × `height` pixels, placed over `bbox` on the page, that
 * shows through `visible`: the crop that puts exactly `visible` on the page again. Hundredths of a
 * pixel, so the placement is right to far below a millimetre whatever the resolution.
 */
export function cropOf(bbox: Rect, visible: Rect, width: number, height: number): Crop {
  const sx = width / (bbox[2] - bbox[0]);
  const sy = height / (bbox[3] - bbox[1]);
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const x0 = clamp((visible[0] - bbox[0]) * sx, width);
  const y0 = clamp((visible[1] - bbox[1]) * sy, height);
  const x1 = clamp((visible[2] - bbox[0]) * sx, width);
  const y1 = clamp((visible[3] - bbox[1]) * sy, height);
  return { x: r2(x0), y: r2(y0), width: r2(Math.max(0, x1 - x0)), height: r2(Math.max(0, y1 - y0)) };
}
