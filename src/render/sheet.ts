import { MM, type Box } from '../model/index.js';

/** Room beyond the bleed for crop marks and the slug line. */
export const MARK_AREA = 12 * MM;
/** Crop marks start this far outside the bleed and run this long. */
export const MARK_GAP = 2 * MM;
export const MARK_LENGTH = 6 * MM;

/**
 * The sheet a page is printed on: the trimmed page, plus the bleed, plus (with marks) the mark area.
 * Boxes are PDF rectangles [x0 y0 x1 y1] in the sheet's PDF space (y up, origin at the MediaBox corner).
 */
export interface Sheet {
  /** Trim size (the page), pt. */
  width: number;
  height: number;
  bleed: number;
  /** Distance from the MediaBox edge to the trim edge, on every side. */
  offset: number;
  mediaWidth: number;
  mediaHeight: number;
  trimBox: [number, number, number, number];
  bleedBox: [number, number, number, number];
  marks: boolean;
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;

export function sheetFor(page: { width: number; height: number }, bleed = 0, marks = false): Sheet {
  const offset = bleed + (marks ? MARK_AREA : 0);
  const mediaWidth = r3(page.width + 2 * offset);
  const mediaHeight = r3(page.height + 2 * offset);
  const o = r3(offset);
  return {
    width: page.width,
    height: page.height,
    bleed,
    offset,
    mediaWidth,
    mediaHeight,
    trimBox: [o, o, r3(offset + page.width), r3(offset + page.height)],
    bleedBox: [r3(o - bleed), r3(o - bleed), r3(offset + page.width + bleed), r3(offset + page.height + bleed)],
    marks,
  };
}

/** Closer than this to the trim edge counts as touching it (layout rounding). */
const TOUCH = 0.5;

/** A box (page coordinates, top left origin) with every edge that touches the trim pushed out by the bleed. */
export function extendIntoBleed(box: Box, page: { width: number; height: number }, bleed: number): Box {
  if (bleed <= 0) return box;
  let { x, y, width, height } = box;
  if (x <= TOUCH) (width += x + bleed), (x = -bleed);
  if (y <= TOUCH) (height += y + bleed), (y = -bleed);
  if (x + width >= page.width - TOUCH) width = page.width + bleed - x;
  if (y + height >= page.height - TOUCH) height = page.height + bleed - y;
  return { x, y, width, height };
}
