#!/usr/bin/env node
/**
 * Evaluate photo extraction on real pages (run after a build: `npm run build`):
 *   node scripts/eval-photos.mjs [page.pdf …]   (default: every PDF in $BANMIAN_CORPUS or ../shared/corpus)
 * For each page: extract its images (src/pdf/images), print what each file is and how it was made,
 * then rebuild a page holding only those images as photo regions (box, crop, fit fill), render it
 * with banmian, and compare with the original: where each image shows (mm) and its mean colour
 * inside its box (both pages rasterized by pdf.js). Nothing is written outside a temporary folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { openPdf } = await import(join(ROOT, 'dist/src/pdf/open.js'));
const { readPage } = await import(join(ROOT, 'dist/src/pdf/read.js'));
const { extractImages, openRawPdf } = await import(join(ROOT, 'dist/src/pdf/images/index.js'));
const { rasterizePdf } = await import(join(ROOT, 'dist/src/render/raster.js'));
const { renderPage } = await import(join(ROOT, 'dist/src/index.js'));

const MM = 72 / 25.4;
const DPI = 100;
const corpus = process.env.BANMIAN_CORPUS ?? resolve(ROOT, '../shared/corpus');
const args = process.argv.slice(2);
// --png DIR: also write both pages side by side as PNG, to look at.
const pngAt = args.indexOf('--png');
const pngDir = pngAt >= 0 ? args.splice(pngAt, 2)[1] : undefined;
const files = args.length ? args : readdirSync(corpus).filter((f) => f.endsWith('.pdf')).map((f) => join(corpus, f));

const mm = (v) => (v / MM).toFixed(2);
const meanIn = (img, box) => {
  const s = DPI / 72;
  const m = [0, 0, 0];
  let n = 0;
  // A pixel in from the box edges: antialiasing at the edge is not colour.
  for (let y = Math.ceil(box[1] * s) + 1; y < Math.floor(box[3] * s) - 1; y++) {
    for (let x = Math.ceil(box[0] * s) + 1; x < Math.floor(box[2] * s) - 1; x++) {
      const i = (y * img.info.width + x) * img.info.channels;
      for (let c = 0; c < 3; c++) m[c] += img.data[i + c];
      n++;
    }
  }
  return m.map((v) => v / Math.max(1, n));
};

/**
 * The shift (whole raster pixels, up to ±r) that best lines the rebuilt picture up with the original
 * inside `box`, by mean absolute difference of the three channels: (0, 0) when it stands where it stood.
 */
const bestShift = (a, b, box, r = 4) => {
  const s = DPI / 72;
  const w = a.info.width;
  const c = a.info.channels;
  const x0 = Math.ceil(box[0] * s) + r + 1, x1 = Math.floor(box[2] * s) - r - 1;
  const y0 = Math.ceil(box[1] * s) + r + 1, y1 = Math.floor(box[3] * s) - r - 1;
  let best = { dx: 0, dy: 0, mad: Infinity };
  let at0 = NaN;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      let sum = 0, n = 0;
      for (let y = y0; y < y1; y += 2) for (let x = x0; x < x1; x += 2) {
        const i = (y * w + x) * c, j = ((y + dy) * w + x + dx) * c;
        for (let k = 0; k < 3; k++) sum += Math.abs(a.data[i + k] - b.data[j + k]);
        n += 3;
      }
      const mad = sum / Math.max(1, n);
      if (dx === 0 && dy === 0) at0 = mad;
      if (mad < best.mad) best = { dx, dy, mad };
    }
  }
  return { ...best, at0 };
};

for (const file of files) {
  const bytes = readFileSync(file);
  const t0 = performance.now();
  const doc = await openPdf(bytes, file);
  const raw = await openRawPdf(bytes);
  const t1 = performance.now();
  for (let n = 1; n <= doc.numPages; n++) {
    const { page, proxy } = await readPage(doc, n);
    const t2 = performance.now();
    const { files: out, placed } = await extractImages(page, proxy, raw);
    const t3 = performance.now();
    console.log(`\n${basename(file)} page ${n}: ${page.images.length} images painted, ${out.length} files (open ${(t1 - t0).toFixed(0)} ms, readPage ${(t2 - t1).toFixed(0)} ms, extract ${(t3 - t2).toFixed(0)} ms)`);
    for (const f of out) console.log(`  ${f.name}: ${f.format} ${f.colour}${f.alpha ? '+alpha' : ''} ${f.width}×${f.height} px, ${(f.data.length / 1024).toFixed(1)} KB, ${f.origin}${f.ref ? ` (${f.ref})` : ''}${f.note ? ` — ${f.note}` : ''}`);
    const dir = mkdtempSync(join(tmpdir(), 'banmian-eval-photos-'));
    try {
      const regions = [];
      placed.forEach((p, k) => {
        const f = p.file === undefined ? undefined : out[p.file];
        console.log(`  #${k + 1} ${p.kind}${f ? ` ${f.name}` : ''}: box ${mm(p.box[0])},${mm(p.box[1])} ${mm(p.box[2] - p.box[0])}×${mm(p.box[3] - p.box[1])} mm${p.crop ? `, crop ${p.crop.x},${p.crop.y} ${p.crop.width}×${p.crop.height} px` : ''} — ${p.reason}`);
        if (f && p.crop && !p.hidden) regions.push({ kind: 'photo', id: `image-${k + 1}`, x: p.box[0], y: p.box[1], width: p.box[2] - p.box[0], height: p.box[3] - p.box[1], image: f.name, fit: 'fill', crop: p.crop });
      });
      for (const f of out) writeFileSync(join(dir, f.name), f.data);
      writeFileSync(join(dir, 'text.txt'), '本报讯 图片。\n');
      const layout = { name: 'photos', text: 'text.txt', page: { size: { width: page.width, height: page.height }, margins: { top: 0, right: 0, bottom: 0, left: 0 } }, regions };
      writeFileSync(join(dir, 'layout.json'), JSON.stringify(layout));
      const rebuilt = (await renderPage(join(dir, 'layout.json'), { root: dir })).pdf;
      // Where the rebuilt page shows each image, read back the same way as the original.
      const rdoc = await openPdf(rebuilt, 'rebuilt.pdf');
      const { page: rpage } = await readPage(rdoc, 1);
      const [a, b] = await Promise.all([bytes, rebuilt].map(async (pdf) => sharp(await rasterizePdf(pdf, DPI)).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
      if (pngDir) {
        const side = await sharp({ create: { width: a.info.width * 2 + 10, height: a.info.height, channels: 3, background: '#808080' } })
          .composite([{ input: a.data, raw: a.info, left: 0, top: 0 }, { input: b.data, raw: b.info, left: a.info.width + 10, top: 0 }])
          .png()
          .toBuffer();
        writeFileSync(join(pngDir, `${basename(file, '.pdf')}-p${n}-photos.png`), side);
      }
      regions.forEach((r, k) => {
        const want = [r.x, r.y, r.x + r.width, r.y + r.height];
        const got = rpage.images[k]?.visible;
        const off = got ? Math.max(...want.map((v, i) => Math.abs(v - got[i]))) : NaN;
        const ma = meanIn(a, want);
        const mb = meanIn(b, want);
        const d = Math.max(...ma.map((v, c) => Math.abs(v - mb[c])));
        const shift = bestShift(a, b, want);
        const px = 25.4 / DPI;
        console.log(`  ${r.id}: box rebuilt within ${mm(off)} mm; picture best aligned at a shift of (${(shift.dx * px).toFixed(2)}, ${(shift.dy * px).toFixed(2)}) mm (mean |difference| ${shift.mad.toFixed(1)}, unshifted ${shift.at0.toFixed(1)}); mean RGB original ${ma.map((v) => v.toFixed(0)).join('/')} rebuilt ${mb.map((v) => v.toFixed(0)).join('/')} (max channel difference ${d.toFixed(1)})`);
      });
      await rdoc.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  await doc.destroy();
}
