import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli/main.js';
import { comparePdfs, type PageComparison } from '../src/compare/index.js';
import { readSide, type CompareLine } from '../src/compare/page.js';
import { pairIdentical, pairRest } from '../src/compare/pair.js';
import { blockRegions } from '../src/compare/regions.js';
import { defaultFonts, renderPage, renderPdf } from '../src/index.js';
import { openPdf } from '../src/pdf/open.js';
import { elementIndexOf, planPage, type PlanElement } from '../src/render/structure.js';
import { modifyPage, type Modification } from './helpers/modify.js';
import { popplerCount } from './helpers/poppler.js';
import { ROOT, renderedSample } from './helpers/sample.js';

const dir = mkdtempSync(join(tmpdir(), 'banmian-compare-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** The sample page and a copy with one paragraph moved 2 mm down, one line deleted and one character changed. */
let pair: Promise<{ original: Uint8Array; modified: Uint8Array; modification: Modification; files: [string, string] }> | undefined;
const pages = () =>
  (pair ??= (async () => {
    const page = await renderedSample();
    // The articles are the top-level structure elements banmian writes (an article with its headline, photos and captions).
    const plan = planPage(page.set.stories, page.frames, page.layout.styles.body.leading);
    const { set, modification } = modifyPage(page.set, defaultFonts(), 2, (region) => elementIndexOf(plan, region));
    const modified = await renderPdf(page.layout, page.frames, set, defaultFonts());
    const files: [string, string] = [join(dir, 'original.pdf'), join(dir, 'modified.pdf')];
    writeFileSync(files[0], page.pdf);
    writeFileSync(files[1], modified);
    return { original: page.pdf, modified, modification, files };
  })());

let compared: Promise<PageComparison> | undefined;
const comparison = () =>
  (compared ??= pages().then(async (p) => (await comparePdfs(p.original, 'original.pdf', p.modified, 'modified.pdf', { overlay: true, side: true }))[0]));

/** Run the CLI, capturing what it prints. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const [w1, w2] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = w1;
    process.stderr.write = w2;
  }
}

const compact = (s: string) => s.replace(/\s+/gu, '');

test('a PDF compared with itself: every line identical, nothing missing or added, nothing moved, ink identical, exit 0', async () => {
  const { files } = await pages();
  const overlay = join(dir, 'self-overlay.png'), side = join(dir, 'self-side.png');
  const r = await cli(['compare', files[0], files[0], '--json', '--png', overlay, '--side', side]);
  assert.is(r.code, 0, r.err);
  const c = JSON.parse(r.out) as PageComparison;
  assert.ok(c.lines.original > 300, `${c.lines.original} lines read`);
  assert.is(c.lines.identical, c.lines.original);
  assert.is(c.lines.share, 1);
  assert.is(c.chars.missing + c.chars.added, 0);
  assert.is(c.move.largestMm, 0);
  assert.is(c.visual!.score, 1);
  assert.ok(c.pass);
  // Regions are the facsimile's articles: one per top-level structure element with text, and the
  // running header (an artifact, in no element) as one more.
  const page = await renderedSample();
  const plan = planPage(page.set.stories, page.frames, page.layout.styles.body.leading);
  const hasText = (e: PlanElement): boolean => (e.kind === 'text' ? e.lines.length > 0 : e.kind === 'group' && e.children.some(hasText));
  const withText = plan.elements.filter(hasText).length;
  assert.is(c.regions.kind, 'article');
  assert.is(c.regions.count, withText + (plan.header.length ? 1 : 0));
  assert.is(c.regions.intact, c.regions.count);
  // Both pictures at the page size at 72 dpi (1 px per pt); side by side is two pages wide.
  const o = await sharp(readFileSync(overlay)).metadata(), s = await sharp(readFileSync(side)).metadata();
  assert.is(o.width, Math.ceil(page.layout.page.width));
  assert.ok(s.width! > 2 * o.width! && s.height === o.height);
});

test('moved paragraph, deleted line, changed character: each reported in its article with its size', async () => {
  const { modification: m } = await pages();
  const c = await comparison();
  const region = (article: number) => c.regions.list.find((r) => r.index === article)!;

  const moved = region(m.moved.article);
  assert.is(moved.moves.length, 1, JSON.stringify(moved.moves));
  assert.is(moved.moves[0].lines, m.moved.lines);
  assert.ok(Math.abs(moved.moves[0].dyMm - m.moved.dyMm) < 0.02 && Math.abs(moved.moves[0].dxMm) < 0.02, JSON.stringify(moved.moves[0]));
  assert.is(moved.moves[0].first, compact(m.moved.first).slice(0, 12));
  assert.is(moved.chars.missing + moved.chars.added, 0);

  const deleted = region(m.deleted.article);
  assert.equal(deleted.missing, [compact(m.deleted.text)]);
  assert.is(deleted.chars.missing, [...compact(m.deleted.text)].length);
  assert.is(deleted.lines.missing, 1);
  assert.is(deleted.chars.added, 0);

  const changed = region(m.changed.article);
  assert.equal(changed.missing, [m.changed.from]);
  assert.equal(changed.added, [m.changed.to]);
  assert.is(changed.lines.changed, 1);

  // Nothing else differs, and the page totals are the three edits.
  assert.equal(c.regions.list.filter((r) => !r.intact).map((r) => r.index).sort(), [m.moved.article, m.deleted.article, m.changed.article].sort());
  assert.is(c.chars.missing, [...compact(m.deleted.text)].length + 1);
  assert.is(c.chars.added, 1);
  assert.is(c.lines.original - c.lines.identical, 2);
  assert.is(c.move.over, m.moved.lines);
  assert.ok(Math.abs(c.move.largestMm - m.moved.dyMm) < 0.02);
  assert.not.ok(c.pass);
  assert.match(c.failures.join(), /largest move 2\.00 mm > 1 mm/);
});

test('the CLI: plain text names the regions and the edits; exit 1 outside the thresholds, 0 with a looser --max-move', async () => {
  const { files, modification: m } = await pages();
  const r = await cli(['compare', files[0], files[1]]);
  assert.is(r.code, 1, r.err);
  assert.match(r.out, `missing ${[...compact(m.deleted.text)].length} characters: 「${compact(m.deleted.text)}」`);
  assert.match(r.out, `moved ${m.moved.lines} lines by 2.00 mm`);
  assert.match(r.out, /FAIL: largest move/);
  const loose = await cli(['compare', files[0], files[1], '--max-move', '2.5mm', '--min-lines', '99%']);
  assert.is(loose.code, 0, loose.out);
  const strict = await cli(['compare', files[0], files[1], '--max-move', '2.5mm', '--min-lines', '1']);
  assert.is(strict.code, 1);
  assert.match(strict.out, /identical lines 99\.\d% < 100\.0%/);
});

test('the figures agree with an independent count from pdftotext -bbox words', async () => {
  const { files } = await pages();
  const c = await comparison();
  const p = popplerCount(files[0], files[1]);
  assert.ok(Math.abs(p.notIdentical - (c.lines.original - c.lines.identical)) <= 1, `poppler: ${p.notIdentical} lines not identical, compare: ${c.lines.original - c.lines.identical}`);
  assert.ok(Math.abs(p.largestMoveMm - c.move.largestMm) < 0.1, `poppler: largest move ${p.largestMoveMm.toFixed(2)} mm, compare ${c.move.largestMm}`);
  // Characters: what the original has more of than the copy, and the other way round.
  assert.is(c.chars.missing, p.surplusOriginal);
  assert.is(c.chars.added, p.surplusCopy);
});

test('the pictures show the edits: overlay ink only in the moved, deleted and changed places; side by side outlined', async () => {
  const c = await comparison();
  const { modification: m } = await pages();
  const { data, info } = await sharp(c.overlay!).raw().toBuffer({ resolveWithObject: true });
  // Pixels where one page has ink and the other not: red (original only) or blue (facsimile only).
  const only: [number, number][] = [];
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++) {
      const q = (y * info.width + x) * info.channels;
      if (Math.abs(data[q] - data[q + 2]) > 128) only.push([x, y]);
    }
  assert.ok(only.length > 0);
  // Every such pixel lies within a differing region's box on the original (1 px = 1 pt at 72 dpi).
  const boxes = c.regions.list.filter((r) => [m.moved.article, m.deleted.article, m.changed.article].includes(r.index)).map((r) => r.bboxMm!.map((v) => (v * 72) / 25.4));
  const outside = only.filter(([x, y]) => !boxes.some((b) => x >= b[0] - 3 && x <= b[2] + 3 && y >= b[1] - 9 && y <= b[3] + 9));
  assert.is(outside.length, 0, `${outside.length} differing pixels outside the edited articles, e.g. ${JSON.stringify(outside.slice(0, 3))}`);
  // The side-by-side picture has orange region outlines on both halves.
  const side = await sharp(c.side!).raw().toBuffer({ resolveWithObject: true });
  let left = 0, right = 0;
  for (let p = 0; p < side.data.length; p += side.info.channels)
    if (side.data[p] === 240 && side.data[p + 1] === 120 && side.data[p + 2] === 0) ((p / side.info.channels) % side.info.width < side.info.width / 2 ? left++ : right++);
  assert.ok(left > 100 && right > 100, `${left} / ${right} outline pixels`);
});

test('regions by geometry (blocks of lines, the PDF ingest\'s articles): no block mixes two articles, the figures match the tagged ones', async () => {
  const { original, modified } = await pages();
  const doc = await openPdf(original, 'original.pdf');
  const side = await readSide(doc, 1, 'original.pdf', true);
  const blocks = blockRegions(side.lines);
  const articleOf = new Map<number, number>();
  side.articles!.forEach((a, i) => a.mcids.forEach((m) => articleOf.set(m, i)));
  const mixed = new Map<number, Set<number>>();
  side.lines.forEach((l, i) => (mixed.get(blocks.of[i]) ?? mixed.set(blocks.of[i], new Set()).get(blocks.of[i])!).add(articleOf.get(l.mcid!)!));
  for (const [block, articles] of mixed) assert.is(articles.size, 1, `block ${block} holds lines of articles ${[...articles]}`);
  assert.ok(mixed.size > side.articles!.length);
  await doc.destroy();
  const [g] = await comparePdfs(original, 'original.pdf', modified, 'modified.pdf', { geometry: true, noVisual: true });
  const c = await comparison();
  assert.is(g.regions.from, 'ingest');
  assert.equal([g.lines, g.chars, g.move], [c.lines, c.chars, c.move]);
  // The three edits, each in one region of the original's own articles (the PDF ingest's).
  const differing = g.regions.list.filter((r) => !r.intact);
  assert.is(differing.length, 3);
  assert.equal(differing.flatMap((r) => r.missing).sort(), c.regions.list.flatMap((r) => r.missing).sort());
  assert.is(differing.filter((r) => r.moves.length).length, 1);
});

/** A blank page of the sample's size (a scan without text layer, as far as text goes). */
async function blankPdf(width: number, height: number): Promise<Uint8Array> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: [width, height], margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((ok) => doc.on('end', ok));
  doc.rect(100, 100, 200, 50).fill('#000000');
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

test('a page with no text layer: every original line missing, exit 1; two of them agree by their ink only', async () => {
  const { files, original } = await pages();
  const page = await renderedSample();
  const blank = join(dir, 'blank.pdf');
  writeFileSync(blank, await blankPdf(page.layout.page.width, page.layout.page.height));
  const r = await cli(['compare', files[0], blank]);
  assert.is(r.code, 1);
  assert.match(r.out, /the facsimile page has no text layer/);
  const [c] = await comparePdfs(original, 'original.pdf', readFileSync(blank), 'blank.pdf', { noVisual: true });
  assert.is(c.lines.facsimile, 0);
  assert.is(c.lines.missing, c.lines.original);
  assert.is(c.chars.missing, c.chars.original);
  const both = await cli(['compare', blank, blank, '--json']);
  assert.is(both.code, 0);
  assert.is((JSON.parse(both.out) as PageComparison).visual!.score, 1);
});

test('bad input exits 2 naming the file: not a PDF, encrypted, page out of range, pages of different sizes', async () => {
  const { files } = await pages();
  const text = join(dir, 'text.pdf');
  writeFileSync(text, 'not a pdf at all');
  let r = await cli(['compare', text, files[0]]);
  assert.is(r.code, 2);
  assert.match(r.err, `${text}: not a PDF`);

  const locked = join(dir, 'locked.pdf');
  execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', files[0], locked]);
  r = await cli(['compare', files[0], locked]);
  assert.is(r.code, 2);
  assert.match(r.err, `${locked}: the PDF is encrypted`);

  const two = join(dir, 'two.pdf');
  execFileSync('qpdf', ['--empty', '--pages', files[0], files[1], '--', two]);
  r = await cli(['compare', two, two, '--page', '3']);
  assert.is(r.code, 2);
  assert.match(r.err, /--page 3: the PDF has 2 pages/);
  // Page 2 of a two-page PDF against a one-page PDF: the one page is taken.
  r = await cli(['compare', two, files[1], '--page', '2', '--json']);
  assert.is(r.code, 0, r.err);
  assert.is((JSON.parse(r.out) as PageComparison).lines.share, 1);

  const tabloid = await renderPage(resolve(ROOT, 'layouts/donghe-evening-community.json'));
  const small = join(dir, 'tabloid.pdf');
  writeFileSync(small, tabloid.pdf);
  r = await cli(['compare', files[0], small]);
  assert.is(r.code, 2);
  assert.match(r.err, /390 × 540 mm .* 270 × 390 mm: pages that differ in size/);

  r = await cli(['compare', files[0]]);
  assert.is(r.code, 2);
  r = await cli(['compare', files[0], files[0], '--max-move', 'far']);
  assert.is(r.code, 2);
  assert.match(r.err, /--max-move/);
});


/** A synthetic horizontal line of 9 pt characters starting at (x, y). */
function line(text: string, x: number, y: number, order: number): CompareLine {
  const chars = [...text];
  return { chars, text, xs: chars.map((_, k) => x + 9 * k), ys: chars.map(() => y), bbox: [x, y - 8, x + 9 * chars.length, y + 1], size: 9, vertical: false, order };
}
const statuses = (a: CompareLine[], b: CompareLine[]) => {
  const same = pairIdentical(a, b);
  return pairRest(a, b, same, a.map(() => 0), b.map(() => 0));
};

test('pairing: the same text broken at other places is "break differently", with nothing missing', () => {
  const a = [line('开发区召开总结大会', 0, 20, 0), line('部署下半年工作任务', 0, 34, 1), line('会议强调要抓好落实。', 0, 48, 2)];
  const b = [line('开发区召开总结大会部', 0, 20, 0), line('署下半年工作任务', 0, 34, 1), line('会议强调要抓好落实。', 0, 48, 2)];
  const p = statuses(a, b);
  assert.equal(p.statusA, ['rebroken', 'rebroken', 'identical']);
  assert.equal(p.statusB, ['rebroken', 'rebroken', 'identical']);
  assert.equal([p.missing, p.added], [[], []]);
});

test('pairing: a character inserted or deleted within a line is a changed line, paired, its move measured', () => {
  const a = [line('区水利局多举措推进供水', 0, 20, 0), line('城乡一体化稳步推进中', 0, 34, 1)];
  const b = [line('区水利局多举措推进城乡供水', 0, 22, 0), line('城乡一体化推进中', 0, 34, 1)];
  const p = statuses(a, b);
  assert.equal(p.statusA, ['changed', 'changed']);
  assert.equal(p.partnerA, [0, 1]);
  assert.equal(p.added.map((r) => r.text), ['城乡']);
  assert.equal(p.missing.map((r) => r.text), ['稳步']);
  assert.is(p.moveA[0]!.dy, 2);
  assert.is(p.moveA[1]!.dy, 0);
});

test('pairing: unrelated lines that share a character or two by chance are missing and added, not changed', () => {
  const a = [line('县残联的助残活动', 0, 20, 0)];
  const b = [line('社区的夜市重新开市', 0, 20, 0)];
  const p = statuses(a, b);
  assert.equal(p.statusA, ['missing']);
  assert.equal(p.statusB, ['added']);
  assert.equal(p.partnerA, [-1]);
  assert.equal(p.missing.map((r) => r.text), ['县残联的助残活动']);
});

test('pairing: a paragraph set before another, and one set in the next article, are found, not missing', () => {
  // Region 0: two paragraphs swapped and re-broken; the last line of region 0 went to region 1.
  const a = [line('第一段文字说明开发区的', 0, 20, 0), line('工作进展。', 0, 34, 1), line('第二段文字讲述下半年的', 0, 48, 2), line('重点任务。', 0, 62, 3), line('结尾一句落在别处了。', 0, 76, 4)];
  const b = [line('第二段文字讲述下半年', 0, 20, 0), line('的重点任务。', 0, 34, 1), line('第一段文字说明开发区', 0, 48, 2), line('的工作进展。', 0, 62, 3), line('另一篇文章的开头，结尾一句落在别处了。', 300, 20, 4)];
  const same = pairIdentical(a, b);
  const p = pairRest(a, b, same, [0, 0, 0, 0, 0], [0, 0, 0, 0, 1]);
  assert.equal(p.missing, []);
  assert.equal(p.added.map((r) => [r.region, r.text]), [[1, '另一篇文章的开头，']]);
  assert.equal(p.movedOut.map((r) => [r.region, r.text]), [[0, '结尾一句落在别处了。']]);
  assert.equal(p.movedIn.map((r) => [r.region, r.text]), [[1, '结尾一句落在别处了。']]);
  assert.equal(p.statusA.slice(0, 4), ['rebroken', 'rebroken', 'rebroken', 'rebroken']);
});

test('pairing: repeated lines pair with the nearest copy', () => {
  const a = [line('本报讯', 0, 20, 0), line('本报讯', 300, 20, 1)];
  const b = [line('本报讯', 301, 20, 0), line('本报讯', 1, 20, 1)];
  const p = statuses(a, b);
  assert.equal(p.partnerA, [1, 0]);
  assert.equal(p.moveA.map((m) => m!.dx), [1, 1]);
});

test.run();
