import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli/main.js';
import { defaultFonts, renderPage, renderPdf } from '../src/index.js';
import { MM } from '../src/model/index.js';
import { PRINTING_CONDITIONS } from '../src/render/conditions.js';
import { COMPACT_PROFILE_DESCRIPTION, compactCmykProfile, libvipsCmykProfile, outputProfile } from '../src/render/icc.js';
import { cmykTiff, limitTotalInk, maxTotalInk } from '../src/render/ink.js';
import type { RenderOptions } from '../src/render/pdf.js';
import { openPdf, pdfFonts } from './helpers/pdf.js';
import { parseContent, QpdfDoc, qpdfCheck, type PdfValue } from './helpers/qpdf.js';
import { renderedSample, ROOT } from './helpers/sample.js';

/**
 * PDF/X-1a:2003 (ISO 15930-4) for newsprint, ink limits, overprint, and a lean PDF/A: each written
 * file is read back (qpdf for objects, pdf.js for fonts and metadata, sharp for image data).
 */

const PDFX: RenderOptions = { pdfx: true, bleed: 3, marks: true, fileName: 'sample-x.pdf' };
let pdfxSample: Promise<Uint8Array> | undefined;
const pdfx = () => (pdfxSample ??= renderedSample().then((p) => renderPdf(p.layout, p.frames, p.set, defaultFonts(), PDFX)));

/** A qpdf string value ("u:text" or "b:bytes") as text. */
const str = (v: PdfValue | undefined) => (typeof v === 'string' ? v.replace(/^[ub]:/, '') : v);
const nums = (v: PdfValue | undefined) => (v as PdfValue[]).map(Number);

/** Every object of the file with its dictionary (a stream's dictionary for streams). */
function dictionaries(q: QpdfDoc): [string, Record<string, PdfValue>][] {
  const out: [string, Record<string, PdfValue>][] = [];
  for (const [k, o] of Object.entries(q.objects)) {
    const d = (o.stream?.dict ?? o.value) as Record<string, PdfValue> | undefined;
    if (d && typeof d === 'object' && !Array.isArray(d)) out.push([k, d]);
  }
  return out;
}

/** Every value anywhere in the file's objects, depth first (names, strings, numbers, references). */
function* allValues(v: PdfValue | undefined): Generator<PdfValue> {
  if (v === undefined || v === null) return;
  yield v;
  if (Array.isArray(v)) for (const x of v) yield* allValues(x);
  else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) (yield k), yield* allValues(x);
}

// ---- PDF/X-1a:2003, one requirement per test, on the sample with --pdfx --bleed 3 --marks ----

test('PDF/X-1a: the header says PDF 1.4 and nothing of PDF 1.5 or later is used (no object or xref streams, no UserUnit or Tabs)', async () => {
  const bytes = Buffer.from(await pdfx());
  assert.is(bytes.subarray(0, 8).toString('latin1'), '%PDF-1.4');
  const q = new QpdfDoc(bytes);
  for (const [k, d] of dictionaries(q)) assert.not.ok(d['/Type'] === '/ObjStm' || d['/Type'] === '/XRef', `${k} is a PDF 1.5 stream`);
  // A classic cross-reference table, not a stream.
  assert.match(bytes.subarray(bytes.lastIndexOf('startxref') - 400).toString('latin1'), /trailer/);
  const [page] = q.pages();
  assert.not.ok('/UserUnit' in page.dict || '/Tabs' in page.dict, 'page keys of PDF 1.5/1.6');
  // The same page without --pdfx is PDF 1.7 and keeps them: the check can fail.
  const plain = new QpdfDoc((await renderedSample()).pdf).pages()[0].dict;
  assert.ok('/UserUnit' in plain);
});

test('PDF/X-1a: Info has GTS_PDFXVersion "PDF/X-1a:2003", Title, CreationDate, ModDate and Trapped /False (a name); the XMP agrees', async () => {
  const bytes = await pdfx();
  const q = new QpdfDoc(bytes);
  const info = q.dict(q.trailer['/Info']);
  const v = (k: string) => q.get(info[k]);
  assert.is(str(v('/GTS_PDFXVersion')), 'PDF/X-1a:2003');
  assert.is(str(v('/Title')), '濮阳日报 2020-07-06 第3版 开发区新闻');
  assert.match(String(str(v('/CreationDate'))), /^D:20200706/);
  assert.match(String(str(v('/ModDate'))), /^D:20200706/);
  assert.is(v('/Trapped'), '/False', 'Trapped must be the name /False, not a string');
  const doc = await openPdf(bytes);
  const { metadata } = (await doc.getMetadata()) as unknown as { metadata: { get(k: string): string | null } };
  await doc.destroy();
  assert.is(metadata.get('pdfxid:gts_pdfxversion'), 'PDF/X-1a:2003');
  assert.is(metadata.get('pdf:trapped'), 'False');
  // A second reader: poppler's pdfinfo names the subtype and the standard it belongs to.
  const poppler = pdfinfo(bytes);
  assert.match(poppler, /PDF subtype: +PDF\/X-1a:2003/);
  assert.match(poppler, /Standard: +ISO 15930-4/);
  assert.not.match(pdfinfo((await renderedSample()).pdf), /PDF subtype/);
});

/** poppler's pdfinfo on the bytes (poppler-utils; .ci/run installs it). */
function pdfinfo(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-pdfinfo-'));
  try {
    writeFileSync(join(dir, 'x.pdf'), bytes);
    return execFileSync('pdfinfo', [join(dir, 'x.pdf')], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('PDF/X-1a: the trailer has a two-part file ID and no encryption', async () => {
  const q = new QpdfDoc(await pdfx());
  const id = q.trailer['/ID'] as PdfValue[];
  assert.is(id.length, 2);
  assert.not.ok('/Encrypt' in q.trailer);
});

test('PDF/X-1a: one GTS_PDFX output intent naming the registered newsprint condition IFRA26, by registry, without a profile', async () => {
  const q = new QpdfDoc(await pdfx());
  const intents = (q.catalog['/OutputIntents'] as PdfValue[]).map((r) => q.dict(r));
  assert.is(intents.length, 1);
  const [oi] = intents;
  assert.is(oi['/S'], '/GTS_PDFX');
  assert.is(str(oi['/OutputConditionIdentifier']), 'IFRA26');
  assert.is(str(oi['/RegistryName']), 'http://www.color.org');
  assert.match(String(str(oi['/OutputCondition'])), /ISO 12647-3/);
  assert.ok(str(oi['/Info']));
  // A registered condition needs no embedded profile in PDF/X-1a (the registry's data defines it).
  assert.not.ok('/DestOutputProfile' in oi);
  // --condition picks another registered condition; an unknown one is refused (below, CLI).
  const { layout, frames, set } = await renderedSample();
  const jcn = new QpdfDoc(await renderPdf(layout, frames, set, defaultFonts(), { pdfx: true, condition: 'JCN2002' }));
  assert.is(str(jcn.dict((jcn.catalog['/OutputIntents'] as PdfValue[])[0])['/OutputConditionIdentifier']), 'JCN2002');
  assert.ok(PRINTING_CONDITIONS.some((c) => c.id === 'IFRA26'));
});

test('PDF/X-1a: TrimBox on the page (no ArtBox), BleedBox 3 mm beyond it, both inside the MediaBox', async () => {
  const { layout } = await renderedSample();
  const [page] = new QpdfDoc(await pdfx()).pages();
  const trim = nums(page.dict['/TrimBox']);
  const bleed = nums(page.dict['/BleedBox']);
  const media = nums(page.dict['/MediaBox']);
  assert.not.ok('/ArtBox' in page.dict);
  assert.ok(Math.abs(trim[2] - trim[0] - layout.page.width) < 0.01 && Math.abs(trim[3] - trim[1] - layout.page.height) < 0.01);
  [-1, -1, 1, 1].forEach((s, i) => assert.ok(Math.abs(bleed[i] - (trim[i] + s * 3 * MM)) < 0.01, `BleedBox ${bleed} vs TrimBox ${trim}`));
  [0, 1].forEach((i) => assert.ok(bleed[i] >= media[i] && bleed[i + 2] <= media[i + 2]));
});

test('PDF/X-1a: every font is embedded (pdf.js) and every font descriptor in the file holds its font program (qpdf)', async () => {
  const bytes = await pdfx();
  const fonts = await pdfFonts(bytes);
  assert.ok(fonts.length >= 3);
  for (const f of fonts) assert.ok(f.embedded && f.subset && !f.standard, `${f.name}`);
  const q = new QpdfDoc(bytes);
  const descriptors = dictionaries(q).filter(([, d]) => d['/Type'] === '/FontDescriptor');
  assert.ok(descriptors.length >= fonts.length);
  for (const [k, d] of descriptors) assert.ok(d['/FontFile2'] || d['/FontFile3'] || d['/FontFile'], `${k} ${d['/FontName']} has no font program`);
  // Every font the page's resources name is a Type0 font over one of those descriptors.
  const resources = q.dict(q.pages()[0].dict['/Resources']);
  for (const ref of Object.values(q.dict(resources['/Font']))) {
    const font = q.dict(ref);
    const cid = q.dict((font['/DescendantFonts'] as PdfValue[])[0]);
    assert.ok(q.dict(cid['/FontDescriptor'])['/FontFile2'] || q.dict(cid['/FontDescriptor'])['/FontFile3']);
  }
});

test('PDF/X-1a: colour is CMYK, gray or the registration separation only: no RGB, Lab, ICC-based or indexed space anywhere', async () => {
  const q = new QpdfDoc(await pdfx());
  for (const [k, o] of Object.entries(q.objects)) {
    for (const v of allValues((o.stream?.dict ?? o.value) as PdfValue)) {
      assert.not.ok(v === '/DeviceRGB' || v === '/CalRGB' || v === '/Lab' || v === '/ICCBased' || v === '/Indexed' || v === '/CalGray', `${k} names ${v}`);
    }
  }
  const [page] = q.pages();
  const res = q.dict(page.dict['/Resources']);
  for (const ref of Object.values(q.dict(res['/XObject']))) assert.ok(['/DeviceCMYK', '/DeviceGray'].includes(q.dict(ref)['/ColorSpace'] as string));
  const named = q.dict(res['/ColorSpace']);
  for (const ref of Object.values(named)) {
    const cs = q.get(ref) as PdfValue[];
    assert.equal(cs.slice(0, 3), ['/Separation', '/All', '/DeviceCMYK'], `colour space ${JSON.stringify(cs)}`);
    assert.equal(nums(q.dict(cs[3])['/C1']), [1, 1, 1, 1], 'registration: full tint on every plate');
  }
  const ops = parseContent(q.content(page.dict));
  for (const { op, args } of ops) {
    assert.not.ok(['rg', 'RG', 'g', 'G', 'sc', 'SC'].includes(op), `colour operator ${op}`);
    if (op === 'cs' || op === 'CS') assert.ok(args[0] === '/DeviceCMYK' || String(args[0]) in named, `${op} ${args[0]}`);
  }
});

test('PDF/X-1a: no transparency (no soft masks, constant alpha or blend modes; no transparency groups)', async () => {
  const q = new QpdfDoc(await pdfx());
  for (const [k, d] of dictionaries(q)) {
    assert.not.ok('/SMask' in d && d['/SMask'] !== '/None', `${k} has a soft mask`);
    assert.not.ok('/CA' in d && Number(d['/CA']) < 1, `${k} CA`);
    assert.not.ok('/ca' in d && Number(d['/ca']) < 1, `${k} ca`);
    assert.not.ok('/BM' in d && !['/Normal', '/Compatible'].includes(d['/BM'] as string), `${k} BM`);
    assert.not.ok('/Group' in d, `${k} has a transparency group`);
  }
});

test('PDF/X-1a: streams use only Flate and DCT (no LZW, JBIG2, JPX); no transfer functions or halftones in graphics states', async () => {
  const q = new QpdfDoc(await pdfx());
  let streams = 0;
  for (const [k, o] of Object.entries(q.objects)) {
    if (!o.stream) continue;
    streams++;
    const f = o.stream.dict['/Filter'];
    for (const name of f === undefined ? [] : Array.isArray(f) ? f : [f]) assert.ok(name === '/FlateDecode' || name === '/DCTDecode', `${k} filter ${name}`);
    for (const key of ['/TR', '/TR2', '/HT', '/HTP']) assert.not.ok(key in o.stream.dict, `${k} ${key}`);
  }
  assert.ok(streams > 5);
  for (const [k, d] of dictionaries(q)) if (d['/Type'] === '/ExtGState') for (const key of ['/TR', '/TR2', '/HT', '/HTP']) assert.not.ok(key in d, `${k} ${key}`);
});

test('PDF/X-1a: no annotations, actions, JavaScript, forms, optional content or embedded files', async () => {
  const q = new QpdfDoc(await pdfx());
  for (const key of ['/AcroForm', '/OpenAction', '/AA', '/OCProperties', '/JavaScript']) assert.not.ok(key in q.catalog, key);
  assert.not.ok('/Annots' in q.pages()[0].dict);
  for (const [k, d] of dictionaries(q)) {
    assert.not.ok(d['/S'] === '/JavaScript' || '/JS' in d, `${k} JavaScript`);
    assert.not.ok(d['/Type'] === '/Filespec' || d['/Type'] === '/EmbeddedFile', `${k} file`);
    assert.not.ok(d['/Subtype'] === '/PS' || d['/Type'] === '/Action', `${k}`);
  }
});

/**
 * The graphics-state walk of a content stream: for every text and stroke, its colour ("c m y k" for
 * DeviceCMYK, else the space and components) and the ExtGState in force.
 */
function paintedWithState(ops: ReturnType<typeof parseContent>) {
  type S = { fill: string; stroke: string; fillSpace: string; strokeSpace: string; gs: string };
  let st: S = { fill: '', stroke: '', fillSpace: '', strokeSpace: '', gs: '' };
  const stack: S[] = [];
  const out: { kind: 'text' | 'stroke'; colour: string; gs: string }[] = [];
  const colour = (space: string, args: unknown[]) => (space === '/DeviceCMYK' ? args.join(' ') : `${space} ${args.join(' ')}`);
  for (const { op, args } of ops) {
    if (op === 'q') stack.push({ ...st });
    else if (op === 'Q') st = stack.pop() ?? st;
    else if (op === 'k') st.fill = args.join(' ');
    else if (op === 'K') st.stroke = args.join(' ');
    else if (op === 'cs') (st.fillSpace = String(args[0])), (st.fill = '');
    else if (op === 'CS') (st.strokeSpace = String(args[0])), (st.stroke = '');
    else if (op === 'scn' || op === 'sc') st.fill = colour(st.fillSpace, args);
    else if (op === 'SCN' || op === 'SC') st.stroke = colour(st.strokeSpace, args);
    else if (op === 'gs') st.gs = String(args[0]).slice(1);
    else if (op === 'TJ' || op === 'Tj') out.push({ kind: 'text', colour: st.fill, gs: st.gs });
    else if (op === 'S') out.push({ kind: 'stroke', colour: st.stroke, gs: st.gs });
  }
  return out;
}

test('--pdfx: black text and black rules are painted under an overprint state (OP, op true, OPM 1); other colours are not', async () => {
  const q = new QpdfDoc(await pdfx());
  const [page] = q.pages();
  const gstates = q.dict(q.dict(page.dict['/Resources'])['/ExtGState']);
  const painted = paintedWithState(parseContent(q.content(page.dict)));
  const overprints = (name: string, stroke: boolean) => {
    const d = q.dict(gstates[`/${name}`]);
    return d[stroke ? '/OP' : '/op'] === true && d['/OPM'] === 1;
  };
  const black = painted.filter((p) => p.colour === '0 0 0 1');
  assert.ok(black.filter((p) => p.kind === 'text').length > 300 && black.filter((p) => p.kind === 'stroke').length >= 5, `${black.length} black objects`);
  for (const p of black) assert.ok(p.gs && overprints(p.gs, p.kind === 'stroke'), `black ${p.kind} under "${p.gs}"`);
  // The marks (registration colour) and anything not black do not overprint.
  for (const p of painted.filter((p) => p.colour !== '0 0 0 1')) assert.not.ok(p.gs && overprints(p.gs, p.kind === 'stroke'), `${p.colour} ${p.kind} overprints`);
  // Without --pdfx nothing sets a graphics state: the plain page knocks out.
  const plain = new QpdfDoc((await renderedSample()).pdf);
  assert.is(paintedWithState(parseContent(plain.content(plain.pages()[0].dict))).filter((p) => p.gs).length, 0);
});

test('--marks: crop marks and registration targets are stroked in the registration colour, outside the bleed box', async () => {
  const q = new QpdfDoc(await pdfx());
  const [page] = q.pages();
  const bleed = nums(page.dict['/BleedBox']);
  const H = nums(page.dict['/MediaBox'])[3];
  const content = q.content(page.dict);
  const marks = content.slice(content.lastIndexOf('/Artifact'));
  const ops = parseContent(marks);
  const registration = ops.filter((o) => o.op === 'CS').map((o) => o.args[0]);
  assert.ok(registration.length >= 2 && registration.every((n) => n === registration[0]));
  assert.equal((q.get(q.dict(q.dict(page.dict['/Resources'])['/ColorSpace'])[String(registration[0])]) as PdfValue[]).slice(0, 2), ['/Separation', '/All']);
  // Every point of every mark path (pdfkit's y-down space, flipped) lies outside the bleed box.
  let points = 0;
  for (const { op, args } of ops) {
    if (!['m', 'l', 'c'].includes(op)) continue;
    const xy = args as number[];
    for (let i = 0; i < xy.length; i += 2) {
      const [x, y] = [xy[i], H - xy[i + 1]];
      points++;
      assert.ok(x < bleed[0] || x > bleed[2] || y < bleed[1] || y > bleed[3], `mark point ${x},${y} inside the bleed box ${bleed}`);
    }
  }
  // 8 crop mark segments (16 points), 3 targets: a circle (1 + 4×3 points) and a cross (4 points).
  assert.is(points, 16 + 3 * (13 + 4));
});

test('qpdf --check passes on the --pdfx sample', async () => {
  const { status, output } = qpdfCheck(await pdfx());
  assert.is(status, 0, output);
});

// ---- total ink of photos ----

test('limitTotalInk: every pixel ends at or under the limit, grey goes to K first, pixels under the limit are untouched', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 255;
  const px = Uint8Array.from({ length: 4 * 5000 }, () => Math.round(rand()));
  const before = Uint8Array.from(px);
  limitTotalInk(px, 240);
  assert.ok(maxTotalInk(px) <= 240, `max ${maxTotalInk(px)}`);
  for (let i = 0; i < px.length; i += 4) {
    const sum = (a: Uint8Array) => a[i] + a[i + 1] + a[i + 2] + a[i + 3];
    if (sum(before) <= Math.floor(2.4 * 255)) assert.equal([...px.subarray(i, i + 4)], [...before.subarray(i, i + 4)]);
    else assert.ok(px[i + 3] >= before[i + 3], 'K never goes down');
  }
  // A rich dark grey: the grey component moves to K.
  const grey = Uint8Array.from([200, 190, 190, 150]);
  limitTotalInk(grey, 240);
  assert.ok(grey[3] > 150 && maxTotalInk(grey) <= 240, `${[...grey]}`);
});

test('total ink at 100%: solid black comes down only where K alone is over the target, and photos with black in them come out under it', async () => {
  // K alone over the limit is the one case where K gives way (nothing else could bring the pixel under).
  const black = Uint8Array.from([0, 0, 0, 255, 40, 30, 30, 255]);
  limitTotalInk(black, 90);
  assert.ok(maxTotalInk(black) <= 90, `${[...black]}`);
  assert.is(black[3], Math.floor(0.9 * 255));
  // The example page's night-market photo at --max-ink 100 (a case the fuzzer found): JPEG's error
  // puts ink beside solid black, the retries lower the target below 100%, and that only converges
  // if K comes down with it. It was an internal error.
  const page = await renderPage(resolve(ROOT, 'layouts/donghe-evening-community.json'), { pdfx: true, maxInk: 100 });
  const photos = (await decodedPhotos(page.pdf)).filter((p) => p.channels === 4);
  assert.ok(photos.length > 0);
  for (const p of photos) assert.ok(maxTotalInk(p.pixels) <= 100, `${p.name} at ${maxTotalInk(p.pixels)}%`);
});

/** The photos of a PDF, decoded from their DCT streams: total ink per pixel as a PDF reader reads it. */
async function decodedPhotos(pdf: Uint8Array) {
  const q = new QpdfDoc(pdf);
  const res = q.dict(q.pages()[0].dict['/Resources']);
  const out: { name: string; space: string; decode: number[]; jpeg: Buffer; pixels: Buffer; width: number; channels: number }[] = [];
  for (const [name, ref] of Object.entries(q.dict(res['/XObject']))) {
    const dict = q.dict(ref);
    const jpeg = q.streamData(ref);
    const space = dict['/ColorSpace'] as string;
    const img = space === '/DeviceCMYK' ? sharp(jpeg).pipelineColourspace('cmyk').toColourspace('cmyk') : sharp(jpeg).toColourspace('b-w');
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    out.push({ name, space, decode: dict['/Decode'] ? nums(dict['/Decode']) : [], jpeg, pixels: data, width: info.width, channels: info.channels });
  }
  return out;
}

const tac = (px: Buffer, i: number) => ((px[i] + px[i + 1] + px[i + 2] + px[i + 3]) / 255) * 100;

/**
 * A test page with two photos made here: a CMYK one (white sky, a grey-to-dark gradient, a dark
 * building at C80 M70 Y70 K60 = 280% total ink, separated for coated stock) and an RGB street scene.
 */
async function photoPage(dir: string, extra: Record<string, unknown>[] = []) {
  const w = 600;
  const h = 400;
  const cmyk = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      if (y < 120) continue; // sky: no ink
      const t = x / w;
      const px = x > 400 && y > 200 ? [204, 179, 179, 153] : [Math.round(t * 180), Math.round(t * 150), Math.round(t * 150), Math.round(t * 120)];
      cmyk.set(px, i);
    }
  await sharp(cmykTiff(cmyk, w, h)).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg({ quality: 95 }).toFile(join(dir, 'cmyk.jpg'));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect width="600" height="400" fill="#8fb3d9"/><rect width="120" height="60" fill="#ffffff"/><rect y="250" width="600" height="150" fill="#2b1d14"/><rect x="60" y="90" width="200" height="200" fill="#a9a39a"/><circle cx="420" cy="300" r="40" fill="#e07a1f"/></svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toFile(join(dir, 'street.jpg'));
  writeFileSync(join(dir, 'text.txt'), '本报讯 开发区召开大会，部署下半年工作。\n');
  const layout = {
    name: 'photos',
    text: 'text.txt',
    page: { size: { width: '200mm', height: '150mm' }, margins: { top: 0, right: 0, bottom: 0, left: 0 } },
    regions: [
      { kind: 'photo', id: 'building', x: '10mm', y: '10mm', width: '60mm', height: '40mm', image: 'cmyk.jpg' },
      { kind: 'photo', id: 'street', x: '80mm', y: '10mm', width: '60mm', height: '40mm', image: 'street.jpg' },
      { kind: 'article', id: 'a', x: '10mm', y: '60mm', width: '120mm', height: '40mm', content: { prefix: '本报讯' }, headline: false },
      ...extra,
    ],
  };
  const file = join(dir, 'layout.json');
  writeFileSync(file, JSON.stringify(layout));
  return file;
}

test('a CMYK photo at 280% total ink comes out at 280% plain, and at ≤ 240% with --pdfx when its JPEG is decoded; white stays white', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-ink-'));
  try {
    const file = await photoPage(dir);
    const plain = await decodedPhotos((await renderPage(file, { root: dir })).pdf);
    const limited = await renderPage(file, { root: dir, pdfx: true });
    const x = await decodedPhotos(limited.pdf);
    for (const photos of [plain, x]) {
      assert.is(photos.length, 2);
      for (const p of photos) {
        // A CMYK JPEG stores ink inverted (Adobe APP14) and the PDF says so with Decode [1 0 …]: the decoder above undoes the inversion, so ink = value / 255.
        assert.is(p.space, '/DeviceCMYK');
        assert.equal(p.decode, [1, 0, 1, 0, 1, 0, 1, 0]);
        assert.ok(p.jpeg.includes(Buffer.from('Adobe')), 'no Adobe marker');
        // The sky (top left; a white sign in the street) has no ink: a wrong inversion would read it as 400%.
        assert.ok(tac(p.pixels, 0) < 3, `sky at ${tac(p.pixels, 0)}%`);
      }
    }
    const max = (p: { pixels: Buffer }) => maxTotalInk(p.pixels);
    const building = (photos: typeof plain) => photos.find((p) => max(p) === Math.max(...photos.map(max)))!;
    // Plain: the CMYK separation passes through (no trip through RGB), 280% give or take JPEG.
    assert.ok(max(building(plain)) >= 270, `plain photo at ${max(building(plain))}%`);
    for (const p of x) assert.ok(max(p) <= 240, `--pdfx photo ${p.name} at ${max(p).toFixed(1)}%`);
    // The dark building stays dark: its grey went to K (mean K there rose), not just away.
    const meanK = (p: { pixels: Buffer; width: number }) => {
      let s = 0;
      let n = 0;
      for (let i = 0; i < p.pixels.length; i += 4) if (tac(p.pixels, i) > 200) (s += p.pixels[i + 3]), n++;
      return s / n;
    };
    assert.ok(meanK(building(x)) > meanK(building(plain)) + 10, `K ${meanK(building(x))} vs ${meanK(building(plain))}`);
    // The preflight measured the same thing.
    const pf = limited.report.preflight!;
    assert.ok(pf.passed, JSON.stringify(pf.checks));
    assert.ok(pf.ink.images <= 240 && pf.ink.images >= 230, `preflight photos ${pf.ink.images}%`);
    // --max-ink sets another limit.
    const lower = await decodedPhotos((await renderPage(file, { root: dir, pdfx: true, maxInk: 200 })).pdf);
    for (const p of lower) assert.ok(max(p) <= 200, `--max-ink 200: ${max(p)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- ICC profiles: once per file, small, honest ----

test('no photo carries an ICC profile; --pdfa embeds exactly one profile, once, for two CMYK photos', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-icc-'));
  try {
    const file = await photoPage(dir);
    const { pdf } = await renderPage(file, { root: dir, pdfa: true });
    for (const p of await decodedPhotos(pdf)) assert.not.ok(p.jpeg.includes(Buffer.from('ICC_PROFILE\0', 'latin1')), `${p.name} carries an ICC profile`);
    const q = new QpdfDoc(pdf);
    // ICC profiles: streams whose data has the 'acsp' signature at byte 36.
    const profiles = Object.entries(q.objects).filter(([k, o]) => o.stream && q.streamData(k.replace(/^obj:/, '')).subarray(36, 40).toString('latin1') === 'acsp');
    assert.is(profiles.length, 1);
    assert.equal(q.streamData(profiles[0][0].replace(/^obj:/, '')), outputProfile());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the PDF/A profile is what scripts/make-profile.mjs makes from the installed libvips profile, an output CMYK profile under 40 KB', async () => {
  const full = await libvipsCmykProfile(sharp);
  const made = compactCmykProfile(full, COMPACT_PROFILE_DESCRIPTION);
  assert.ok(made.equals(outputProfile()), 'profiles/libvips-cmyk-compact.icc is stale: npm run build && node scripts/make-profile.mjs');
  assert.is(made.readUInt32BE(0), made.length);
  assert.is(made.subarray(12, 24).toString('latin1'), 'prtrCMYKLab ');
  assert.is(made[8], 2, 'ICC version 2');
  assert.ok(made.length < 40_000 && full.length > 900_000, `${made.length} bytes from ${full.length}`);
});

test('the compact profile states the same colours as libvips\' full profile: CMYK → Lab through lcms within ΔE76 0.6 mean, 2.5 max', async () => {
  const full = await libvipsCmykProfile(sharp);
  const N = 9;
  const n = N ** 4;
  const px = new Uint8Array(n * 4);
  let i = 0;
  for (let c = 0; c < N; c++) for (let m = 0; m < N; m++) for (let y = 0; y < N; y++) for (let k = 0; k < N; k++) px.set([c, m, y, k].map((v) => Math.round((v * 255) / (N - 1))), 4 * i++);
  // A CMYK TIFF carrying the profile: sharp converts it to Lab with that profile (lcms).
  const lab = async (icc: Buffer) => {
    const { data } = await sharp(cmykTiff(px, n, 1, icc)).toColourspace('lab').raw({ depth: 'float' }).toBuffer({ resolveWithObject: true });
    return new Float32Array(data.buffer, data.byteOffset, data.length / 4);
  };
  const [a, b] = [await lab(full), await lab(outputProfile())];
  let sum = 0;
  let max = 0;
  for (let p = 0; p < n; p++) {
    const d = Math.hypot(a[3 * p] - b[3 * p], a[3 * p + 1] - b[3 * p + 1], a[3 * p + 2] - b[3 * p + 2]);
    sum += d;
    max = Math.max(max, d);
  }
  assert.ok(sum / n < 0.6 && max < 2.5, `ΔE mean ${(sum / n).toFixed(2)}, max ${max.toFixed(2)}`);
  // The check can fail: another CMYK profile (the compact one with its A2B table shifted) is far off.
  const shifted = Buffer.from(outputProfile());
  const a2b = shifted.indexOf('mft1');
  for (let k = a2b + 48 + 4 * 256; k < a2b + 48 + 4 * 256 + 3000; k++) shifted[k] = 255 - shifted[k];
  const c = await lab(shifted);
  let far = 0;
  for (let p = 0; p < n; p++) far = Math.max(far, Math.hypot(a[3 * p] - c[3 * p], a[3 * p + 1] - c[3 * p + 1], a[3 * p + 2] - c[3 * p + 2]));
  assert.ok(far > 10);
});

test('PDF/A of the sample is within 1.2× of the plain PDF (the issue measured 2.67×)', async () => {
  const { layout, frames, set, pdf } = await renderedSample();
  const pdfa = await renderPdf(layout, frames, set, defaultFonts(), { pdfa: true });
  assert.ok(pdfa.length <= 1.2 * pdf.length, `PDF/A ${pdfa.length} bytes, plain ${pdf.length}`);
  assert.ok(pdfa.length > pdf.length + outputProfile().length / 3, 'the profile is in it');
});

// ---- preflight ----

test('preflight: hairlines, a low-resolution photo and ink over the limit fail a --pdfx page (exit 1, the file is still written); plain, the run passes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-preflight-'));
  const out = process.stdout.write;
  try {
    await sharp({ create: { width: 60, height: 40, channels: 3, background: '#808080' } }).jpeg().toFile(join(dir, 'tiny.jpg'));
    const file = await photoPage(dir, [
      { kind: 'rule', id: 'hair', x: '10mm', y: '105mm', width: '120mm', height: '2mm', weight: '0.05pt' },
      { kind: 'photo', id: 'tiny', x: '140mm', y: '60mm', width: '50mm', height: '33mm', image: 'tiny.jpg', grayscale: true },
      { kind: 'rule', id: 'rich', x: '140mm', y: '100mm', width: '50mm', height: '4mm', weight: '3pt', color: 'cmyk(80, 80, 80, 80)' },
    ]);
    const page = await renderPage(file, { root: dir, pdfx: true });
    const pf = page.report.preflight!;
    const status = Object.fromEntries(pf.checks.map((c) => [c.check, c.status]));
    assert.is(status.hairlines, 'fail');
    assert.is(status.images, 'fail');
    assert.is(status['total ink'], 'fail', 'the 320% rule is over 240%');
    assert.is(status.fonts, 'ok');
    assert.is(status.overprint, 'ok');
    assert.is(pf.lines.thinnest, 0.05);
    const tiny = pf.images.find((i) => i.region === 'tiny')!;
    assert.ok(Math.abs(tiny.ppi - Math.round(60 / (50 / 25.4))) <= 1, `${tiny.ppi} ppi`);
    assert.is(pf.ink.vector, 320);
    let printed = '';
    process.stdout.write = ((s: string) => ((printed += s), true)) as typeof process.stdout.write;
    assert.is(await main(['render', file, '-o', join(dir, 'x.pdf'), '--pdfx', '--json', '--root', dir]), 1);
    assert.ok(existsSync(join(dir, 'x.pdf')));
    const json = JSON.parse(printed) as { preflight: { passed: boolean; standard: string; checks: { check: string; status: string }[] } };
    assert.is(json.preflight.standard, 'PDF/X-1a:2003');
    assert.is(json.preflight.passed, false);
    printed = '';
    assert.is(await main(['render', file, '-o', join(dir, 'plain.pdf'), '--root', dir]), 0);
    assert.match(printed, /preflight: FAILED/);
    assert.match(printed, /FAIL hairlines +1 strokes under 0.1 pt/);
  } finally {
    process.stdout.write = out;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the preflight reads the sample as written: fonts, colour spaces, boxes; --json carries it', async () => {
  const { report } = await renderedSample();
  const pf = report.preflight!;
  assert.is(pf.standard, 'none');
  assert.ok(pf.passed);
  assert.ok(pf.fonts.length >= 3 && pf.fonts.every((f) => f.embedded && f.subset));
  assert.equal(pf.colourSpaces, ['DeviceCMYK']);
  assert.is(pf.ink.vector, 100);
  assert.is(pf.lines.thinnest, 0.3);
  assert.ok(pf.boxes.trim && pf.boxes.media);
});

test('CLI: --pdfa with --pdfx, --condition without --pdfx, an unknown condition and --max-ink out of range exit 2 and write nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-print-cli-'));
  const err = process.stderr.write;
  let said = '';
  try {
    process.stderr.write = ((s: string) => ((said += s), true)) as typeof process.stderr.write;
    const sample = (await renderedSample()).layout.file;
    const o = join(dir, 'x.pdf');
    assert.is(await main(['render', sample, '-o', o, '--pdfa', '--pdfx']), 2);
    assert.match(said, /--pdfx and --pdfa cannot be combined/);
    assert.is(await main(['render', sample, '-o', o, '--condition', 'IFRA26']), 2);
    assert.is(await main(['render', sample, '-o', o, '--pdfx', '--condition', 'FOGRA39']), 2);
    assert.match(said, /"FOGRA39" is not a newsprint condition/);
    assert.is(await main(['render', sample, '-o', o, '--pdfx', '--max-ink', '50']), 2);
    assert.not.ok(existsSync(o));
  } finally {
    process.stderr.write = err;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the output of --pdfx is reproducible: same inputs, same bytes', async () => {
  const { layout, frames, set } = await renderedSample();
  const again = await renderPdf(layout, frames, set, defaultFonts(), PDFX);
  assert.ok(Buffer.from(again).equals(Buffer.from(await pdfx())));
});

test.run();
