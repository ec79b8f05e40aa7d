import { readFile } from 'node:fs/promises';
import type Sharp from 'sharp';
import { InputError } from '../errors.js';
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
export async function prepareImage(file: string, placedWidthPt: number, placedHeightPt: number, opts: { fit: 'cover' | 'contain'; grayscale: boolean; ppi?: number; maxInk?: number; where: string; bytes?: Uint8Array }): Promise<PreparedImage> {
  let input: Buffer;
  try {
    input = opts.bytes ? Buffer.from(opts.bytes) : await readFile(file);
  } catch (e) {
    throw new InputError(`${opts.where}: image not found or unreadable: ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // sharp (libvips) loads only for pages that have images: importing it costs ~70 ms of cold start.
  const sharp: typeof Sharp = (await import('sharp')).default;
  let meta: Awaited<ReturnType<ReturnType<typeof Sharp>["metadata"]>>;
  try {
    meta = await sharp(input).metadata();
  } catch (e) {
    throw new InputError(`${opts.where}: ${file} is not an image sharp can read: ${(e as Error).message}`);
  }
  const ppi = opts.ppi ?? 300;
  let w = Math.round((placedWidthPt / 72) * ppi);
  let h = Math.round((placedHeightPt / 72) * ppi);
  // Never upsample: scale the target down to what the source can give.
  // The size as the picture will stand after .rotate() applies its EXIF orientation.
  const srcW = meta.autoOrient?.width ?? meta.width ?? w;
  const srcH = meta.autoOrient?.height ?? meta.height ?? h;
  const limit = opts.fit === 'cover' ? Math.max(w / srcW, h / srcH) : Math.min(w / srcW, h / srcH);
  if (limit > 1) {
    w = Math.max(1, Math.round(w / limit));
    h = Math.max(1, Math.round(h / limit));
  }
  // A CMYK source stays CMYK through the resize (sharp would otherwise go through sRGB and re-separate).
  const keepCmyk = meta.space === 'cmyk' && !opts.grayscale;
  let pipeline = (keepCmyk ? sharp(input).pipelineColourspace('cmyk') : sharp(input)).rotate().resize(w, h, { fit: opts.fit, background: { r: 255, g: 255, b: 255 } }).flatten({ background: '#ffffff' });
  if (opts.grayscale) {
    const { data, info } = await pipeline.toColourspace('b-w').jpeg({ quality: QUALITY }).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels, maxInk: decodedMaxInk(await decodeJpeg(sharp, data)) };
  }
  pipeline = keepCmyk ? pipeline.toColourspace('cmyk') : pipeline.toColourspace('cmyk').withIccProfile('cmyk', { attach: false });
  const raw = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const { data, maxInk } = await cmykJpeg(sharp, raw.data, raw.info.width, raw.info.height, QUALITY, opts.maxInk);
  return { data, width: raw.info.width, height: raw.info.height, channels: 4, maxInk };
}
