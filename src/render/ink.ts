import type Sharp from 'sharp';

/**
 * Total ink (total area coverage, TAC) of CMYK pixels and a limit on it, for photos on newsprint.
 * Pixels are interleaved C, M, Y, K bytes, 0 no ink to 255 solid; percentages are of one solid ink
 * (400 = all four solid).
 */

/** The highest total ink of any pixel, in percent. */
export function maxTotalInk(cmyk: Uint8Array): number {
  let max = 0;
  for (let i = 0; i + 3 < cmyk.length; i += 4) {
    const t = cmyk[i] + cmyk[i + 1] + cmyk[i + 2] + cmyk[i + 3];
    if (t > max) max = t;
  }
  return (max / 255) * 100;
}

/**
 * Bring every pixel to at most `limit` percent total ink, in place, the way a separation with
 * under-colour removal does: first the grey component (the part of C, M and Y common to all three)
 * moves to K, which carries the same darkness with one ink instead of three (each step removes three
 * and adds one); what is still over the limit comes off C, M and Y in proportion, K untouched, so
 * black detail stays. Only K that is over the limit by itself comes down to it: solid black under a
 * limit of 100%, or under a target lowered below 100% to absorb JPEG's error around black edges.
 * Pixels within the limit are not changed.
 */
export function limitTotalInk(cmyk: Uint8Array, limit: number): void {
  const L = Math.floor((limit / 100) * 255);
  for (let i = 0; i + 3 < cmyk.length; i += 4) {
    let c = cmyk[i];
    let m = cmyk[i + 1];
    let y = cmyk[i + 2];
    let k = cmyk[i + 3];
    const total = c + m + y + k;
    if (total <= L) continue;
    const grey = Math.min(c, m, y, 255 - k, Math.ceil((total - L) / 2));
    c -= grey;
    m -= grey;
    y -= grey;
    k += grey;
    if (k > L) k = L;
    const cmy = c + m + y;
    if (cmy + k > L) {
      const f = Math.max(0, L - k) / cmy;
      c = Math.floor(c * f);
      m = Math.floor(m * f);
      y = Math.floor(y * f);
    }
    cmyk[i] = c;
    cmyk[i + 1] = m;
    cmyk[i + 2] = y;
    cmyk[i + 3] = k;
  }
}

/**
 * Uncompressed CMYK pixels wrapped as a baseline TIFF (PhotometricInterpretation 5, InkSet CMYK), so
 * libvips takes them as CMYK: sharp reads raw 4-channel input as RGB with alpha and has no way to say
 * otherwise. `icc` (optional) goes in the ICC profile tag.
 */
export function cmykTiff(cmyk: Uint8Array, width: number, height: number, icc?: Uint8Array): Buffer {
  // [tag, type (3 SHORT, 4 LONG, 7 UNDEFINED), count, value or offset], in ascending tag order.
  const entries: [number, number, number, number][] = [
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 4, 0], // BitsPerSample 8,8,8,8: stored after the directory
    [259, 3, 1, 1], // no compression
    [262, 3, 1, 5], // separated (CMYK)
    [273, 4, 1, 0], // strip offset: the pixels, after everything else
    [277, 3, 1, 4],
    [278, 4, 1, height], // one strip
    [279, 4, 1, cmyk.length],
    [284, 3, 1, 1], // chunky
    [332, 3, 1, 1], // InkSet: CMYK
  ];
  if (icc) entries.push([34675, 7, icc.length, 0]);
  const ifd = 8;
  const bits = ifd + 2 + entries.length * 12 + 4;
  const profileAt = bits + 8;
  const pixelsAt = profileAt + (icc ? (icc.length + 1) & ~1 : 0);
  const b = Buffer.alloc(pixelsAt + cmyk.length);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(ifd, 4);
  b.writeUInt16LE(entries.length, ifd);
  entries.forEach(([tag, type, count, value], i) => {
    const p = ifd + 2 + i * 12;
    if (tag === 258) value = bits;
    if (tag === 273) value = pixelsAt;
    if (tag === 34675) value = profileAt;
    b.writeUInt16LE(tag, p);
    b.writeUInt16LE(type, p + 2);
    b.writeUInt32LE(count, p + 4);
    if (type === 3 && count === 1) b.writeUInt16LE(value, p + 8);
    else b.writeUInt32LE(value, p + 8);
  });
  for (let k = 0; k < 4; k++) b.writeUInt16LE(8, bits + 2 * k);
  if (icc) b.set(icc, profileAt);
  b.set(cmyk, pixelsAt);
  return b;
}

/** Decode a JPEG to its pixels as they are: CMYK (ink, Adobe inversion undone) or gray, no colour conversion. */
export async function decodeJpeg(sharp: typeof Sharp, jpeg: Buffer): Promise<{ data: Buffer; channels: number }> {
  const meta = await sharp(jpeg).metadata();
  const cmyk = meta.space === 'cmyk';
  const pipeline = cmyk ? sharp(jpeg).pipelineColourspace('cmyk').toColourspace('cmyk') : sharp(jpeg).toColourspace('b-w');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, channels: info.channels };
}

/** Total ink of a decoded image: CMYK sums, or for gray the darkest pixel. */
export function decodedMaxInk(image: { data: Uint8Array; channels: number }): number {
  if (image.channels === 4) return maxTotalInk(image.data);
  let min = 255;
  for (let i = 0; i < image.data.length; i += image.channels) if (image.data[i] < min) min = image.data[i];
  return ((255 - min) / 255) * 100;
}

/**
 * CMYK pixels as a JPEG whose decoded total ink is at most `limit` (if given). JPEG is lossy: the
 * decoded pixels can come out a little over what was encoded, so the written file is decoded and
 * measured, and if any pixel is over, the pixels are limited again from the original with the
 * target lowered by the overshoot. Returns the JPEG and the total ink measured on it.
 */
export async function cmykJpeg(sharp: typeof Sharp, cmyk: Uint8Array, width: number, height: number, quality: number, limit?: number): Promise<{ data: Buffer; maxInk: number }> {
  let target = limit;
  for (let attempt = 0; ; attempt++) {
    const pixels = target === undefined ? cmyk : Uint8Array.from(cmyk);
    if (target !== undefined) limitTotalInk(pixels, target);
    const data = await sharp(cmykTiff(pixels, width, height)).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg({ quality }).toBuffer();
    const maxInk = decodedMaxInk(await decodeJpeg(sharp, data));
    if (limit === undefined || maxInk <= limit) return { data, maxInk };
    // Four tries lower the target by the overshoot each time; JPEG's error on a photo is a few percent.
    if (attempt === 4) throw new Error(`total ink ${maxInk.toFixed(1)}% still over ${limit}% after ${attempt + 1} tries`);
    target = target! - (maxInk - limit) - 0.5;
  }
}
