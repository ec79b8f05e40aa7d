import type Sharp from 'sharp';
import { InputError } from '../errors.js';
import { DEFAULT_MAX_IMAGE, readInput } from '../fsutil.js';
import { MM, type Box } from '../model/index.js';
import { cmykJpeg, decodedMaxInk, decodeJpeg } from './ink.js';

export interface PreparedImage {
  data: Buffer;
  /** Pixel size of the prepared image. */
  width: number;
  height: number;
  /** Channels of the JPEG: 1 (gray) or 4 (CMYK). */
  channels: number;
  /** Highest total ink of the JPEG as decoded, in percent. */
  maxInk: number;
  /** With a crop: where to draw the image and the rectangle to clip it to (page points). */
  placed?: { draw: Box; clip: Box };
}

/** A part of an image in its pixels (x, y from its top left). */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Fit = 'cover' | 'contain' | 'fill';

/**
 * Where the part `crop` of an image of `src` pixels goes when fitted to `frame` (as the whole image
 * would be), and what is drawn: the whole pixels covering `clip` (the frame, grown into the bleed
 * where the picture reaches the frame's edge), placed so that the crop lands exactly on its spot.
 * Drawing whole pixels under a clip keeps the placement exact to a fraction of a pixel.
 */
export function cropPlacement(crop: CropRect, src: { width: number; height: number }, frame: Box, clip: Box, fit: Fit): { extract: { left: number; top: number; width: number; height: number }; draw: Box; clip: Box } | undefined {
  let sx = frame.width / crop.width;
  let sy = frame.height / crop.height;
  if (fit !== 'fill') sx = sy = fit === 'cover' ? Math.max(sx, sy) : Math.min(sx, sy);
  const d = { x: frame.x + (frame.width - crop.width * sx) / 2, y: frame.y + (frame.height - crop.height * sy) / 2, width: crop.width * sx, height: crop.height * sy };
  // Where pixel (0, 0) lands.
  const ox = d.x - crop.x * sx;
  const oy = d.y - crop.y * sy;
  const eps = 1e-6;
  const c = {
    x0: d.x <= frame.x + eps ? clip.x : d.x,
    y0: d.y <= frame.y + eps ? clip.y : d.y,
    x1: d.x + d.width >= frame.x + frame.width - eps ? clip.x + clip.width : d.x + d.width,
    y1: d.y + d.height >= frame.y + frame.height - eps ? clip.y + clip.height : d.y + d.height,
  };
  // Tolerate rounding (a thousandth of a pixel) before taking whole pixels.
  const left = Math.max(0, Math.floor((c.x0 - ox) / sx + 1e-3));
  const top = Math.max(0, Math.floor((c.y0 - oy) / sy + 1e-3));
  const right = Math.min(src.width, Math.ceil((c.x1 - ox) / sx - 1e-3));
  const bottom = Math.min(src.height, Math.ceil((c.y1 - oy) / sy - 1e-3));
  if (right <= left || bottom <= top) return undefined;
  return {
    extract: { left, top, width: right - left, height: bottom - top },
    draw: { x: ox + left * sx, y: oy + top * sy, width: (right - left) * sx, height: (bottom - top) * sy },
    clip: { x: c.x0, y: c.y0, width: c.x1 - c.x0, height: c.y1 - c.y0 },
  };
}

/** JPEG quality of prepared photos: no visible artefacts at newspaper screen rulings. */
const QUALITY = 88;

/**
 * Prepare a photo for the page with sharp: cropped (cover) or fitted (contain) to the placed
 * aspect, at `ppi` pixels per inch of placed size but never upsampled, as a one-channel gray or a
 * CMYK JPEG (flattened: JPEG has no alpha); never RGB, which a press would have to separate itself.
 * RGB and gray photos are separated with libvips' CMYK profile, the one the PDF/A output intent
 * describes; a CMYK photo keeps its own separation (it was made for print). With `maxInk` no pixel
 * of the JPEG, decoded, has more total ink than that (percent). The JPEG carries no ICC profile: the
 * document's output intent says what its CMYK means, once per file.
 */
export async function prepareImage(file: string, placedWidthPt: number, placedHeightPt: number, opts: { fit: Fit; crop?: { part: CropRect; frame: Box; clip: Box }; grayscale: boolean; ppi?: number; maxInk?: number; maxBytes?: number; where: string; bytes?: Uint8Array }): Promise<PreparedImage> {
  const ppi = opts.ppi ?? 300;
  let w = Math.round((placedWidthPt / 72) * ppi);
  let h = Math.round((placedHeightPt / 72) * ppi);
  // A frame that leaves the picture less than a pixel at this resolution is the layout's mistake, not a picture to draw (said before the file is read).
  if (w < 1 || h < 1) throw new InputError(`${opts.where}: ${file} would be drawn ${(placedWidthPt / MM).toFixed(1)} × ${(placedHeightPt / MM).toFixed(1)} mm, too small to show: its frame leaves it no room`);
  const { input, sharp, meta } = await openImage(file, opts);
  // Never upsample: scale the target down to what the source can give.
  // The size as the picture will stand after .rotate() applies its EXIF orientation.
  const srcW = meta.autoOrient?.width ?? meta.width ?? w;
  const srcH = meta.autoOrient?.height ?? meta.height ?? h;
  // A CMYK source stays CMYK through the resize (sharp would otherwise go through sRGB and re-separate).
  const keepCmyk = meta.space === 'cmyk' && !opts.grayscale;
  let pipeline = (keepCmyk ? sharp(input).pipelineColourspace('cmyk') : sharp(input)).rotate();
  let placed: PreparedImage['placed'];
  if (opts.crop) {
    // The part of the image the layout chose, drawn under a clip: only the pixels that show are kept.
    const { part, frame, clip } = opts.crop;
    if (part.x + part.width > srcW + 0.5 || part.y + part.height > srcH + 0.5) throw new InputError(`${opts.where}: crop ${part.x},${part.y} ${part.width}×${part.height} px lies outside ${file} (${srcW}×${srcH} px)`);
    const c = cropPlacement(part, { width: srcW, height: srcH }, frame, clip, opts.fit);
    if (!c) throw new InputError(`${opts.where}: crop ${part.width}×${part.height} px of ${file} leaves nothing to draw`);
    placed = { draw: c.draw, clip: c.clip };
    pipeline = pipeline.extract(c.extract);
    // Never upsample (each axis: the pixels are stretched to the drawn box in any case).
    w = Math.max(1, Math.min(c.extract.width, Math.round((c.draw.width / 72) * ppi)));
    h = Math.max(1, Math.min(c.extract.height, Math.round((c.draw.height / 72) * ppi)));
    pipeline = pipeline.resize(w, h, { fit: 'fill' });
  } else {
    if (opts.fit === 'fill') {
      w = Math.min(w, srcW);
      h = Math.min(h, srcH);
    } else {
      const limit = opts.fit === 'cover' ? Math.max(w / srcW, h / srcH) : Math.min(w / srcW, h / srcH);
      if (limit > 1) {
        w = Math.max(1, Math.round(w / limit));
        h = Math.max(1, Math.round(h / limit));
      }
    }
    pipeline = pipeline.resize(w, h, { fit: opts.fit, background: { r: 255, g: 255, b: 255 } });
  }
  pipeline = pipeline.flatten({ background: '#ffffff' });
  const at = placed ? { placed } : {};
  if (opts.grayscale) {
    const { data, info } = await decoded(pipeline.toColourspace('b-w').jpeg({ quality: QUALITY }).toBuffer({ resolveWithObject: true }), file, opts.where);
    return { data, width: info.width, height: info.height, channels: info.channels, maxInk: decodedMaxInk(await decodeJpeg(sharp, data)), ...at };
  }
  pipeline = keepCmyk ? pipeline.toColourspace('cmyk') : pipeline.toColourspace('cmyk').withIccProfile('cmyk', { attach: false });
  const raw = await decoded(pipeline.raw().toBuffer({ resolveWithObject: true }), file, opts.where);
  const { data, maxInk } = await cmykJpeg(sharp, raw.data, raw.info.width, raw.info.height, QUALITY, opts.maxInk);
  return { data, width: raw.info.width, height: raw.info.height, channels: 4, maxInk, ...at };
}

/** The photo's pixels, decoded: a header that reads but a body that does not (a truncated or damaged file) is the input's fault. */
async function decoded<T>(work: Promise<T>, file: string, where: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    throw new InputError(`${where}: image: ${file}: cannot be decoded (${firstLine(e)})`);
  }
}

/** libvips messages run over several lines ("VipsJpeg: …\nvips2jpeg: …"): the first says what went wrong. */
const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0].trim().slice(0, 200);

/**
 * An image's bytes (given, or read from `file` within the size limit), sharp, and the image's
 * metadata; a file sharp cannot read is an InputError naming it. sharp (libvips) loads only for
 * pages that have images: importing it costs ~70 ms of cold start.
 */
async function openImage(file: string, opts: { maxBytes?: number; where: string; bytes?: Uint8Array }) {
  const input = opts.bytes ? Buffer.from(opts.bytes) : await readInput(file, { where: `${opts.where}: image`, limit: opts.maxBytes ?? DEFAULT_MAX_IMAGE, kind: 'an image' });
  const sharp: typeof Sharp = (await import('sharp')).default;
  try {
    return { input, sharp, meta: await sharp(input).metadata() };
  } catch (e) {
    throw new InputError(`${opts.where}: image: ${file}: not an image that can be read (${firstLine(e)})`);
  }
}

/**
 * A photo's resolution at print size without preparing it (check writes no PDF): pixels per inch of
 * the source (its crop, if the layout gives one) as fitted to the frame, the lower of the two
 * directions. The preflight of a written page measures the same on the image as embedded.
 */
export async function sourcePpi(file: string, frame: Box, opts: { fit: Fit; crop?: CropRect; maxBytes?: number; where: string; bytes?: Uint8Array }): Promise<number> {
  const { meta } = await openImage(file, opts);
  const w = opts.crop?.width ?? meta.autoOrient?.width ?? meta.width ?? 1;
  const h = opts.crop?.height ?? meta.autoOrient?.height ?? meta.height ?? 1;
  let sx = frame.width / w;
  let sy = frame.height / h;
  if (opts.fit !== 'fill') sx = sy = opts.fit === 'cover' ? Math.max(sx, sy) : Math.min(sx, sy);
  return Math.round(72 / Math.max(sx, sy));
}
