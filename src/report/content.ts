/**
 * Read a page content stream the way a preflight does: follow the graphics state (q/Q, cm, colours,
 * line width, graphics state dictionaries) and note what is painted, in which colour, where, and
 * under which overprint state. Only what print checks need; text positions are not followed.
 */

import { mult, type Matrix } from '../matrix.js';

/** A colour as set: its space (a device space, or a resource name for a named space) and components. */
export interface Colour {
  space: string;
  components: number[];
}

export interface Painted {
  kind: 'fill' | 'stroke' | 'text' | 'image';
  colour?: Colour;
  /** Device-space bounding box [x0 y0 x1 y1] (paths and images; not text). */
  bbox?: [number, number, number, number];
  /** Stroke width in device space (points). */
  lineWidth?: number;
  /** The ExtGState resource in force ('' if none was set). */
  gs: string;
  /** Image XObject resource name. */
  image?: string;
  /** Image: its size on the page, points. */
  placed?: { width: number; height: number };
}

export interface ContentScan {
  painted: Painted[];
  /** Colour spaces set by operators (DeviceCMYK for k/K, DeviceRGB for rg/RG, names for cs/CS). */
  spaces: Set<string>;
  /** Inline images (BI … EI): none are expected, each is reported. */
  inlineImages: number;
}


interface State {
  ctm: Matrix;
  fill: Colour;
  stroke: Colour;
  lineWidth: number;
  gs: string;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;
const isDelimiter = (c: number) => c === 40 || c === 41 || c === 60 || c === 62 || c === 91 || c === 93 || c === 123 || c === 125 || c === 47 || c === 37;

export function scanContent(src: string): ContentScan {
  let st: State = { ctm: [1, 0, 0, 1, 0, 0], fill: { space: 'DeviceGray', components: [0] }, stroke: { space: 'DeviceGray', components: [0] }, lineWidth: 1, gs: '' };
  const saved: State[] = [];
  const painted: Painted[] = [];
  const spaces = new Set<string>();
  let inlineImages = 0;
  // Operands of the operator being read: numbers, and names as strings starting with '/'.
  const nums: number[] = [];
  let name = '';
  // The current path's device-space bounds.
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const point = (x: number, y: number) => {
    const m = st.ctm;
    const dx = m[0] * x + m[2] * y + m[4];
    const dy = m[1] * x + m[3] * y + m[5];
    if (dx < x0) x0 = dx;
    if (dx > x1) x1 = dx;
    if (dy < y0) y0 = dy;
    if (dy > y1) y1 = dy;
  };
  const pathBox = (): [number, number, number, number] | undefined => (x0 <= x1 ? [x0, y0, x1, y1] : undefined);
  const newPath = () => ((x0 = Infinity), (y0 = Infinity), (x1 = -Infinity), (y1 = -Infinity));
  const scale = () => Math.sqrt(Math.abs(st.ctm[0] * st.ctm[3] - st.ctm[1] * st.ctm[2]));
  const paint = (fill: boolean, stroke: boolean) => {
    const bbox = pathBox();
    if (fill) painted.push({ kind: 'fill', colour: st.fill, bbox, gs: st.gs });
    if (stroke) painted.push({ kind: 'stroke', colour: st.stroke, bbox, lineWidth: st.lineWidth * scale(), gs: st.gs });
    newPath();
  };

  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 37) {
      // % comment
      while (i < n && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
    } else if (c === 40) {
      // (literal string), with nesting and escapes
      let depth = 0;
      for (; i < n; i++) {
        const d = src.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 40) depth++;
        else if (d === 41 && --depth === 0) break;
      }
      i++;
    } else if (c === 60 && src.charCodeAt(i + 1) === 60) {
      // << dictionary >> (marked-content properties), nested
      let depth = 0;
      for (; i < n; i++) {
        if (src.charCodeAt(i) === 60 && src.charCodeAt(i + 1) === 60) (depth++, i++);
        else if (src.charCodeAt(i) === 62 && src.charCodeAt(i + 1) === 62) {
          i++;
          if (--depth === 0) break;
        }
      }
      i++;
    } else if (c === 60) {
      // <hex string>
      i = src.indexOf('>', i) + 1 || n;
    } else if (c === 91 || c === 93) {
      // Arrays only hold TJ operands here: their contents do not matter.
      i++;
    } else if (c === 47) {
      let j = i + 1;
      while (j < n && !isSpace(src.charCodeAt(j)) && !isDelimiter(src.charCodeAt(j))) j++;
      name = src.slice(i + 1, j);
      i = j;
    } else if (c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n) {
        const d = src.charCodeAt(j);
        if (d === 46 || (d >= 48 && d <= 57)) j++;
        else break;
      }
      nums.push(Number(src.slice(i, j)));
      i = j;
    } else {
      let j = i + 1;
      while (j < n && !isSpace(src.charCodeAt(j)) && !isDelimiter(src.charCodeAt(j))) j++;
      const op = src.slice(i, j);
      i = j;
      switch (op) {
        case 'q':
          saved.push({ ...st });
          break;
        case 'Q':
          st = saved.pop() ?? st;
          break;
        case 'cm':
          if (nums.length >= 6) st = { ...st, ctm: mult(nums.slice(-6), st.ctm) };
          break;
        case 'w':
          st = { ...st, lineWidth: nums[nums.length - 1] ?? 1 };
          break;
        case 'gs':
          st = { ...st, gs: name };
          break;
        case 'k':
        case 'K':
        case 'g':
        case 'G':
        case 'rg':
        case 'RG': {
          const space = op.toLowerCase() === 'k' ? 'DeviceCMYK' : op.toLowerCase() === 'g' ? 'DeviceGray' : 'DeviceRGB';
          spaces.add(space);
          const colour = { space, components: nums.slice() };
          st = op === op.toLowerCase() ? { ...st, fill: colour } : { ...st, stroke: colour };
          break;
        }
        case 'cs':
        case 'CS':
          spaces.add(name);
          st = op === 'cs' ? { ...st, fill: { space: name, components: [] } } : { ...st, stroke: { space: name, components: [] } };
          break;
        case 'sc':
        case 'scn':
          st = { ...st, fill: { space: st.fill.space, components: nums.slice() } };
          break;
        case 'SC':
        case 'SCN':
          st = { ...st, stroke: { space: st.stroke.space, components: nums.slice() } };
          break;
        case 'm':
        case 'l':
          point(nums[0], nums[1]);
          break;
        case 'c':
          point(nums[0], nums[1]), point(nums[2], nums[3]), point(nums[4], nums[5]);
          break;
        case 'v':
        case 'y':
          point(nums[0], nums[1]), point(nums[2], nums[3]);
          break;
        case 're': {
          const [x, y, w, h] = nums;
          point(x, y), point(x + w, y), point(x, y + h), point(x + w, y + h);
          break;
        }
        case 'S':
        case 's':
          paint(false, true);
          break;
        case 'f':
        case 'F':
        case 'f*':
          paint(true, false);
          break;
        case 'B':
        case 'B*':
        case 'b':
        case 'b*':
          paint(true, true);
          break;
        case 'n':
          newPath();
          break;
        case 'Tj':
        case 'TJ':
        case "'":
        case '"':
          painted.push({ kind: 'text', colour: st.fill, gs: st.gs });
          break;
        case 'Do': {
          const m = st.ctm;
          const corners = [
            [m[4], m[5]],
            [m[0] + m[4], m[1] + m[5]],
            [m[2] + m[4], m[3] + m[5]],
            [m[0] + m[2] + m[4], m[1] + m[3] + m[5]],
          ];
          const xs = corners.map((p) => p[0]);
          const ys = corners.map((p) => p[1]);
          painted.push({
            kind: 'image',
            image: name,
            gs: st.gs,
            bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
            placed: { width: Math.hypot(m[0], m[1]), height: Math.hypot(m[2], m[3]) },
          });
          break;
        }
        case 'BI': {
          inlineImages++;
          // Skip to the end of the inline image data.
          const end = src.indexOf('EI', i);
          i = end < 0 ? n : end + 2;
          break;
        }
      }
      nums.length = 0;
      name = '';
    }
  }
  return { painted, spaces, inlineImages };
}
