import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli/main.js';
import { defaultFonts, renderPage, renderPdf } from '../src/index.js';
import { MM } from '../src/model/index.js';
import type { RenderOptions } from '../src/render/pdf.js';
import { extendIntoBleed } from '../src/render/sheet.js';
import { compact, openPdf, pdfFonts, pdfText, structureTree } from './helpers/pdf.js';
import { paintedColors, QpdfDoc, qpdfCheck, type PdfValue } from './helpers/qpdf.js';
import { renderedSample, SAMPLE_LAYOUT } from './helpers/sample.js';

const PRINT: RenderOptions = { pdfa: true, bleed: 3, marks: true, fileName: 'sample.pdf' };

let printed: Promise<Uint8Array> | undefined;
/** The sample for press and archive (--pdfa --bleed 3 --marks), from the once-set sample page. */
const printSample = () =>
  (printed ??= renderedSample().then((p) => renderPdf(p.layout, p.frames, p.set, defaultFonts(), PRINT)));

const close = (a: number, b: number, eps = 0.01) => Math.abs(a - b) <= eps;

test('PDF/A-2b: the XMP identifies part 2, conformance B, and carries title, date, language and source', async () => {
  const doc = await openPdf(await printSample());
  const { metadata, info } = (await doc.getMetadata()) as unknown as { metadata: { get(k: string): string | null }; info: Record<string, string> };
  await doc.destroy();
  assert.is(metadata.get('pdfaid:part'), '2');
  assert.is(metadata.get('pdfaid:conformance'), 'B');
  assert.is(metadata.get('dc:title'), '濮阳日报 2020-07-06 第3版 开发区新闻');
  assert.is(metadata.get('dc:language'), 'zh-CN');
  assert.is(metadata.get('dc:source'), 'puyang-daily-kaifaqu.txt');
  assert.is(metadata.get('xmp:createdate'), '2020-07-06T00:00:00Z');
  // PDF/A: the Info dictionary and the XMP agree.
  assert.is(info.Title, metadata.get('dc:title'));
  assert.is(info.CreationDate, 'D:20200706000000Z');
  assert.is(info.Producer, metadata.get('pdf:producer'));
});

test('PDF/A-2b: a GTS_PDFA1 output intent with an embedded CMYK output profile', async () => {
  const q = new QpdfDoc(await printSample());
  const intents = q.catalog['/OutputIntents'] as PdfValue[];
  assert.is(intents.length, 1);
  const intent = q.dict(intents[0]);
  assert.is(intent['/S'], '/GTS_PDFA1');
  const profileRef = intent['/DestOutputProfile'];
  assert.is(q.dict(profileRef)['/N'], 4);
  const icc = q.streamData(profileRef);
  // ICC header: device class at 12, colour space at 16: an output (printer) profile for CMYK.
  assert.is(icc.subarray(12, 16).toString('latin1'), 'prtr');
  assert.is(icc.subarray(16, 20).toString('latin1'), 'CMYK');
  assert.is(icc.readUInt32BE(0), icc.length);
});

test('every font is embedded (pdf.js) and every font descriptor holds a font file (qpdf)', async () => {
  const bytes = await printSample();
  const fonts = await pdfFonts(bytes);
  assert.ok(fonts.length >= 3);
  for (const f of fonts) assert.ok(f.embedded && !f.standard, `${f.name} not embedded`);
  const q = new QpdfDoc(bytes);
  const descriptors = Object.values(q.objects)
    .map((o) => o.value as Record<string, PdfValue> | undefined)
    .filter((v) => v && typeof v === 'object' && v['/Type'] === '/FontDescriptor');
  assert.ok(descriptors.length >= fonts.length);
  for (const d of descriptors) assert.ok(d!['/FontFile2'] || d!['/FontFile3'] || d!['/FontFile'], `${d!['/FontName']} has no font file`);
});

test('--bleed 3 --marks: TrimBox is the page, BleedBox trim + 3 mm, MediaBox room for the marks', async () => {
  const { layout } = await renderedSample();
  const q = new QpdfDoc(await printSample());
  const [page] = q.pages();
  const nums = (k: string) => (page.dict[k] as number[]).map(Number);
  const trim = nums('/TrimBox');
  const bleed = nums('/BleedBox');
  const media = nums('/MediaBox');
  const W = layout.page.width;
  const H = layout.page.height;
  assert.ok(close(trim[2] - trim[0], W) && close(trim[3] - trim[1], H), `TrimBox ${trim} for a ${W}×${H} page`);
  const b = 3 * MM;
  [-b, -b, b, b].forEach((d, i) => assert.ok(close(bleed[i], trim[i] + d), `BleedBox ${bleed} vs TrimBox ${trim}`));
  // The marks need room outside the bleed on every side.
  assert.ok(media[0] === 0 && media[1] === 0);
  assert.ok(bleed[0] - media[0] >= 8 * MM && media[2] - bleed[2] >= 8 * MM && bleed[1] >= 8 * MM && media[3] - bleed[3] >= 8 * MM, `MediaBox ${media}`);
  // Without the options the boxes are the page itself.
  const plain = new QpdfDoc((await renderedSample()).pdf).pages()[0].dict;
  assert.equal((plain['/TrimBox'] as number[]).map(Number), (plain['/MediaBox'] as number[]).map(Number));
});

test('crop marks lie outside the bleed box and the page content inside the trim; all in CMYK', async () => {
  const q = new QpdfDoc(await printSample());
  const [page] = q.pages();
  const trim = (page.dict['/TrimBox'] as number[]).map(Number);
  const bleed = (page.dict['/BleedBox'] as number[]).map(Number);
  const { painted } = paintedColors(q.content(page.dict));
  const fills = painted.filter((p) => p.kind === 'fill' && p.bbox);
  assert.ok(fills.length > 0);
  // Tints and placeholders sit on the page (the sample's frames stay inside the margins).
  for (const f of fills) assert.ok(f.bbox![0] >= trim[0] - 0.01 && f.bbox![2] <= trim[2] + 0.01 && f.bbox![1] >= trim[1] - 0.01 && f.bbox![3] <= trim[3] + 0.01, `fill ${f.bbox} outside the trim`);
  // The marks: line segments outside the bleed (parse their m/l coordinates in the marks' artifact).
  const content = q.content(page.dict);
  const marks = content.slice(content.lastIndexOf('/Artifact'));
  // Crop marks: straight segments on the trim lines' extensions (registration targets, also there, are checked in print.test.ts).
  const H0 = Number((page.dict['/MediaBox'] as number[])[3]);
  const onTrimLine = ([x0, y0, x1, y1]: number[]) => (x0 === x1 && trim.some((t, i) => i % 2 === 0 && close(t, x0))) || (y0 === y1 && trim.some((t, i) => i % 2 === 1 && close(t, H0 - y0)));
  const segs = [...marks.matchAll(/([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S/g)].map((m) => m.slice(1, 5).map(Number)).filter(onTrimLine);
  assert.is(segs.length, 8, 'two marks at each of four corners');
  const H = Number((page.dict['/MediaBox'] as number[])[3]);
  for (const [x0, y0, x1, y1] of segs) {
    // The marks are drawn in pdfkit's y-down space: flip to PDF space.
    const [ya, yb] = [H - y0, H - y1];
    const outside = Math.max(x0, x1) <= bleed[0] || Math.min(x0, x1) >= bleed[2] || Math.max(ya, yb) <= bleed[1] || Math.min(ya, yb) >= bleed[3];
    assert.ok(outside, `mark ${[x0, y0, x1, y1]} reaches into the bleed`);
  }
  // The slug line names the file and the date (text in the marks' artifact, below the page).
  const text = await pdfText(await printSample());
  assert.ok(text.includes('sample.pdf') && text.includes('2020-07-06'), 'no slug line');
});

test('every colour operator is DeviceCMYK (marks: the registration separation); text and rules are 100% K', async () => {
  const q = new QpdfDoc(await printSample());
  const page = q.pages()[0].dict;
  const content = q.content(page);
  // The printer's marks (the last artifact) are stroked in the registration colour, a Separation /All over DeviceCMYK.
  const marksAt = content.lastIndexOf('/Artifact');
  const named = q.dict(q.dict(page['/Resources'])['/ColorSpace']);
  for (const { op, args } of paintedColors(content.slice(marksAt)).colorOps)
    if (op === 'CS') assert.equal((q.get(named[args[0] as string]) as PdfValue[]).slice(0, 3), ['/Separation', '/All', '/DeviceCMYK']);
  const { colorOps, painted } = paintedColors(content.slice(0, marksAt));
  assert.ok(colorOps.length > 10);
  for (const { op, args } of colorOps) {
    assert.ok(['k', 'K', 'cs', 'CS', 'scn', 'SCN', 'sc', 'SC'].includes(op), `colour operator ${op} ${args.join(' ')}`);
    if (op === 'cs' || op === 'CS') assert.is(args[0], '/DeviceCMYK');
  }
  const text = painted.filter((p) => p.kind === 'text');
  const strokes = painted.filter((p) => p.kind === 'stroke');
  assert.ok(text.length > 100 && strokes.length >= 5, `${text.length} text runs, ${strokes.length} strokes`);
  for (const p of [...text, ...strokes]) {
    assert.is(p.space, '/DeviceCMYK', `${p.kind} ${p.op} in ${p.space}`);
    assert.equal(p.color, [0, 0, 0, 1], `${p.kind} ${p.op} in ${p.color}`);
  }
  for (const p of painted.filter((p) => p.kind === 'fill')) assert.is(p.space, '/DeviceCMYK');
});

/** Text per structure element under /Document, in structure order, as pdf.js reads the tags. */
async function taggedArticles(bytes: Uint8Array): Promise<{ role: string; text: string }[]> {
  const { document, text } = await structureTree(bytes);
  assert.ok(document, 'no Document element in the structure tree');
  return (document!.children ?? []).map((n) => ({ role: n.role!, text: compact(text(n)) }));
}

test('Tagged PDF: every story whole in one element, articles in reading order; the running header an artifact', async () => {
  const { set, source } = await renderedSample();
  const articles = await taggedArticles(await printSample());
  const stories = set.stories.filter((s) => s.lines.length);
  const textOf = (s: (typeof stories)[number]) => compact(s.lines.map((l) => l.text).join(''));
  const header = stories.filter((s) => s.kind === 'page-header');
  assert.ok(header.length > 0);
  for (const s of header) assert.not.ok(articles.some((a) => a.text.includes(textOf(s))), `running header "${textOf(s)}" in the structure`);
  const blocks = new Map(source.blocks.map((b) => [b.id, b]));
  const at: number[] = [];
  for (const s of stories.filter((s) => s.kind !== 'page-header')) {
    // Each story lies whole in exactly one top-level element.
    const holders = articles.map((a, i) => (a.text.includes(textOf(s)) ? i : -1)).filter((i) => i >= 0);
    assert.is(holders.length, 1, `${s.region} in elements ${holders}`);
    const el = articles[holders[0]];
    at.push(holders[0]);
    for (const id of new Set(s.lines.map((l) => l.block))) {
      const b = blocks.get(id);
      if (!b || b.kind === 'vertical-headline') continue;
      // Each paragraph of each block is in the element whole, in the block's order.
      let from = 0;
      for (const p of b.paragraphs) {
        const k = el.text.indexOf(compact(p), from);
        assert.ok(k >= 0, `${id}: "${p.slice(0, 16)}…" not whole in its element (${el.role})`);
        from = k + compact(p).length;
      }
    }
  }
  // Nothing but the stories' text: the elements hold exactly the text set outside the header.
  assert.is(articles.map((a) => a.text).join('').length, stories.filter((s) => s.kind !== 'page-header').reduce((n, s) => n + textOf(s).length, 0));
  // The lead article (two regions, two subheads) is one Art that opens with its vertical headline and holds its photo's caption after its text.
  const lead = articles[at[stories.filter((s) => s.kind !== 'page-header').findIndex((s) => s.region === 'lead')]];
  assert.is(lead.role, 'Art');
  const vertical = textOf(stories.find((s) => s.region === 'lead-headline')!);
  const caption = textOf(stories.find((s) => s.region === 'photo-meeting')!);
  assert.ok(lead.text.startsWith(vertical), lead.text.slice(0, 30));
  assert.ok(lead.text.endsWith(caption), lead.text.slice(-30));
});

test('two renders of the same inputs are byte-identical; another date changes the file', async () => {
  const a = await printSample();
  const b = (await renderPage(SAMPLE_LAYOUT, PRINT)).pdf;
  assert.is(a.length, b.length);
  assert.ok(Buffer.from(a).equals(Buffer.from(b)), 'renders differ');
  const { layout, frames, set } = await renderedSample();
  const other = await renderPdf(layout, frames, set, defaultFonts(), { ...PRINT, date: '2021-01-02' });
  assert.not.ok(Buffer.from(a).equals(Buffer.from(other)));
  const doc = await openPdf(other);
  const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, string> };
  await doc.destroy();
  assert.is(info.CreationDate, 'D:20210102000000Z');
});

test('qpdf --check passes on the sample with --pdfa --bleed 3 --marks', async () => {
  const { status, output } = qpdfCheck(await printSample());
  assert.is(status, 0, output);
  assert.match(output, /No syntax or stream encoding errors/);
});

test('bleed: tints and photos touching the trim run 3 mm into the bleed; photos are CMYK or gray, never upsampled', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-bleed-'));
  try {
    // A small page with no margins: a tinted strip across the top, a colour photo in the bottom right corner, a gray one inside.
    await sharp({ create: { width: 120, height: 80, channels: 3, background: '#c04020' } }).png().toFile(join(dir, 'small.png'));
    await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#2080c0' } }).jpeg().toFile(join(dir, 'big.jpg'));
    writeFileSync(join(dir, 'text.txt'), '本报讯 开发区召开大会。\n\n■培育和践行社会主义核心价值观\n');
    const layout = {
      name: 'bleed-test',
      text: 'text.txt',
      page: { size: { width: '200mm', height: '150mm' }, margins: { top: 0, right: 0, bottom: 0, left: 0 } },
      regions: [
        { kind: 'strip', id: 'band', x: 0, y: 0, width: '200mm', height: '10mm', content: { prefix: '■培育' }, tint: 'cmyk(0, 0, 0, 10)' },
        { kind: 'photo', id: 'corner', x: '150mm', y: '110mm', width: '50mm', height: '40mm', image: 'small.png' },
        { kind: 'photo', id: 'inside', x: '20mm', y: '40mm', width: '40mm', height: '30mm', image: 'big.jpg', grayscale: true },
      ],
    };
    const file = join(dir, 'layout.json');
    writeFileSync(file, JSON.stringify(layout));
    const pdf = (await renderPage(file, { bleed: 3, root: dir })).pdf;
    const q = new QpdfDoc(pdf);
    const [page] = q.pages();
    const bleed = (page.dict['/BleedBox'] as number[]).map(Number);
    const trim = (page.dict['/TrimBox'] as number[]).map(Number);
    const { painted } = paintedColors(q.content(page.dict));
    const band = painted.find((p) => p.kind === 'fill' && p.color.join() === '0,0,0,0.1');
    assert.ok(band?.bbox, 'the tint was not painted');
    const [x0, , x1, y1] = band!.bbox!;
    assert.ok(close(x0, bleed[0]) && close(x1, bleed[2]) && close(y1, bleed[3]), `tint ${band!.bbox} vs bleed ${bleed}`);
    const xobjects = q.dict(q.dict(page.dict['/Resources'])['/XObject']);
    const images = painted.filter((p) => p.kind === 'image');
    assert.is(images.length, 2);
    const corner = images.find((p) => p.bbox![2] > trim[2] - 1)!;
    assert.ok(close(corner.bbox![2], bleed[2]) && close(corner.bbox![1], bleed[1]), `corner photo ${corner.bbox} vs bleed ${bleed}`);
    const inside = images.find((p) => p !== corner)!;
    assert.ok(inside.bbox![0] > trim[0] + 10, 'a photo off the edge does not move');
    const img = (p: { name?: string }) => q.dict(xobjects[p.name!]);
    assert.is(img(corner)['/ColorSpace'], '/DeviceCMYK');
    assert.is(img(inside)['/ColorSpace'], '/DeviceGray');
    // 120×80 px placed at 53×46 mm (with bleed) would want ~626 px at 300 ppi: never upsampled.
    assert.ok((img(corner)['/Width'] as number) <= 120, `upsampled to ${img(corner)['/Width']}`);
    // 3000 px placed at 40 mm: 300 ppi is 472 px.
    assert.ok(Math.abs((img(inside)['/Width'] as number) - Math.round((40 / 25.4) * 300)) <= 1, `gray photo ${img(inside)['/Width']} px`);
    assert.ok(extendIntoBleed({ x: 10, y: 10, width: 5, height: 5 }, { width: 100, height: 100 }, 8.5).x === 10);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: a failing render leaves no file behind (PDF nor ALTO); a good one writes both whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-atomic-'));
  const quiet = process.stderr.write;
  const out = process.stdout.write;
  try {
    writeFileSync(join(dir, 'text.txt'), '本报讯 开发区召开大会，部署下半年工作。\n');
    const bad = { name: 'bad', text: 'text.txt', page: { size: { width: '100mm', height: '80mm' }, margins: { top: 0, right: 0, bottom: 0, left: 0 } }, regions: [{ kind: 'photo', id: 'p', x: 0, y: 0, width: '50mm', height: '40mm', image: 'missing.jpg' }] };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    process.stderr.write = () => true;
    process.stdout.write = () => true;
    const code = await main(['render', join(dir, 'bad.json'), '-o', join(dir, 'bad.pdf'), '--alto', join(dir, 'bad.xml'), '--pdfa', '--bleed', '3', '--marks', '--root', dir]);
    assert.is(code, 2);
    assert.equal(readdirSync(dir).sort(), ['bad.json', 'text.txt'], 'files left after a failed render');
    assert.is(await main(['render', join(dir, 'bad.json'), '--bleed', 'lots']), 2);
    const good = { ...bad, name: 'good', regions: [{ kind: 'article', id: 'a', x: '10mm', y: '10mm', width: '80mm', height: '60mm', content: { prefix: '本报讯' }, headline: false }] };
    writeFileSync(join(dir, 'good.json'), JSON.stringify(good));
    const ok = await main(['render', join(dir, 'good.json'), '-o', join(dir, 'good.pdf'), '--alto', join(dir, 'good.xml'), '--pdfa', '--root', dir]);
    process.stdout.write = out;
    process.stderr.write = quiet;
    assert.is(ok, 0);
    assert.ok(existsSync(join(dir, 'good.pdf')) && existsSync(join(dir, 'good.xml')));
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    assert.match(readFileSync(join(dir, 'good.xml'), 'utf8'), /CONTENT="本"/);
    assert.is(qpdfCheck(readFileSync(join(dir, 'good.pdf'))).status, 0);
  } finally {
    process.stdout.write = out;
    process.stderr.write = quiet;
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
