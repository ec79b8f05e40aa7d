import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError, layoutPage, loadLayout, resolveLayout, setPage } from '../src/index.js';
import { layoutJsonSchema } from '../src/cli/schema.js';
import { toPt } from '../src/model/units.js';
import { ROOT, SAMPLE_LAYOUT, SAMPLE_TEXT } from './helpers/sample.js';

const run = promisify(execFile);
const TABLOID = resolve(ROOT, 'layouts/donghe-evening-community.json');
const sample = () => JSON.parse(readFileSync(SAMPLE_LAYOUT, 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'banmian-model-'));
/** Write a variant of the sample layout to a temporary folder (its text path made absolute). */
function variant(name: string, edit: (d: any) => void): string {
  const d = sample();
  d.text = SAMPLE_TEXT;
  edit(d);
  const file = join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(d));
  return file;
}
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.instance(e, InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
};
const asyncMessage = async (f: () => Promise<unknown>): Promise<string> => {
  try {
    await f();
  } catch (e) {
    assert.instance(e, InputError, String(e));
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
};

test('units: mm, Q, pt, size names, 字 and 行, percentages', () => {
  assert.ok(Math.abs(toPt('25.4mm') - 72) < 1e-9);
  assert.ok(Math.abs(toPt('4Q') - toPt('1mm')) < 1e-9);
  assert.is(toPt('小五'), 9);
  assert.is(toPt('五号'), 10.5);
  assert.is(toPt('六号'), 7.875);
  assert.is(toPt('2字', { em: 9, line: 14 }), 18);
  assert.is(toPt('3行', { em: 9, line: 14 }), 42);
  assert.is(toPt('50%', { em: 9, line: 14, whole: 300 }), 150);
  assert.throws(() => toPt('50%'), /percentage is not allowed/);
  assert.throws(() => toPt('12 furlongs'), /expected a length/);
});

test('both layouts validate against the exported JSON Schema, which is up to date', () => {
  const exported = JSON.parse(readFileSync(resolve(ROOT, 'layouts/schema.json'), 'utf8'));
  assert.equal(exported, JSON.parse(JSON.stringify(layoutJsonSchema())), 'layouts/schema.json is stale: run banmian schema > layouts/schema.json');
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true });
  const validate = ajv.compile(exported);
  for (const file of [SAMPLE_LAYOUT, TABLOID]) {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    assert.is(data.$schema, './schema.json');
    assert.ok(validate(data), `${file}: ${JSON.stringify(validate.errors)}`);
  }
  assert.not.ok(validate({ ...sample(), page: { ...sample().page, columns: -1 } }), 'the schema must reject a negative column count');
});

test('a wrong field names its JSON path, what was expected and what was found', () => {
  const d = sample();
  d.regions[1].columns = -1;
  const m = message(() => resolveLayout(d, 'x.json'));
  assert.match(m, 'regions[1].columns: expected a positive integer, got -1');
  d.regions[1].columns = 3;
  d.regions[1].height = '12 furlongs';
  assert.match(message(() => resolveLayout(d, 'x.json')), /regions\[1\]\.height: expected a length .*got "12 furlongs"/);
  const e = sample();
  e.regions[0].kind = 'picture';
  assert.match(message(() => resolveLayout(e, 'x.json')), /regions\[0\]\.kind: .*"picture"/);
  const f = sample();
  f.regions[2].colour = 'red';
  assert.match(message(() => resolveLayout(f, 'x.json')), /regions\[2\]: unknown field "colour"/);
  const g = sample();
  g.page.size = 'octavo';
  assert.match(message(() => resolveLayout(g, 'x.json')), /page\.size: .*"octavo"/);
});

test('an unknown style name is an error naming its path, wherever a region names a style', () => {
  for (const [edit, where] of [
    [(d: any) => (d.regions.find((r: any) => r.id === 'slogan').style = 'nosuch'), /regions\[\d+\]\.style: unknown style "nosuch"/],
    [(d: any) => (d.regions[0].caption.style = 'nosuch'), /regions\[0\]\.caption\.style: unknown style "nosuch"/],
    [(d: any) => (d.regions.find((r: any) => r.id === 'pollution').headline.style = 'nosuch'), /regions\[\d+\]\.headline\.style: unknown style "nosuch"/],
    [(d: any) => (d.regions[3].subtitleStyle = 'nosuch'), /regions\[3\]\.subtitleStyle: unknown style "nosuch"/],
  ] as const) {
    const d = sample();
    edit(d);
    assert.match(message(() => resolveLayout(d, 'x.json')), where);
  }
});

test('a bad length anywhere on the page is an input error naming its path', () => {
  const d = sample();
  d.page.margins = '5%';
  assert.match(message(() => resolveLayout(d, 'x.json')), /page\.margins: a percentage is not allowed here, got "5%"/);
  const e = sample();
  e.page.gutter = '12 furlongs';
  assert.match(message(() => resolveLayout(e, 'x.json')), /page\.gutter: expected a length/);
  // Names an object has from its prototype are no type size names (the fuzzer's "hasOwnProperty" as a height was an internal error).
  for (const name of ['hasOwnProperty', 'constructor', '__proto__']) {
    const f = sample();
    f.regions[3].height = name;
    assert.match(message(() => resolveLayout(f, 'x.json')), /regions\[3\]\.height/, name);
    assert.throws(() => toPt(name), /expected a length/);
  }
});

test('a box sized by lineLength holds its columns inside padding and border', () => {
  const frames = layoutPage(loadLayout(SAMPLE_LAYOUT));
  const box = frames.find((f) => f.id === 'targets')!;
  const [col] = box.columns;
  const border = toPt('0.5mm');
  assert.is(box.stroke, border);
  assert.ok(col.x >= box.box.x + border + 1e-6 && col.x + col.width <= box.box.x + box.box.width - border - 1e-6, JSON.stringify({ box: box.box, col }));
  assert.ok(Math.abs(col.width - 11 * 9) < 1e-6);
});

test('broken JSON and a missing layout file are clear errors', () => {
  const bad = join(tmp, 'broken.json');
  writeFileSync(bad, '{ "page": ');
  assert.match(message(() => loadLayout(bad)), /broken\.json: not valid JSON/);
  assert.match(message(() => loadLayout(join(tmp, 'nope.json'))), /nope\.json: file not found/);
});

test('an unknown block id, a prefix that matches nothing or several blocks: errors that name them', async () => {
  const unknown = variant('unknown-block', (d) => (d.regions[1].content = { block: 'article-99' }));
  assert.match(await asyncMessage(() => setPage(unknown)), /regions\[1\]\.content\.block: no block "article-99"/);
  const none = variant('prefix-none', (d) => (d.regions[1].content = { prefix: '没有这样的开头' }));
  assert.match(await asyncMessage(() => setPage(none)), /regions\[1\]\.content\.prefix: no block starts with "没有这样的开头"/);
  const many = variant('prefix-many', (d) => (d.regions[1].content = { prefix: '本报讯' }));
  const m = await asyncMessage(() => setPage(many));
  assert.match(m, /regions\[1\]\.content\.prefix: "本报讯" matches 6 blocks \(article-1, article-2/);
});

test('a region outside the page is an error; overlapping regions are a warning', async () => {
  const outside = variant('outside', (d) => (d.regions[0].y = '600mm'));
  assert.match(await asyncMessage(() => setPage(outside)), /regions\[0\] \("photo-meeting"\): the region lies outside the page/);
  // A photo whose caption takes all of its frame: refused by layout, so that check finds it as render does.
  const squeezed = variant('squeezed', (d) => Object.assign(d.regions[0], { image: resolve(SAMPLE_LAYOUT, '../images/donghe-pipes.jpg'), height: '2mm' }));
  assert.match(await asyncMessage(() => setPage(squeezed)), /regions\[0\] \("photo-meeting"\): the photo has no room in its frame/);
  const overlap = variant('overlap', (d) => (d.regions[3].y = '20mm'));
  const page = await setPage(overlap);
  assert.ok(page.report.warnings.some((w) => /"lead-headline" and "targets" overlap|"targets" and "lead-headline" overlap/.test(w)), page.report.warnings.join('\n'));
});

test('more columns than the page has room for is an error that names the region, at once (a million took yoga ten seconds)', async () => {
  const index = sample().regions.findIndex((r: { kind: string }) => r.kind === 'article');
  const many = variant('many-columns', (d) => (d.regions[index].columns = 1_000_000));
  const t = performance.now();
  assert.match(await asyncMessage(() => setPage(many)), new RegExp(`regions\\[${index}\\]\\.columns: 1000000 columns cannot stand on a page`));
  assert.ok(performance.now() - t < 2000, `${Math.round(performance.now() - t)} ms`);
});

test('templates: a layout extends another and overrides regions by id', async () => {
  const template = variant('template', () => {});
  const day = join(tmp, 'day.json');
  writeFileSync(day, JSON.stringify({ extends: 'template.json', name: 'another-day', page: { header: { paper: '濮阳日报', date: '2020-07-07', page: 3 } }, overrides: { pollution: { headline: { main: '另一天的标题' } } } }));
  // The template lies in a temporary folder and the text in the repository: a root that holds both.
  const layout = loadLayout(day, { root: '/' });
  assert.is(layout.name, 'another-day');
  assert.is(layout.page.header?.date, '2020-07-07');
  assert.ok(layout.textFile?.endsWith('input/puyang-daily-kaifaqu.txt'));
  const page = await setPage(layout);
  const lines = page.set.stories.find((s) => s.region === 'pollution')!.lines.map((l) => l.text);
  assert.ok(lines.includes('另一天的标题'), lines.slice(0, 3).join('|'));
  assert.ok(existsSync(template));
  const badOverride = join(tmp, 'bad-override.json');
  writeFileSync(badOverride, JSON.stringify({ extends: 'template.json', overrides: { nosuch: { y: 0 } } }));
  assert.match(message(() => loadLayout(badOverride, { root: tmp })), /overrides\.nosuch: no region has this id/);
});

test('a baseline grid puts the first lines of all text columns on one grid', async () => {
  const gridded = variant('baseline', (d) => (d.page.baseline = '14pt'));
  const page = await setPage(gridded);
  const top = page.layout.page.margins.top;
  for (const f of page.frames.filter((f) => f.kind === 'article' || f.kind === 'box'))
    for (const c of f.columns) {
      const k = (c.y - top) / 14;
      assert.ok(Math.abs(k - Math.round(k)) < 1e-6, `${f.id}: column top ${c.y} is off the grid`);
    }
  // Body baselines in different articles then differ by whole grid steps.
  const textRegions = new Set(page.frames.filter((f) => f.kind === 'article').map((f) => f.id));
  const firstBaselines = page.set.stories.filter((s) => textRegions.has(s.region)).map((s) => s.lines.find((l) => l.role === 'body')!.y - top);
  const ref = firstBaselines[0];
  for (const b of firstBaselines) assert.ok(Math.abs(((b - ref) / 14) % 1) < 1e-6 || Math.abs(((b - ref) / 14) % 1) > 1 - 1e-6, `baseline ${b} off the grid`);
});

test('corrections: true in the layout applies the archive corrections (○ → 〇 in 二○一九)', async () => {
  const plain = await setPage(variant('no-corrections', () => {}));
  const corrected = await setPage(variant('corrections', (d) => (d.corrections = true)));
  const subtitle = (p: typeof plain) => p.source.blocks.find((b) => b.kind === 'vertical-headline')!.subtitle!;
  assert.match(subtitle(plain), '二○一九');
  assert.match(subtitle(corrected), '二〇一九');
  assert.ok(corrected.source.corrections.length > 0);
});

test('a vertical region\'s subtitleGap is a layout length like any other (字, mm, % of the type area); a bad one is an error that names it', async () => {
  const vertical = (d: any) => d.regions.find((r: any) => r.kind === 'vertical');
  const subtitleRight = async (gap: string) => {
    const page = await setPage(variant(`subtitle-gap-${gap}`, (d) => (vertical(d).subtitleGap = gap)));
    const { width, margins } = page.layout.page;
    area = width - margins.left - margins.right;
    const lines = page.set.stories.flatMap((s) => s.lines).filter((l) => l.role === 'vertical');
    const main = lines.filter((l) => l.part === 'main');
    const sub = lines.find((l) => l.part === 'subtitle')!;
    return Math.min(...main.map((l) => l.x)) - (sub.x + sub.width);
  };
  let area = 0;
  assert.ok(Math.abs((await subtitleRight('1字')) - toPt('小五')) < 1e-6, '1字 before the subtitle');
  assert.ok(Math.abs((await subtitleRight('3mm')) - toPt('3mm')) < 1e-6, '3 mm before the subtitle');
  // A share of the type area's width, as other horizontal lengths of a layout.
  const share = await subtitleRight('1%');
  assert.ok(Math.abs(share - area / 100) < 1e-6, `1% before the subtitle: ${share}`);
  assert.match(await asyncMessage(() => setPage(variant('subtitle-gap-bad', (d) => (vertical(d).subtitleGap = '50%x')))), /subtitleGap/);
});

test('linked regions: continueIn errors name the region', async () => {
  const missing = variant('continue-missing', (d) => (d.regions[1].continueIn = 'nowhere'));
  assert.match(await asyncMessage(() => setPage(missing)), /continueIn: no region "nowhere"/);
  const owned = variant('continue-owned', (d) => (d.regions[1].continueIn = 'water'));
  assert.match(await asyncMessage(() => setPage(owned)), /continueIn: region "water" has content of its own/);
  const orphan = variant('continue-orphan', (d) => delete d.regions[1].continueIn);
  assert.match(await asyncMessage(() => setPage(orphan)), /regions\[2\]\.content: required \(only a region another article continues into may omit it\)/);
});

test('--debug draws the frames and the character grid', async () => {
  const { renderPage } = await import('../src/index.js');
  const { openPdf } = await import('./helpers/pdf.js');
  const strokes = async (debug: boolean) => {
    const { pdf } = await renderPage(TABLOID, { debug });
    const doc = await openPdf(pdf);
    const ops = await (await doc.getPage(1)).getOperatorList();
    const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const n = ops.fnArray.filter((f) => f === OPS.stroke || f === OPS.constructPath).length;
    await doc.destroy();
    return n;
  };
  const plain = await strokes(false);
  const debug = await strokes(true);
  // Every frame outline and every grid line adds a path.
  assert.ok(debug > plain + 20, `debug ${debug} vs plain ${plain}`);
});

test('grid placement and flex groups both become yoga boxes', () => {
  const layout = loadLayout(TABLOID);
  const frames = layoutPage(layout, { headlines: { renovation: ['kicker', 'headline'] } });
  const by = (id: string) => frames.find((f) => f.id === id)!;
  const renovation = by('renovation');
  const pipes = by('pipes');
  // The photo grows into the rest of the top row, after the article and the 5 mm gap.
  assert.ok(Math.abs(pipes.box.x - (renovation.box.x + renovation.box.width + toPt('5mm'))) < 0.01);
  assert.ok(Math.abs(pipes.box.x + pipes.box.width - (layout.page.width - layout.page.margins.right)) < 0.01);
  // Article columns are exactly lineLength em wide.
  for (const c of renovation.columns) assert.ok(Math.abs(c.width - 18 * layout.styles.body.size) < 1e-6);
  // Sample: grid column 4 starts after three grid columns and gutters.
  const sampleLayout = loadLayout(SAMPLE_LAYOUT);
  const lead2 = layoutPage(sampleLayout).find((f) => f.id === 'lead-continued')!;
  const { margins, width, columns, gutter } = sampleLayout.page;
  const col = (width - margins.left - margins.right - (columns - 1) * gutter) / columns;
  assert.ok(Math.abs(lead2.box.x - (margins.left + 3 * (col + gutter))) < 0.01);
});

test('banmian check: fit report, exit 1 on overflow; invalid input exits 2 with no stack trace', async () => {
  const bin = resolve(ROOT, 'bin/banmian.js');
  const ok = await run('node', [bin, 'check', SAMPLE_LAYOUT]);
  assert.match(ok.stdout, /lead\s+article\s+\d+\/\d+ lines/);
  const tight = variant('tight', (d) => (d.regions.find((r: any) => r.id === 'pollution').height = '30mm'));
  const over = await run('node', [bin, 'check', tight]).then(
    () => assert.unreachable('check must fail on overflow'),
    (e) => e,
  );
  assert.is(over.code, 1);
  assert.match(over.stdout, /pollution\s+article\s+OVERFLOW \d+ chars/);
  const broken = variant('broken', (d) => (d.regions[1].columns = -1));
  const bad = await run('node', [bin, 'render', broken, '-o', join(tmp, 'never.pdf')]).then(
    () => assert.unreachable('render must fail'),
    (e) => e,
  );
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /regions\[1\]\.columns: expected a positive integer, got -1/);
  assert.not.match(bad.stderr, /\n\s+at /);
  assert.not.ok(existsSync(join(tmp, 'never.pdf')));
});

test('banmian proof writes a PNG of the page at the asked resolution', async () => {
  const out = join(tmp, 'proof.png');
  await run('node', [resolve(ROOT, 'bin/banmian.js'), 'proof', TABLOID, '-o', out, '--dpi', '20']);
  const png = readFileSync(out);
  assert.equal([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
  const layout = loadLayout(TABLOID);
  assert.is(png.readUInt32BE(16), Math.ceil((layout.page.width / 72) * 20));
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
