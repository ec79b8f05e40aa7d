import { imagePixels } from '../pdf/read.js';
import type { PdfPageProxy } from '../pdf/open.js';
import type { PageGeometry } from '../ingest/types.js';

export interface PhotoFile {
  /** Index into PageGeometry.photos. */
  index: number;
  /** File name (no folder), e.g. photo-1.jpg. */
  name: string;
  bytes: Uint8Array;
}

/**
 * The page's pictures as files a layout can name: the pixels pdf.js decoded, cropped to what shows on
 * the page (the clip), written as JPEG (quality 92: photos on newsprint; no visible loss at print size).
 */
export async function photoFiles(proxy: PdfPageProxy, page: PageGeometry): Promise<PhotoFile[]> {
  const sharp = (await import('sharp')).default;
  const out: PhotoFile[] = [];
  for (const [index, p] of page.photos.entries()) {
    if (!p.image) continue;
    const px = await imagePixels(proxy, p.image.id);
    if (!px) continue;
    const { bbox } = p.image;
    // The visible part in image pixels (the image's unit square maps onto bbox; y runs down in both).
    const sx = px.width / Math.max(1e-6, bbox[2] - bbox[0]);
    const sy = px.height / Math.max(1e-6, bbox[3] - bbox[1]);
    const left = Math.max(0, Math.floor((p.bbox[0] - bbox[0]) * sx));
    const top = Math.max(0, Math.floor((p.bbox[1] - bbox[1]) * sy));
    const width = Math.min(px.width - left, Math.max(1, Math.round((p.bbox[2] - p.bbox[0]) * sx)));
    const height = Math.min(px.height - top, Math.max(1, Math.round((p.bbox[3] - p.bbox[1]) * sy)));
    const bytes = await sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
      .extract({ left, top, width, height })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 92 })
      .toBuffer();
    out.push({ index, name: `${p.kind === 'photo' ? 'photo' : 'image'}-${index + 1}.jpg`, bytes: new Uint8Array(bytes) });
  }
  return out;
}
