import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderPage } from '../src/index.js';
import { MM } from '../src/model/index.js';
import { extractImages, openRawPdf, type PageImages } from '../src/pdf/images/index.js';
import { jpegHeader } from '../src/pdf/images/jpeg.js';
import { openPdf } from '../src/pdf/open.js';
import { imagePixels, readPage } from '../src/pdf/read.js';
import type { Rect } from '../src/pdf/types.js';
import { rasterizePdf } from '../src/render/raster.js';
import { makePdf } from './helpers/make-pdf.js';

type RGB = [number, number, number];

/** A deterministic pseudo-random sequence in [0, 1). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * A photo-like RGB picture: smooth gradients and noise around `base` (continuous tone, hundreds of
 * colours), mean close to `base`. With `edge`, columns left of it are darkened by 60: a sharp
 * vertical edge to find on the page.
 */
function photo(width: number, height: number, base: RGB, seed: number, edge?: number): Uint8Array {
  const rnd = random(seed);
  const px = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const g = 30 * Math.sin((x / width) * Math.PI * 2) + 20 * Math.cos((y / height) * Math.PI * 2);
      const dark = edge !== undefined && x < edge ? -60 : 0;
      for (let c = 0; c < 3; c++) px[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(base[c] + g + dark + (rnd() - 0.5) * 24)));
    }
  }
  return px;
}

const raw3 = (px: Uint8Array, width: number, height: number) => sharp(px, { raw: { width, height, channels: 3 } });

/** Mean of each channel of an image file (as sRGB) or of raw pixels. */
async function meanOf(file: Uint8Array): Promise<RGB> {
  const { data, info } = await sharp(file).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return meanRaw(data, info.channels);
}
function meanRaw(data: Uint8Array, channels: number): RGB {
  const m = [0, 0, 0];
  const n = data.length / channels;
  for (let i = 0; i < data.length; i += channels) for (let c = 0; c < 3; c++) m[c] += data[i + (channels === 1 ? 0 : c)];
  return m.map((v) => v / n) as RGB;
}
const near = (a: RGB, b: RGB, tol: number) => a.every((v, c) => Math.abs(v - b[c]) <= tol);
const show = (a: RGB) => a.map((v) => v.toFixed(1)).join(', ');

/** A CMYK JPEG as libvips and Photoshop write it: samples inverted (255 = no ink), Adobe marker. */
const cmykJpeg = (px: Uint8Array, w: number, h: number) => raw3(px, w, h).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
/**
 * A CMYK JPEG whose samples are the ink itself, as Founder PDFGenerator embeds them (painted
 * without an inverting /Decode): the libvips JPEG with its samples inverted.
 */
const inkJpeg = async (px: Uint8Array, w: number, h: number) => sharp(await cmykJpeg(px, w, h)).pipelineColourspace('cmyk').negate().toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();

async function extract(pdf: Uint8Array) {
  const doc = await openPdf(pdf, 'test.pdf');
  const raw = await openRawPdf(pdf);
  const { page, proxy } = await readPage(doc, 1);
  const images = await extractImages(page, proxy, raw);
  return { doc, page, proxy, images };
}

/** Where the crop of a placement lands on the page, from the file's pixel size and the image's bbox. */
function cropOnPage(images: PageImages, k: number): Rect {
  const p = images.placed[k];
  const f = images.files[p.file!];
  const sx = (p.bbox[2] - p.bbox[0]) / f.width;
  const sy = (p.bbox[3] - p.bbox[1]) / f.height;
  return [p.bbox[0] + p.crop!.x * sx, p.bbox[1] + p.crop!.y * sy, p.bbox[0] + (p.crop!.x + p.crop!.width) * sx, p.bbox[1] + (p.crop!.y + p.crop!.height) * sy];
}
const within = (a: Rect, b: Rect, tol: number) => a.every((v, k) => Math.abs(v - b[k]) <= tol);

const W = 160;
const H = 100;

test('JPEGs whose colours mean the same as a file pass through byte for byte: gray, RGB, and CMYK with the inverting /Decode', async () => {
  const gray = await raw3(photo(W, H, [120, 120, 120], 1), W, H).toColourspace('b-w').jpeg({ quality: 90 }).toBuffer();
  const rgb = await raw3(photo(W, H, [170, 110, 80], 2), W, H).jpeg({ quality: 90 }).toBuffer();
  const cmykPx = photo(W, H, [90, 140, 170], 3);
  const cmyk = await cmykJpeg(cmykPx, W, H);
  assert.is(jpegHeader(cmyk)?.adobeTransform, 0, 'libvips writes an Adobe marker');
  const dict = (cs: string, decode = '') => `/Width ${W} /Height ${H} /ColorSpace /${cs} /BitsPerComponent 8 /Filter /DCTDecode ${decode}`;
  const pdf = makePdf(400, 200, { G: { dict: dict('DeviceGray'), data: gray }, R: { dict: dict('DeviceRGB'), data: rgb }, C: { dict: dict('DeviceCMYK', '/Decode [1 0 1 0 1 0 1 0]'), data: cmyk } }, 'q 120 0 0 75 10 100 cm /G Do Q q 120 0 0 75 140 100 cm /R Do Q q 120 0 0 75 270 100 cm /C Do Q');
  const { images, doc } = await extract(pdf);
  await doc.destroy();
  assert.is(images.files.length, 3);
  const [g, r, c] = images.files;
  for (const [f, src] of [[g, gray], [r, rgb], [c, cmyk]] as const) {
    assert.is(f.origin, 'original', f.note);
    assert.ok(Buffer.from(f.data).equals(src), `${f.name}: the JPEG's bytes changed`);
    assert.is(f.format, 'jpeg');
  }
  assert.equal([g.colour, r.colour, c.colour], ['gray', 'rgb', 'cmyk']);
  // The CMYK photo, read as banmian reads files, has the colours it was made from (through libvips' CMYK profile and back).
  const m = await meanOf(c.data);
  assert.ok(near(m, meanRaw(cmykPx, 3), 15), `CMYK file mean ${show(m)} vs source ${show(meanRaw(cmykPx, 3))}`);
  assert.equal(images.placed.map((p) => p.kind), ['photo', 'photo', 'photo']);
});

test('a CMYK JPEG painted without an inverting /Decode (ink samples, Adobe marker) comes out positive, CMYK, re-encoded', async () => {
  const px = photo(W, H, [170, 120, 90], 4);
  const ink = await inkJpeg(px, W, H);
  const pdf = makePdf(200, 150, { P: { dict: `/Width ${W} /Height ${H} /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /DCTDecode /Decode [0 1 0 1 0 1 0 1]`, data: ink } }, 'q 160 0 0 100 20 25 cm /P Do Q');
  const { images, page, proxy, doc } = await extract(pdf);
  const source = meanRaw(px, 3);
  // What `pdfimages -j` writes (the stored bytes) is a negative as a file: the bug this fixes.
  const stored = await meanOf(ink);
  assert.ok(!near(stored, source, 60), `the stored JPEG should read as a negative: ${show(stored)} vs ${show(source)}`);
  const [f] = images.files;
  assert.is(f.origin, 'reencoded');
  assert.is(f.colour, 'cmyk');
  assert.is(jpegHeader(f.data)?.components, 4);
  // As a file it reads like a CMYK JPEG made the ordinary way from the same picture, and near the picture itself
  // (libvips' CMYK profile and back moves colours a little).
  const m = await meanOf(f.data);
  const ordinary = await meanOf(await cmykJpeg(px, W, H));
  assert.ok(near(m, ordinary, 2), `extracted ${show(m)} vs ordinary CMYK JPEG ${show(ordinary)}`);
  assert.ok(near(m, source, 15), `extracted ${show(m)} vs source ${show(source)}`);
  // pdf.js's own rendering of the original (its CMYK conversion differs from libvips' a little).
  const shown = await imagePixels(proxy, page.images[0].id);
  await doc.destroy();
  const pm = meanRaw(shown!.data, shown!.channels);
  assert.ok(near(m, pm, 20), `extracted ${show(m)} vs pdf.js ${show(pm)}`);
  // The ink itself survives the re-encoding: CMYK samples within a level on average.
  const a = await sharp(f.data).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer();
  const b = await sharp(ink).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer();
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff += Math.abs(a[i] - (255 - b[i]));
  assert.ok(diff / a.length < 1, `mean CMYK error ${(diff / a.length).toFixed(2)}`);
});

test('a PDF encrypted with only an owner password: its JPEG still passes through, decrypted', async () => {
  const jpg = await raw3(photo(W, H, [150, 100, 60], 11), W, H).jpeg({ quality: 90 }).toBuffer();
  const plain = makePdf(200, 200, { A: { dict: `/Width ${W} /Height ${H} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`, data: jpg } }, 'q 120 0 0 75 10 10 cm /A Do Q');
  const dir = mkdtempSync(join(tmpdir(), 'banmian-encrypted-'));
  try {
    writeFileSync(join(dir, 'plain.pdf'), plain);
    execFileSync('qpdf', ['--encrypt', '', 'owner-secret', '256', '--', join(dir, 'plain.pdf'), join(dir, 'encrypted.pdf')]);
    const encrypted = new Uint8Array(readFileSync(join(dir, 'encrypted.pdf')));
    assert.ok(!Buffer.from(encrypted).includes(jpg.subarray(200, 260)), 'the JPEG is stored encrypted');
    const { images, doc } = await extract(encrypted);
    await doc.destroy();
    assert.is(images.files[0].origin, 'original', images.files[0].note);
    assert.ok(Buffer.from(images.files[0].data).equals(jpg));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a Flate RGB image and a 1-bit image are decoded losslessly to PNG (RGB and gray)', async () => {
  const px = photo(W, H, [60, 150, 90], 5);
  const bits = new Uint8Array((W / 8) * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if ((x >> 4) % 2 === (y >> 4) % 2) bits[y * (W / 8) + (x >> 3)] |= 128 >> (x & 7);
  const pdf = makePdf(400, 200, {
    F: { dict: `/Width ${W} /Height ${H} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode`, data: deflateSync(px) },
    B: { dict: `/Width ${W} /Height ${H} /ColorSpace /DeviceGray /BitsPerComponent 1`, data: bits },
  }, 'q 160 0 0 100 10 50 cm /F Do Q q 160 0 0 100 200 50 cm /B Do Q');
  const { images, doc } = await extract(pdf);
  await doc.destroy();
  const [f, b] = images.files;
  assert.is(f.format, 'png');
  assert.is(f.origin, 'decoded');
  assert.is(f.colour, 'rgb');
  const back = await sharp(f.data).raw().toBuffer({ resolveWithObject: true });
  assert.is(back.info.channels, 3);
  assert.ok(Buffer.from(back.data).equals(Buffer.from(px)), 'the Flate image is not pixel-exact');
  assert.is(b.colour, 'gray');
  assert.is((await sharp(b.data).metadata()).channels, 1);
  const g = await sharp(b.data).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  for (let y = 0; y < H; y += 7) for (let x = 0; x < W; x += 5) assert.is(g.data[y * W + x], (x >> 4) % 2 === (y >> 4) % 2 ? 255 : 0);
  assert.equal(images.placed.map((p) => p.kind), ['photo', 'graphic']);
});

test('clip and reuse: the crop puts the visible part back within 0.1 mm; one XObject painted twice is one file; same-size images are told apart', async () => {
  const a = await raw3(photo(W, H, [200, 90, 70], 6), W, H).jpeg({ quality: 90 }).toBuffer();
  const b = await raw3(photo(W, H, [70, 100, 200], 7), W, H).jpeg({ quality: 90 }).toBuffer();
  const dict = `/Width ${W} /Height ${H} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`;
  // Page 300 × 200 pt. A at 40..160 × 50..110 (PDF y up) clipped to 60..110 × 70..100; A again, whole, at 180..300;
  // B (same pixel size) at 10..70 × 150..187.5.
  const content = 'q 60 70 50 30 re W n 120 0 0 60 40 50 cm /A Do Q q 100 0 0 62.5 180 20 cm /A Do Q q 60 0 0 37.5 10 150 cm /B Do Q';
  const { images, doc } = await extract(makePdf(300, 200, { A: { dict, data: a }, B: { dict, data: b } }, content));
  await doc.destroy();
  assert.is(images.files.length, 2, 'A is written once');
  assert.equal(images.placed.map((p) => p.file), [0, 0, 1]);
  assert.ok(Buffer.from(images.files[0].data).equals(a) && Buffer.from(images.files[1].data).equals(b));
  // Top-left origin: the clip is x 60..110, y 200-100 .. 200-70.
  const clip: Rect = [60, 100, 110, 130];
  const tol = 0.1 * MM;
  assert.ok(within(images.placed[0].box, clip, tol), `box ${images.placed[0].box}`);
  assert.ok(within(images.placed[0].bbox, [40, 90, 160, 150], tol), `bbox ${images.placed[0].bbox}`);
  assert.ok(within(cropOnPage(images, 0), clip, tol), `crop lands at ${cropOnPage(images, 0)}`);
  // In pixels: 20/120 of the width from the left, 10/60 of the height from the top.
  const c = images.placed[0].crop!;
  assert.ok(Math.abs(c.x - (20 / 120) * W) < 0.01 && Math.abs(c.y - (10 / 60) * H) < 0.01 && Math.abs(c.width - (50 / 120) * W) < 0.01 && Math.abs(c.height - (30 / 60) * H) < 0.01, JSON.stringify(c));
  // The second paint of A shows whole; B's box is its own.
  assert.equal(images.placed[1].crop, { x: 0, y: 0, width: W, height: H });
  assert.ok(within(images.placed[1].box, [180, 117.5, 280, 180], tol), `box ${images.placed[1].box}`);
  assert.ok(within(images.placed[2].box, [10, 12.5, 70, 50], tol), `box ${images.placed[2].box}`);
});

test('pdf.js folds three paints of one image into a repeat op: each is still reported, with its pixel size', async () => {
  const a = await raw3(photo(W, H, [150, 150, 90], 8), W, H).jpeg({ quality: 90 }).toBuffer();
  const content = [10, 110, 210].map((x) => `q 80 0 0 50 ${x} 20 cm /A Do Q`).join(' ');
  const { images, page, doc } = await extract(makePdf(300, 100, { A: { dict: `/Width ${W} /Height ${H} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`, data: a } }, content));
  await doc.destroy();
  assert.is(page.images.length, 3);
  assert.ok(page.images.every((i) => i.pixelWidth === W && i.pixelHeight === H), JSON.stringify(page.images.map((i) => [i.pixelWidth, i.pixelHeight])));
  assert.equal(images.placed.map((p) => Math.round(p.box[0])), [10, 110, 210]);
  assert.equal(images.placed.map((p) => p.file), [0, 0, 0]);
});

test('kinds: a stencil mask, a tiny image, a strip and a flat logo are not photos; a photo is', async () => {
  const px = photo(W, H, [128, 128, 128], 9);
  const jpg = await raw3(px, W, H).jpeg({ quality: 90 }).toBuffer();
  // A logo: two flat inks on white (blocks standing for letters), JPEG-compressed.
  const logo = new Uint8Array(W * H * 3).fill(255);
  for (let y = 20; y < 80; y++) for (let x = 0; x < W; x++) if ((x >> 3) % 3 !== 2) logo.set(x < W / 2 ? [200, 30, 40] : [20, 60, 160], (y * W + x) * 3);
  const logoJpg = await raw3(logo, W, H).jpeg({ quality: 85 }).toBuffer();
  const mask = new Uint8Array((W / 8) * H).fill(0xaa);
  const rgb = `/Width ${W} /Height ${H} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`;
  const mm = (v: number) => (v * MM).toFixed(3);
  const content = [
    `q ${mm(40)} 0 0 ${mm(30)} 10 10 cm /P Do Q`, // photo, 40 × 30 mm
    `q ${mm(6)} 0 0 ${mm(4)} 150 10 cm /P Do Q`, // tiny
    `q ${mm(180)} 0 0 ${mm(15)} 10 120 cm /P Do Q`, // strip
    `q ${mm(40)} 0 0 ${mm(25)} 10 200 cm /L Do Q`, // logo
    `q ${mm(40)} 0 0 ${mm(25)} 200 200 cm /M Do Q`, // stencil mask
  ].join(' ');
  const { images, doc } = await extract(makePdf(560, 300, { P: { dict: rgb, data: jpg }, L: { dict: rgb, data: logoJpg }, M: { dict: `/Width ${W} /Height ${H} /ImageMask true /BitsPerComponent 1`, data: mask } }, content));
  await doc.destroy();
  assert.equal(images.placed.map((p) => p.kind), ['photo', 'graphic', 'graphic', 'graphic', 'mask'], images.placed.map((p) => p.reason).join('\n'));
  assert.match(images.placed[3].reason, /flat colour/);
  assert.is(images.placed[4].file, undefined, 'a mask has no file');
});

test('a photo turned 90° on the page is written upright; an EXIF orientation the PDF ignores is dropped', async () => {
  // Left half red, right half blue as stored; painted turned a quarter clockwise, red ends up on top.
  const px = new Uint8Array(W * H * 3);
  for (let i = 0; i < W * H; i++) px.set((i % W) < W / 2 ? [220, 40, 40] : [40, 40, 220], i * 3);
  const jpg = await raw3(px, W, H).jpeg({ quality: 95 }).toBuffer();
  const exif = await raw3(px, W, H).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
  assert.is(jpegHeader(exif)?.orientation, 6);
  const dict = `/Width ${W} /Height ${H} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`;
  // Unit square turned: x axis down the page, y axis to the right (PDF y up: cm 0 -w h 0 …).
  const content = `q 0 -${W} ${H} 0 20 ${20 + W} cm /T Do Q q ${W} 0 0 ${H} 140 20 cm /E Do Q`;
  const { images, doc } = await extract(makePdf(320, 200, { T: { dict, data: jpg }, E: { dict, data: exif } }, content));
  await doc.destroy();
  const [t, e] = images.files;
  assert.is(t.origin, 'reencoded');
  assert.equal([t.width, t.height], [H, W]);
  const top = await sharp(t.data).extract({ left: 0, top: 0, width: H, height: W / 2 - 4 }).raw().toBuffer();
  const bottom = await sharp(t.data).extract({ left: 0, top: W / 2 + 4, width: H, height: W / 2 - 4 }).raw().toBuffer();
  assert.ok(meanRaw(top, 3)[0] > 180 && meanRaw(bottom, 3)[2] > 180, `top ${show(meanRaw(top, 3))} bottom ${show(meanRaw(bottom, 3))}`);
  assert.equal(images.placed[0].crop, { x: 0, y: 0, width: H, height: W });
  assert.is(e.origin, 'original');
  assert.match(e.note ?? '', /Exif/);
  assert.is(jpegHeader(e.data)?.orientation, undefined);
  // Only the header changed: the compressed image is the same bytes.
  assert.is(exif.length - e.data.length, 2 + exif.readUInt16BE(4), 'only the Exif segment (the first after SOI) went');
  assert.ok(Buffer.from(exif.subarray(exif.length - 600)).equals(Buffer.from(e.data.subarray(e.data.length - 600))));
  const meta = await sharp(e.data).metadata();
  assert.equal([meta.autoOrient?.width ?? meta.width, meta.autoOrient?.height ?? meta.height], [W, H]);
});

test('rendered by banmian, an extracted CMYK photo (ink samples, clipped) looks like the original and stands within 0.1 mm of it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-photos-'));
  try {
    // An edge at column 64 of 160: dark to the left. Placed at 20..140 × (top-left) 30..105 pt, clipped to 35..130 × 40..95.
    const px = photo(W, H, [180, 140, 100], 10, 64);
    const pdf = makePdf(200, 150, { P: { dict: `/Width ${W} /Height ${H} /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /DCTDecode`, data: await inkJpeg(px, W, H) } }, 'q 35 55 95 55 re W n 120 0 0 75 20 45 cm /P Do Q');
    const { images, doc } = await extract(pdf);
    await doc.destroy();
    const [p] = images.placed;
    const file = images.files[p.file!];
    writeFileSync(join(dir, file.name), file.data);
    const [x0, y0, x1, y1] = p.box;
    writeFileSync(join(dir, 'text.txt'), '本报讯 图片新闻。\n');
    const layout = {
      name: 'rebuilt',
      text: 'text.txt',
      page: { size: { width: 200, height: 150 }, margins: { top: 0, right: 0, bottom: 0, left: 0 } },
      regions: [{ kind: 'photo', id: 'photo', x: x0, y: y0, width: x1 - x0, height: y1 - y0, image: file.name, fit: 'fill', crop: p.crop }],
    };
    writeFileSync(join(dir, 'layout.json'), JSON.stringify(layout));
    const rebuilt = (await renderPage(join(dir, 'layout.json'), { root: dir })).pdf;
    const dpi = 600;
    const s = dpi / 72;
    const rows = async (bytes: Uint8Array) => sharp(await rasterizePdf(bytes, dpi)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const [orig, rebuild] = await Promise.all([rows(pdf), rows(rebuilt)]);
    const width = orig.info.width;
    // Mean colour inside the photo (a pixel in from the clip edges).
    const region = (r: typeof orig) => {
      const out: number[] = [];
      for (let y = Math.ceil(40 * s) + 1; y < Math.floor(95 * s) - 1; y += 3) for (let x = Math.ceil(35 * s) + 1; x < Math.floor(130 * s) - 1; x += 3) out.push(...r.data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3));
      return meanRaw(Uint8Array.from(out), 3);
    };
    const mo = region(orig);
    const mr = region(rebuild);
    assert.ok(near(mo, mr, 16), `original ${show(mo)} vs rebuilt ${show(mr)}`);
    // The edge (column 64 → 20 + 64 × 0.75 = 68 pt) and the clip's edges, found along a row in both renderings.
    const row = Math.round(67 * s);
    const luminance = (r: typeof orig, x: number) => r.data[(row * width + x) * 3] + r.data[(row * width + x) * 3 + 1] + r.data[(row * width + x) * 3 + 2];
    const crossing = (r: typeof orig, from: number, to: number) => {
      // The first position between from and to (pt) where the row crosses halfway between its two ends.
      const a = luminance(r, Math.round(from * s));
      const b = luminance(r, Math.round(to * s));
      const mid = (a + b) / 2;
      for (let x = Math.round(from * s); x < Math.round(to * s); x++) {
        const v0 = luminance(r, x);
        const v1 = luminance(r, x + 1);
        if ((v0 - mid) * (v1 - mid) <= 0 && v0 !== v1) return (x + (mid - v0) / (v1 - v0) + 0.5) / s;
      }
      return NaN;
    };
    for (const [from, to, what] of [[62, 74, 'the picture edge'], [30, 40, 'the left clip'], [125, 135, 'the right clip']] as const) {
      const a = crossing(orig, from, to);
      const b = crossing(rebuild, from, to);
      assert.ok(Math.abs(a - b) <= 0.1 * MM, `${what}: original ${a.toFixed(2)} pt, rebuilt ${b.toFixed(2)} pt`);
    }
    // Nothing of the picture outside the clip.
    const outside = rebuild.data.subarray((row * width + Math.round(25 * s)) * 3, (row * width + Math.round(25 * s)) * 3 + 3);
    assert.equal([...outside], [255, 255, 255]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
