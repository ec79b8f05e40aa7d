import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolve } from 'node:path';
import { checkConservation } from '../src/ingest/conservation.js';
import { ingestPdfPage } from '../src/ingest/geometry/index.js';
import type { Block, Source } from '../src/ingest/types.js';
import { renderPage } from '../src/index.js';
import { readLines } from '../src/pdf/lines.js';
import { openPdf } from '../src/pdf/open.js';
import { readPage } from '../src/pdf/read.js';
import type { PdfPage } from '../src/pdf/types.js';
import { renderedSample, ROOT } from './helpers/sample.js';

/**
 * The PDF front door on banmian's own pages: what the text path set from known blocks must come back
 * as the same blocks when read from the PDF's geometry alone (a round trip with known truth).
 */

const compact = (s: string) => s.replace(/\s+/g, '');

async function read(bytes: Uint8Array): Promise<{ page: PdfPage; source: Source }> {
  const doc = await openPdf(bytes, 'test.pdf');
  const { page } = await readPage(doc, 1);
  const source = ingestPdfPage(page);
  await doc.destroy();
  return { page, source };
}

let sample: Promise<{ page: PdfPage; source: Source; set: Awaited<ReturnType<typeof renderedSample>> }> | undefined;
const readSample = () =>
  (sample ??= (async () => {
    const set = await renderedSample();
    return { ...(await read(set.pdf)), set };
  })());

/** The text of an article as the text path set it: byline, paragraphs and subheads, no spaces. */
const articleText = (b: Block, all: Block[]) => compact([b.byline ?? '', ...b.paragraphs, ...all.filter((s) => s.within?.article === b.id).map((s) => s.paragraphs.join(''))].join(''));

test('every glyph of the sample render is in exactly one block (conservation)', async () => {
  const { page, source } = await readSample();
  const report = checkConservation(page.glyphs.map((g) => g.text).join(''), source);
  assert.equal(report.missing.length, 0, `missing: ${report.missing.map((m) => m.char).join('')}`);
  assert.equal(report.extra.length, 0, `extra: ${JSON.stringify(report.extra)}`);
});

test('each article of the sample comes back whole: headline paired, byline split off, text equal to what was set', async () => {
  const { source, set } = await readSample();
  const setArticles = set.source.blocks.filter((b) => b.kind === 'article');
  const read = source.blocks.filter((b) => b.kind === 'article');
  assert.equal(read.length, setArticles.length, `articles: ${read.map((b) => b.id).join(', ')}`);
  for (const original of setArticles) {
    // What was set: the text path's article (its byline and paragraphs, its subheads in place).
    const want = articleText(original, set.source.blocks);
    const got = read.find((b) => compact(articleText(b, source.blocks)) === want);
    assert.ok(got, `article ${original.id} (${want.slice(0, 20)}…) is not read back whole`);
    if (original.byline) assert.equal(compact(got!.byline ?? ''), compact(original.byline), `byline of ${original.id}`);
  }
  // Headlines pair with their articles: every headline group of the page heads an article.
  const groups = source.blocks.filter((b) => b.kind === 'headline-group');
  assert.ok(groups.length >= 5);
  for (const g of groups) assert.ok(g.pairedWith && read.some((a) => a.id === g.pairedWith!.article), `${g.id} ${g.paragraphs.join('/')} is paired`);
});

test('the sample: vertical headline, captions with credits, sidebar, slogan and page header are found', async () => {
  const { source } = await readSample();
  const kinds = (k: string) => source.blocks.filter((b) => b.kind === k);
  const vertical = kinds('vertical-headline');
  assert.equal(vertical.length, 1);
  assert.equal(vertical[0].columns, ['凝心聚力谋发展', '砥砺前行谱新篇']);
  assert.ok(vertical[0].subtitle?.startsWith('开发区召开'));
  const captions = kinds('caption');
  assert.equal(captions.length, 3);
  assert.ok(captions.every((c) => c.credit?.endsWith('摄')));
  assert.equal(kinds('sidebar').length, 1);
  assert.ok(kinds('sidebar')[0].paragraphs[0].startsWith('今年预期目标'));
  assert.equal(compact(kinds('slogan')[0].paragraphs[0]), '■培育和践行社会主义核心价值观');
  assert.ok(compact(kinds('page-header')[0].paragraphs.join('')).includes('濮阳日报'));
  assert.ok(source.page && source.page.photos.filter((p) => p.kind === 'placeholder').length === 3, 'the three photo placeholders');
});

test('lines are grouped by origin: a line of the sample holds the characters of one column only', async () => {
  const { page, set } = await readSample();
  const { lines } = readLines(page);
  const texts = new Set(lines.map((l) => compact(l.text)));
  // Every body line banmian set is one line of the reader, whole.
  const body = set.set.stories.flatMap((s) => s.lines).filter((l) => l.role === 'body');
  const missing = body.filter((l) => !texts.has(compact(l.text)));
  assert.ok(missing.length <= body.length * 0.01, `${missing.length} of ${body.length} set lines not read as lines: ${missing.slice(0, 3).map((l) => l.text).join(' | ')}`);
});

test('the tabloid example: five articles with headlines, two captions, the sidebar and the letter-spaced slogan', async () => {
  const page = await renderPage(resolve(ROOT, 'layouts/donghe-evening-community.json'));
  const { source } = await read(page.pdf);
  const articles = source.blocks.filter((b) => b.kind === 'article');
  assert.equal(articles.length, page.source.blocks.filter((b) => b.kind === 'article').length);
  assert.ok(articles.every((a) => source.blocks.some((h) => h.pairedWith?.article === a.id)));
  assert.equal(source.blocks.filter((b) => b.kind === 'caption').length, 2);
  assert.equal(source.blocks.filter((b) => b.kind === 'slogan').length, 1);
});

test.run();
