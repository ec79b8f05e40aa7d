/**
 * Image files made from a PDF's images, with sharp. Every file is an ordinary image that means
 * what the PDF showed: any reader, and banmian's render path (libvips), sees the page's colours.
 */
import type Sharp from 'sharp';
import type { JpegHeader } from './jpeg.js';
import type { Orientation } from './place.js';
import type { ImageStream } from './source.js';

/**
 * Quality of a JPEG that has to be re-encoded (inverted or turned): its source is a JPEG already,
 * and at 95 with full-resolution colour (4:4:4) the second generation's error is a fraction of the
 * first's; banmian's render path re-encodes photos at 88 for the page in any case.
 */
export const REENCODE_QUALITY = 95;

export interface MadeFile {
  format: 'jpeg' | 'png';
  data: Uint8Array;
  width: number;
  height: number;
  colour: 'gray' | 'rgb' | 'cmyk';
  alpha: boolean;
}

const sharpModule = async (): Promise<typeof Sharp> => (await import('sharp')).default;

/**
 * Can the PDF's JPEG stand as a file of its own, and must its samples be inverted for that?
 *
 * In a PDF, a DCTDecode image's colours are its decoded samples mapped through /Decode: the Adobe
 * APP14 marker's "inverted CMYK" convention does not apply (Acrobat, pdf.js and poppler all ignore
 * it). As a file, a CMYK JPEG is read the Photoshop way: libvips (sharp) takes every CMYK JPEG's
 * samples as inverted (255 = no ink), with or without the marker, and writes them so; pdfkit writes
 * /Decode [1 0 1 0 1 0 1 0] for every CMYK JPEG it embeds, which agrees. So a CMYK JPEG painted
 * with that inverting /Decode passes through unchanged, and one painted without it (Founder
 * PDFGenerator writes [0 1 0 1 0 1 0 1] with an Adobe YCCK marker) is a negative as a file:
 * `pdfimages -j` output of such a page renders dark in banmian. No header change can fix that
 * (libvips ignores the marker), so its samples are inverted and re-encoded.
 */
export function jpegPlan(s: ImageStream, h: JpegHeader): { invert: boolean } | { reason: string } {
  if (s.filters.length !== 1 || s.filters[0] !== 'DCTDecode') return { reason: `filters ${s.filters.join(' + ')}` };
  if (s.masked) return { reason: 'it has a mask (the file keeps its transparency)' };
  if ((s.bitsPerComponent ?? 8) !== 8) return { reason: `${s.bitsPerComponent} bits per component` };
  const cs = s.colourSpace;
  const device = cs?.family.startsWith('Device') ? cs.family : cs?.device;
  const components = { DeviceGray: 1, DeviceRGB: 3, DeviceCMYK: 4 }[device ?? ''];
  if (!components) return { reason: `colour space ${cs?.family ?? 'unknown'}` };
  if (components !== h.components) return { reason: `${device} but the JPEG has ${h.components} components` };
  // The colour transform the JPEG implies (libjpeg's rule) against the one the PDF imposes.
  const implied = h.adobeTransform ?? (h.components === 3 ? 1 : 0);
  if (s.colorTransform !== undefined && (s.colorTransform !== 0) !== (implied !== 0)) return { reason: `/ColorTransform ${s.colorTransform} overrides the JPEG's` };
  let inverted = false;
  if (s.decode) {
    const pairs = Array.from({ length: s.decode.length / 2 }, (_, k) => [s.decode![2 * k], s.decode![2 * k + 1]]);
    if (pairs.length !== components) return { reason: `/Decode of ${s.decode.length} numbers` };
    inverted = pairs.every(([a, b]) => a === 1 && b === 0);
    if (!inverted && !pairs.every(([a, b]) => a === 0 && b === 1)) return { reason: `/Decode [${s.decode.join(' ')}]` };
  }
  // As a file: CMYK samples are read inverted, gray and RGB as they are.
  return { invert: inverted !== (components === 4) };
}

const colourOf = (components: number): MadeFile['colour'] => (components === 4 ? 'cmyk' : components === 1 ? 'gray' : 'rgb');
const SPACE = { cmyk: 'cmyk', gray: 'b-w', rgb: 'srgb' } as const;

/** Re-encode a JPEG, its samples inverted and/or turned upright, in its own colour space (CMYK stays CMYK). */
export async function reencodeJpeg(data: Uint8Array, components: number, invert: boolean, o: Orientation): Promise<MadeFile> {
  const sharp = await sharpModule();
  const colour = colourOf(components);
  // The pipeline stays in the JPEG's own space: no detour through sRGB, no profile conversion.
  let p = sharp(data, { failOn: 'none' }).pipelineColourspace(SPACE[colour]);
  if (invert) p = p.negate({ alpha: false });
  if (o.flip) p = p.flip();
  if (o.rotate) p = p.rotate(o.rotate);
  const out = await p.toColourspace(SPACE[colour]).jpeg({ quality: REENCODE_QUALITY, chromaSubsampling: '4:4:4' }).toBuffer({ resolveWithObject: true });
  return { format: 'jpeg', data: new Uint8Array(out.data), width: out.info.width, height: out.info.height, colour, alpha: false };
}

/**
 * A lossless PNG of pdf.js's decoded pixels, turned upright: gray when every pixel is gray, alpha
 * only where some pixel is not opaque. PNG rather than JPEG because what reaches this path is mostly
 * drawn art (Flate, JBIG2, 1-bit, indexed, masked images), where JPEG's ringing shows at every edge,
 * and because PNG keeps a soft mask's transparency. (CMYK non-JPEG images arrive as pdf.js's RGB.)
 */
export async function pixelsPng(px: { width: number; height: number; channels: 1 | 3 | 4; data: Uint8Array }, o: Orientation): Promise<MadeFile> {
  const sharp = await sharpModule();
  const { width, height, channels, data } = px;
  let gray = channels === 1;
  let opaque = true;
  if (channels >= 3) {
    gray = true;
    for (let i = 0; i < data.length; i += channels) {
      if (gray && (data[i] !== data[i + 1] || data[i] !== data[i + 2])) gray = false;
      if (channels === 4 && data[i + 3] !== 255) opaque = false;
      if (!gray && !opaque) break;
    }
  }
  let raw: Uint8Array = data;
  let c: 1 | 2 | 3 | 4 = channels;
  if (channels > 1 && (gray || opaque)) {
    // Keep only the channels that carry something: gray (+ alpha), or RGB.
    c = gray ? (opaque ? 1 : 2) : 3;
    raw = new Uint8Array(width * height * c);
    for (let i = 0, j = 0; i < data.length; i += channels, j += c) {
      if (gray) {
        raw[j] = data[i];
        if (c === 2) raw[j + 1] = data[i + 3];
      } else {
        raw[j] = data[i];
        raw[j + 1] = data[i + 1];
        raw[j + 2] = data[i + 2];
      }
    }
  }
  let p = sharp(raw, { raw: { width, height, channels: c } });
  if (o.flip) p = p.flip();
  if (o.rotate) p = p.rotate(o.rotate);
  const out = await p.toColourspace(gray ? 'b-w' : 'srgb').png().toBuffer({ resolveWithObject: true });
  return { format: 'png', data: new Uint8Array(out.data), width: out.info.width, height: out.info.height, colour: gray ? 'gray' : 'rgb', alpha: c === 2 || c === 4 };
}

export { colourOf };
