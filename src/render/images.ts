import type Sharp from 'sharp';
import { InputError } from '../errors.js';
import { DEFAULT_MAX_IMAGE, readInput } from '../fsutil.js';

export interface PreparedImage {
  data: Buffer;
  /** Pixel size of the prepared image. */
  width: number;
  height: number;
  /** Channels of the JPEG: 1 (gray) or 4 (CMYK). */
  channels: number;
}

/**
 * Prepare a photo for the page with sharp: cropped (cover) or fitted (contain) to the placed
 * aspect, at `ppi` pixels per inch of placed size but never upsampled, as a one-channel gray or a
 * CMYK JPEG (flattened: JPEG has no alpha). CMYK goes through libvips' CMYK output profile, the one
 * the PDF/A output intent names; never RGB, which a press would have to separate itself.
 */
export async function prepareImage(file: string, placedWidthPt: number, placedHeightPt: number, opts: { fit: 'cover' | 'contain'; grayscale: boolean; ppi?: number; maxBytes?: number; where: string }): Promise<PreparedImage> {
  const input = await readInput(file, { where: `${opts.where}: image`, limit: opts.maxBytes ?? DEFAULT_MAX_IMAGE, kind: 'an image' });
  // sharp (libvips) loads only for pages that have images: importing it costs ~70 ms of cold start.
  const sharp: typeof Sharp = (await import('sharp')).default;
  let meta: Awaited<ReturnType<ReturnType<typeof Sharp>["metadata"]>>;
  try {
    meta = await sharp(input).metadata();
  } catch (e) {
    throw new InputError(`${opts.where}: image: ${file}: not an image that can be read (${firstLine(e)})`);
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
  let pipeline = sharp(input).rotate().resize(w, h, { fit: opts.fit, background: { r: 255, g: 255, b: 255 } }).flatten({ background: '#ffffff' });
  pipeline = opts.grayscale ? pipeline.toColourspace('b-w') : pipeline.toColourspace('cmyk').withIccProfile('cmyk');
  try {
    const { data, info } = await pipeline.jpeg({ quality: 88 }).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (e) {
    // A header that reads but a body that does not: a truncated or damaged file, a decompression bomb.
    throw new InputError(`${opts.where}: image: ${file}: cannot be decoded (${firstLine(e)})`);
  }
}

/** libvips messages run over several lines ("VipsJpeg: …\nvips2jpeg: …"): the first says what went wrong. */
const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0].trim().slice(0, 200);
