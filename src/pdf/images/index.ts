/**
 * The images of one page as files a layout can use, with where each shows and which part of it.
 *
 * pdf.js (readPage) tells where every image is painted and what of it the clip leaves visible, and
 * decodes its pixels; pdf-lib (source.ts) gives the stored bytes of the XObject pdf.js names. A
 * JPEG passes through unchanged where its colours mean the same as a file; otherwise the file is
 * made from the JPEG (re-encoded) or from pdf.js's pixels (PNG). One file per XObject however often
 * it is painted; one placement per paint.
 */
import { imagePixels } from '../read.js';
import type { PdfPageProxy } from '../open.js';
import type { PdfImage, PdfPage, Rect } from '../types.js';
import { jpegPlan, pixelsPng, reencodeJpeg, colourOf, type MadeFile } from './encode.js';
import { jpegHeader, withoutExif } from './jpeg.js';
import { imageKind, type ImageKind } from './kind.js';
import { cropOf, isUpright, orientationOf, UPRIGHT, type Crop, type Orientation } from './place.js';
import { imageStream, type RawPdf } from './source.js';

export { openRawPdf, type RawPdf } from './source.js';
export type { ImageKind } from './kind.js';
export type { Crop } from './place.js';

export interface ImageFile extends MadeFile {
  /** A file name unique on the page, by first appearance: image-1.jpg, image-2.png, … */
  name: string;
  /**
   * original: the PDF's JPEG bytes, unchanged (at most an Exif segment dropped, see note);
   * reencoded: made from the PDF's JPEG (inverted and/or turned), JPEG quality 95, 4:4:4;
   * decoded: made from pdf.js's decoded pixels, lossless PNG.
   */
  origin: 'original' | 'reencoded' | 'decoded';
  /** Why the file is not the original JPEG, or what was changed in it. */
  note?: string;
  /** The image XObject ("12 0 R"); none for an inline image. */
  ref?: string;
}

export interface PlacedImage {
  /** Index into PageImages.files; none for stencil masks and for images nothing could be read of. */
  file?: number;
  kind: ImageKind;
  /** Why this kind, in words. */
  reason: string;
  /** Where the image shows on the page: its placement clipped by the clip path (pt, top-left origin). The photo region. */
  box: Rect;
  /** The whole image as placed, hidden parts included (pt). */
  bbox: Rect;
  /**
   * The part of the file that shows in `box`, in the file's pixels (x, y from its top left): drawn
   * stretched to `box` (fit "fill"), it puts the picture where the original had it.
   */
  crop?: Crop;
  /** Turned by an angle that is not a multiple of 90°, or sheared: the file is as stored, no crop. */
  skewed?: boolean;
  /** Nothing of it shows (clipped away entirely). */
  hidden?: boolean;
  /** Painting order on the page (PdfImage.seq). */
  seq: number;
}

export interface PageImages {
  files: ImageFile[];
  placed: PlacedImage[];
}

type Pixels = NonNullable<Awaited<ReturnType<typeof imagePixels>>>;

/**
 * Extract the images of a page read by readPage. `raw` (openRawPdf, once per document) lets JPEGs
 * pass through; without it every file is made from pdf.js's pixels.
 */
export async function extractImages(page: PdfPage, proxy: PdfPageProxy, raw?: RawPdf): Promise<PageImages> {
  const files: ImageFile[] = [];
  const placed: PlacedImage[] = [];
  const fileOf = new Map<string, number>();
  const pixelsOf = new Map<string, Promise<Pixels | undefined>>();
  const pixels = (id: string) => {
    let p = pixelsOf.get(id);
    if (!p) pixelsOf.set(id, (p = id ? imagePixels(proxy, id) : Promise.resolve(undefined)));
    return p;
  };

  for (const im of page.images) {
    const box = im.visible;
    const hidden = box[2] - box[0] <= 0 || box[3] - box[1] <= 0;
    const common = { box, bbox: im.bbox, seq: im.seq, ...(hidden ? { hidden: true } : {}) };
    if (im.mask) {
      placed.push({ ...imageKind({ mask: true, visible: box }), ...common });
      continue;
    }
    const px = await pixels(im.id);
    const stream = raw && px?.ref ? imageStream(raw, px.ref) : undefined;
    const o = orientationOf(im.matrix);
    const turn = o ?? UPRIGHT;
    const { kind, reason } = imageKind({ visible: box, bitsPerComponent: stream?.bitsPerComponent, paletteSize: stream?.colourSpace?.paletteSize, pixels: px });
    // One file per XObject and orientation (inline images have no identity: one file each).
    const key = im.id ? `${px?.ref ?? im.id}|${turn.flip}|${turn.rotate}` : '';
    let index = key ? fileOf.get(key) : undefined;
    if (index === undefined) {
      const made = await makeFile(im, stream, px, turn);
      if (made) {
        index = files.length;
        files.push({ ...made, name: `image-${index + 1}.${made.format === 'jpeg' ? 'jpg' : 'png'}` });
        if (key) fileOf.set(key, index);
      }
    }
    const f = index === undefined ? undefined : files[index];
    placed.push({
      ...(index !== undefined ? { file: index } : {}),
      kind,
      reason,
      ...common,
      ...(f && o ? { crop: cropOf(im.bbox, box, f.width, f.height) } : {}),
      ...(o ? {} : { skewed: true }),
    });
  }
  return { files, placed };
}

async function makeFile(im: PdfImage, stream: ReturnType<typeof imageStream>, px: Pixels | undefined, o: Orientation): Promise<Omit<ImageFile, 'name'> | undefined> {
  const ref = stream ? { ref: stream.ref } : {};
  let why: string | undefined;
  const header = stream ? jpegHeader(stream.data) : undefined;
  if (stream && stream.filters.includes('DCTDecode') && !header) why = 'the stored JPEG is unreadable';
  if (stream && header) {
    const plan = jpegPlan(stream, header);
    if ('reason' in plan) why = plan.reason;
    else if (!plan.invert && isUpright(o)) {
      // Passes through. An EXIF orientation would turn it outside the PDF (which ignores it).
      const turned = header.orientation !== undefined && header.orientation !== 1;
      const data = turned ? withoutExif(stream.data) : stream.data;
      return { format: 'jpeg', data, width: header.width, height: header.height, colour: colourOf(header.components), alpha: false, origin: 'original', ...(turned ? { note: `Exif segment dropped (orientation ${header.orientation}, which the PDF ignores)` } : {}), ...ref };
    } else {
      const note = [plan.invert ? (header.components === 4 ? 'CMYK samples inverted (the PDF paints them without an inverting /Decode)' : 'samples inverted (/Decode [1 0])') : '', isUpright(o) ? '' : 'turned upright'].filter(Boolean).join('; ');
      return { ...(await reencodeJpeg(stream.data, header.components, plan.invert, o)), origin: 'reencoded', note, ...ref };
    }
  }
  if (!px) return undefined;
  if (!why) why = stream ? `filters ${stream.filters.join(' + ') || 'none'}` : im.id ? 'no stored stream found' : 'inline image';
  return { ...(await pixelsPng(px, o)), origin: 'decoded', note: `from pdf.js's pixels: ${why}`, ...ref };
}
