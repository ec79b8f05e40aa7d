/** What a JPEG's header says, read from its markers (no pixel is decoded). */

export interface JpegHeader {
  width: number;
  height: number;
  /** Colour components of the frame: 1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK. */
  components: number;
  /** The Adobe APP14 marker's colour transform (0 none, 1 YCbCr, 2 YCCK), when the marker is there. */
  adobeTransform?: number;
  /** EXIF orientation (1–8) when an APP1 Exif segment gives one. */
  orientation?: number;
}

interface Segment {
  marker: number;
  /** Offset of the 0xFF byte. */
  start: number;
  /** Offset just past the segment. */
  end: number;
}

/** The marker segments before the first scan; undefined if the bytes are not a JPEG. */
function segments(b: Uint8Array): Segment[] | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  const out: Segment[] = [];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    // Fill bytes before a marker.
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (b[i + 2] << 8) | b[i + 3];
    out.push({ marker, start: i, end: i + 2 + length });
    // Start of scan: entropy-coded data follows; everything a header says has been said.
    if (marker === 0xda) return out;
    i += 2 + length;
  }
  return undefined;
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const ascii = (b: Uint8Array, at: number, s: string) => [...s].every((c, k) => b[at + k] === c.charCodeAt(0));

/** Read the header of a JPEG; undefined if it is not one (or has no frame header before its scan). */
export function jpegHeader(b: Uint8Array): JpegHeader | undefined {
  const segs = segments(b);
  if (!segs) return undefined;
  let header: JpegHeader | undefined;
  let adobeTransform: number | undefined;
  let orientation: number | undefined;
  for (const s of segs) {
    const p = s.start + 4;
    if (SOF.has(s.marker)) header = { height: (b[p + 1] << 8) | b[p + 2], width: (b[p + 3] << 8) | b[p + 4], components: b[p + 5] };
    else if (s.marker === 0xee && ascii(b, p, 'Adobe') && s.end - p >= 12) adobeTransform = b[p + 11];
    else if (s.marker === 0xe1 && ascii(b, p, 'Exif\0\0')) orientation = exifOrientation(b.subarray(p + 6, s.end));
  }
  if (!header) return undefined;
  return { ...header, ...(adobeTransform !== undefined ? { adobeTransform } : {}), ...(orientation !== undefined ? { orientation } : {}) };
}

/** Orientation (tag 0x0112) from IFD0 of an Exif TIFF structure. */
function exifOrientation(t: Uint8Array): number | undefined {
  if (t.length < 8) return undefined;
  const le = t[0] === 0x49;
  const u16 = (o: number) => (le ? t[o] | (t[o + 1] << 8) : (t[o] << 8) | t[o + 1]);
  const u32 = (o: number) => (le ? (t[o] | (t[o + 1] << 8) | (t[o + 2] << 16)) + t[o + 3] * 0x1000000 : t[o] * 0x1000000 + ((t[o + 1] << 16) | (t[o + 2] << 8) | t[o + 3]));
  const ifd = u32(4);
  if (ifd + 2 > t.length) return undefined;
  const n = u16(ifd);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > t.length) return undefined;
    if (u16(e) === 0x0112) return u16(e + 8);
  }
  return undefined;
}

/**
 * The same JPEG without its Exif segments: a PDF viewer ignores EXIF orientation, sharp (and every
 * image viewer) applies it, so a JPEG that carries one would turn when it leaves the PDF. Only
 * header bytes go; the compressed image is untouched.
 */
export function withoutExif(b: Uint8Array): Uint8Array {
  const segs = segments(b);
  if (!segs) return b;
  const drop = segs.filter((s) => s.marker === 0xe1 && ascii(b, s.start + 4, 'Exif\0\0'));
  if (!drop.length) return b;
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const s of drop) {
    parts.push(b.subarray(at, s.start));
    at = s.end;
  }
  parts.push(b.subarray(at));
  return new Uint8Array(Buffer.concat(parts));
}
