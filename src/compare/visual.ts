import type { PdfPageProxy } from '../pdf/open.js';
import type { Rect } from '../pdf/types.js';
import { drawPage } from '../render/raster.js';

/** A page drawn at some dpi, as luminance (0 black … 255 white). */
export interface Gray {
  width: number;
  height: number;
  dpi: number;
  data: Uint8Array;
}

export async function renderGray(page: PdfPageProxy, dpi: number): Promise<Gray> {
  const surface = await drawPage(page, dpi);
  const { data, width, height } = surface.getContext('2d').getImageData(0, 0, surface.width, surface.height);
  const gray = new Uint8Array(width * height);
  // Rec. 601 luma, in integers.
  for (let p = 0, q = 0; p < gray.length; p++, q += 4) gray[p] = (data[q] * 77 + data[q + 1] * 150 + data[q + 2] * 29) >> 8;
  return { width, height, dpi, data: gray };
}

/**
 * Ink is a pixel darker than mid-gray: text, rules and the dark half of photos; tints and the light
 * parts of photos are not ink (a tint's shade is no part of the layout's geometry).
 */
const INK = 128;

/**
 * The two pages' ink agreement, from 0 to 1, allowing each ink pixel to land within `tolerance`
 * (in mm) of the other page's ink: recall = share of the original's ink near the facsimile's,
 * precision = share of the facsimile's ink near the original's, score = their harmonic mean.
 * Why not a plain IoU of the masks: strokes are one or two pixels wide at proof resolution, so a
 * shift of half a stroke (anti-aliasing, another cut of the same face) would halve an IoU while
 * the page looks the same; the tolerance (about a stroke) makes the score about layout, not pixels.
 */
export function inkScore(a: Gray, b: Gray, toleranceMm = 0.35): { score: number; recall: number; precision: number } {
  const width = Math.max(a.width, b.width), height = Math.max(a.height, b.height);
  const ma = mask(a, width, height), mb = mask(b, width, height);
  const r = Math.max(1, Math.round((toleranceMm / 25.4) * a.dpi));
  const da = dilate(ma, width, height, r), db = dilate(mb, width, height, r);
  let inkA = 0, inkB = 0, nearB = 0, nearA = 0;
  for (let p = 0; p < ma.length; p++) {
    if (ma[p]) {
      inkA++;
      if (db[p]) nearB++;
    }
    if (mb[p]) {
      inkB++;
      if (da[p]) nearA++;
    }
  }
  const recall = inkA ? nearB / inkA : inkB ? 0 : 1;
  const precision = inkB ? nearA / inkB : inkA ? 0 : 1;
  const score = recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
  return { score, recall, precision };
}

function mask(g: Gray, width: number, height: number): Uint8Array {
  const m = new Uint8Array(width * height);
  for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) m[y * width + x] = g.data[y * g.width + x] < INK ? 1 : 0;
  return m;
}

/** Grow a mask by r pixels (a square neighbourhood): a max filter along rows, then along columns. */
function dilate(m: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const rows = new Uint8Array(m.length);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) {
      if (!m[o + x]) continue;
      for (let k = Math.max(0, x - r), e = Math.min(width - 1, x + r); k <= e; k++) rows[o + k] = 1;
    }
  }
  const out = new Uint8Array(m.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!rows[y * width + x]) continue;
      for (let k = Math.max(0, y - r), e = Math.min(height - 1, y + r); k <= e; k++) out[k * width + x] = 1;
    }
  }
  return out;
}

const at = (g: Gray, x: number, y: number) => (x < g.width && y < g.height ? g.data[y * g.width + x] : 255);

/**
 * PNG at a low zlib level: these are proofs to look at, and level 2 encodes a broadsheet page at
 * 72 dpi in ~15 ms against ~100 ms at the default, for files about as small (mostly white paper).
 */
const encode = async (data: Uint8Array, width: number, height: number, channels: 1 | 3) => {
  // sharp (libvips) loads only when a picture is asked for: ~80 ms of a start without pictures.
  const { default: sharp } = await import('sharp');
  return sharp(data, { raw: { width, height, channels } }).png({ compressionLevel: 2, adaptiveFiltering: false }).toBuffer();
};

/**
 * One picture of both pages: the original's ink in red, the facsimile's in blue, where both have
 * ink it is dark, paper white (red channel = the facsimile's lightness, blue = the original's,
 * green = the darker of the two).
 */
export async function overlayPng(a: Gray, b: Gray): Promise<Buffer> {
  const width = Math.max(a.width, b.width), height = Math.max(a.height, b.height);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0, q = 0; y < height; y++) {
    for (let x = 0; x < width; x++, q += 3) {
      const la = at(a, x, y), lb = at(b, x, y);
      rgb[q] = lb;
      rgb[q + 1] = la < lb ? la : lb;
      rgb[q + 2] = la;
    }
  }
  return encode(rgb, width, height, 3);
}

export interface Outline {
  rect: Rect;
  /** 'region': a region that differs; 'line': one line of it (missing, added, changed or moved). */
  kind: 'region' | 'line';
}

/** The two pages side by side at the same scale (original left), with what differs outlined on each. */
export async function sideBySidePng(a: Gray, b: Gray, outlinesA: readonly Outline[], outlinesB: readonly Outline[]): Promise<Buffer> {
  const gap = Math.round(a.dpi / 6);
  const width = a.width + gap + b.width, height = Math.max(a.height, b.height);
  const rgb = new Uint8Array(width * height * 3).fill(128);
  const put = (g: Gray, x0: number) => {
    for (let y = 0; y < g.height; y++) {
      for (let x = 0, q = (y * width + x0) * 3; x < g.width; x++, q += 3) rgb[q] = rgb[q + 1] = rgb[q + 2] = g.data[y * g.width + x];
    }
  };
  put(a, 0);
  put(b, a.width + gap);
  const scale = a.dpi / 72;
  const plot = (x: number, y: number, c: readonly number[]) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const q = (y * width + x) * 3;
    rgb[q] = c[0];
    rgb[q + 1] = c[1];
    rgb[q + 2] = c[2];
  };
  const draw = (outlines: readonly Outline[], x0: number, w: number) => {
    for (const o of outlines) {
      // Regions in orange, two pixels wide, a little outside; lines in red, one pixel wide.
      const [pad, thick, colour] = o.kind === 'region' ? [3, 2, [240, 120, 0]] : [1, 1, [220, 0, 0]];
      const left = Math.round(o.rect[0] * scale) - pad, top = Math.round(o.rect[1] * scale) - pad;
      const right = Math.min(w - 1, Math.round(o.rect[2] * scale) + pad), bottom = Math.round(o.rect[3] * scale) + pad;
      for (let t = 0; t < thick; t++) {
        for (let x = Math.max(0, left); x <= right; x++) {
          plot(x0 + x, top - t, colour);
          plot(x0 + x, bottom + t, colour);
        }
        for (let y = top; y <= bottom; y++) {
          if (left - t >= 0) plot(x0 + left - t, y, colour);
          if (right + t < w) plot(x0 + right + t, y, colour);
        }
      }
    }
  };
  draw(outlinesA, 0, a.width);
  draw(outlinesB, a.width + gap, b.width);
  return encode(rgb, width, height, 3);
}
