import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compact, pdfFonts } from './helpers/pdf.js';
import { pageLayout, type PageLayout, type TextItem } from './helpers/pdf-layout.js';
import { a4Page } from './pages/a4.js';
import { generated } from './pages/generate.js';
import type { ArticleBlock, Block, Box, PageTruth, SubheadBlock } from './pages/truth.js';

/** The regions of a block and the strings drawn there, in reading order. */
function regions(b: Block, page: PageTruth): { boxes: Box[]; text: string[] } {
  switch (b.kind) {
    case 'page-header':
    case 'page-footer':
      return { boxes: [b.box], text: b.parts };
    case 'headline-group':
      return { boxes: [b.box], text: [b.headline.kicker ?? '', ...b.mainLines, b.headline.subtitle ?? ''] };
    case 'vertical-headline':
      return { boxes: [b.box], text: [...b.columns, b.subtitle ?? ''] };
    case 'caption':
      return { boxes: [b.box], text: [b.text, b.credit ?? ''] };
    case 'sidebar':
      return { boxes: [b.box], text: [b.title ?? '', ...b.paragraphs] };
    case 'subhead':
    case 'section-head':
    case 'slogan':
      return { boxes: [b.box], text: [b.text] };
    case 'article': {
      const subs = page.blocks.filter((s): s is SubheadBlock => s.kind === 'subhead' && s.within.article === b.id);
      const text = [b.byline ?? '', b.runIn ?? ''];
      b.paragraphs.forEach((p, i) => text.push(...subs.filter((s) => s.within.beforeParagraph === i).map((s) => s.text), p));
      return { boxes: b.parts.map((p) => p.box), text };
    }
  }
}

/** Items whose origin lies in the box: a baseline inside it; at most 0.6 em left of it (opening marks hang or compress at line start). */
const inBox = (it: TextItem, b: Box) => it.x >= b.x - 0.6 * it.size && it.x < b.x + b.w + 0.5 && it.y >= b.y && it.y <= b.y + b.h + 0.5;

/** The text in the boxes, box after box, each in content order. */
const textIn = (layout: PageLayout, boxes: Box[]) => boxes.map((b) => layout.items.filter((it) => inBox(it, b)).map((it) => it.str).join('')).join('');

const pages = async () => (await generated()).pages;
const layouts = new Map<string, Promise<PageLayout>>();
/** Each page read once by pdf.js. */
const layoutOf = (name: string, pdf: Uint8Array) => {
  let l = layouts.get(name);
  if (!l) layouts.set(name, (l = pageLayout(pdf)));
  return l;
};

test('every page: the text of every truth block is on the page in its box, and nothing else is', async () => {
  const all = await pages();
  assert.equal(all.map((p) => p.name).sort(), ['a4-weekly', 'broadsheet-daily', 'tabloid-evening']);
  for (const { name, pdf, truth } of all) {
    const layout = await layoutOf(name, pdf);
    assert.is(layout.width.toFixed(2), truth.page.width.toFixed(2), `${name}: page width`);
    assert.is(layout.height.toFixed(2), truth.page.height.toFixed(2), `${name}: page height`);
    for (const b of truth.blocks) {
      const { boxes, text } = regions(b, truth);
      assert.is(compact(textIn(layout, boxes)), compact(text.join('')), `${name}: ${b.kind} ${b.id}`);
    }
  }
});

test('every page: each glyph run lies in some block (the truth leaves nothing on the page out)', async () => {
  for (const { name, pdf, truth } of await pages()) {
    const layout = await layoutOf(name, pdf);
    const boxes = truth.blocks.flatMap((b) => regions(b, truth).boxes);
    const stray = layout.items.filter((it) => it.str.trim() && !boxes.some((b) => inBox(it, b)));
    assert.equal(stray.map((it) => `${it.str}@${it.x.toFixed(0)},${it.y.toFixed(0)}`), [], `${name}: text outside every block`);
    assert.ok(layout.items.length > 150, `${name}: ${layout.items.length} text runs`);
  }
});

test('every page: each body column is full, its lines on the article’s grid (rows × line step)', async () => {
  for (const { name, pdf, truth } of await pages()) {
    const layout = await layoutOf(name, pdf);
    for (const a of truth.blocks.filter((b): b is ArticleBlock => b.kind === 'article' && !b.runIn)) {
      const subs = truth.blocks.filter((s): s is SubheadBlock => s.kind === 'subhead' && s.within.article === a.id);
      for (const part of a.parts) {
        for (let c = 0; c < part.columns; c++) {
          const col: Box = { x: part.box.x + c * (part.columnWidth + part.gutter), y: part.box.y, w: part.columnWidth, h: part.box.h };
          const rowsOf = (y: number) => (y - col.y - 0.88 * a.face.size) / a.lineStep;
          const body = layout.items.filter((it) => inBox(it, col) && Math.abs(it.size - a.face.size) < 0.01 && it.str.trim());
          const rows = new Set(body.map((it) => rowsOf(it.y)));
          for (const r of rows) assert.ok(Math.abs(r - Math.round(r)) < 0.01, `${name} ${a.id}: a line at row ${r.toFixed(2)}, off the grid`);
          // Rows a subhead takes hold no body line; every other row does.
          const taken = new Set<number>();
          for (const s of subs.filter((s) => inBox({ x: s.box.x, y: s.box.y + 1, size: 0 } as TextItem, col)))
            for (let r = Math.round((s.box.y - col.y) / a.lineStep); r < Math.round((s.box.y + s.box.h - col.y) / a.lineStep + 0.5); r++) taken.add(r);
          const want = Array.from({ length: part.rows }, (_, r) => r).filter((r) => !taken.has(r));
          assert.equal([...rows].map(Math.round).sort((p, q) => p - q), want, `${name} ${a.id} column ${c + 1}: rows`);
        }
      }
    }
  }
});

test('every page: the photos are drawn where the truth says, one image each', async () => {
  for (const { name, pdf, truth } of await pages()) {
    const layout = await layoutOf(name, pdf);
    assert.is(layout.images.length, truth.photos.length, `${name}: images`);
    for (const p of truth.photos) {
      const hit = layout.images.find((im) => Math.abs(im.x - p.box.x) < 0.05 && Math.abs(im.y - p.box.y) < 0.05 && Math.abs(im.w - p.box.w) < 0.05 && Math.abs(im.h - p.box.h) < 0.05);
      assert.ok(hit, `${name}: ${p.id} not at ${JSON.stringify(p.box)} (images at ${JSON.stringify(layout.images)})`);
    }
  }
});

test('every page: the truth is consistent (ids unique, references resolve, boxes on the page, parts tile their columns)', async () => {
  for (const { name, truth } of await pages()) {
    const ids = truth.blocks.map((b) => b.id);
    assert.is(new Set(ids).size, ids.length, `${name}: duplicate ids`);
    const articles = new Set(truth.blocks.filter((b) => b.kind === 'article').map((b) => b.id));
    for (const b of truth.blocks) {
      if (b.article) assert.ok(articles.has(b.article), `${name}: ${b.id} names article ${b.article}`);
      if (b.kind === 'caption') assert.ok(truth.photos.some((p) => p.id === b.photo), `${name}: ${b.id} names photo ${b.photo}`);
      assert.ok(b.box.x >= 0 && b.box.y >= 0 && b.box.x + b.box.w <= truth.page.width && b.box.y + b.box.h <= truth.page.height, `${name}: ${b.id} off the page`);
      if (b.kind === 'article')
        for (const p of b.parts) assert.ok(Math.abs(p.columns * p.columnWidth + (p.columns - 1) * p.gutter - p.box.w) < 0.01 || p.columns === 1, `${name}: ${b.id} columns do not tile`);
    }
    const kinds = new Set(truth.blocks.map((b) => b.kind));
    for (const k of ['page-header', 'headline-group', 'article', 'caption'] as const) assert.ok(kinds.has(k), `${name}: no ${k}`);
  }
});

test('the broadsheet has what a broadsheet page has', async () => {
  const { truth } = (await pages()).find((p) => p.name === 'broadsheet-daily')!;
  const count = (k: Block['kind']) => truth.blocks.filter((b) => b.kind === k).length;
  assert.ok(count('article') >= 5, 'five or more articles');
  assert.is(count('vertical-headline'), 1);
  assert.is(count('sidebar'), 1);
  assert.ok(count('subhead') >= 2);
  assert.is(truth.photos.length, 3);
  assert.ok(truth.blocks.some((b) => b.kind === 'headline-group' && b.mainLines.length === 2), 'a two-line main headline');
  assert.ok(truth.blocks.some((b) => b.kind === 'article' && b.bylineAlone), 'a byline on its own line');
  assert.ok(truth.rules.some((r) => r.x1 === r.x2) && truth.rules.some((r) => r.y1 === r.y2), 'vertical and horizontal rules');
  assert.ok(truth.panels.some((p) => p.of === 'a1-sidebar' && p.fill !== null && p.stroke !== null), 'a tinted, bordered sidebar');
  const widths = new Set(truth.blocks.filter((b): b is ArticleBlock => b.kind === 'article').map((a) => `${a.columns}×${a.columnWidth}`));
  assert.ok(widths.size >= 4, `articles with different column counts and widths: ${[...widths]}`);
  assert.is(truth.contentOrder, 'headlines-last');
});

test('the broadsheet’s content stream holds every body before any headline', async () => {
  const { name, pdf, truth } = (await pages()).find((p) => p.name === 'broadsheet-daily')!;
  const layout = await layoutOf(name, pdf);
  const orders = (kind: Block['kind']) => truth.blocks.filter((b) => b.kind === kind).flatMap((b) => regions(b, truth).boxes.flatMap((box) => layout.items.filter((it) => inBox(it, box)).map((it) => it.order)));
  const lastBody = Math.max(...orders('article'));
  assert.ok(Math.min(...orders('headline-group'), ...orders('vertical-headline')) > lastBody);
});

test('every page uses only the Noto faces it asked for, embedded as subsets (no fallback font)', async () => {
  for (const { name, pdf } of await pages()) {
    const fonts = await pdfFonts(pdf);
    for (const f of fonts) assert.ok(/^[A-Z]{6}\+NotoS(erif|ans)SC-/.test(f.name) && f.embedded && f.subset, `${name}: ${f.name}`);
    assert.ok(fonts.length >= 5, `${name}: ${fonts.length} faces`);
  }
});

test('the tabloid: an article goes on in a later column block, and short news stand under a bar', async () => {
  const { truth } = (await pages()).find((p) => p.name === 'tabloid-evening')!;
  const lead = truth.blocks.find((b): b is ArticleBlock => b.id === 'a1')!;
  assert.is(lead.parts.length, 3);
  // The third block lies below the articles that come after the lead in reading order.
  const a2 = truth.blocks.find((b) => b.id === 'a2')!;
  assert.ok(lead.parts[2].box.y > a2.box.y + a2.box.h);
  const briefs = truth.blocks.filter((b): b is ArticleBlock => b.kind === 'article' && Boolean(b.runIn));
  assert.ok(briefs.length >= 4, `${briefs.length} short news items`);
  assert.ok(truth.blocks.some((b) => b.kind === 'section-head' && b.text === '简讯'));
  assert.is(truth.engine.cjkLatinSpacing, false);
});

test('the prose has what news prose has: digits, dates, percentages, Latin words, quotes, dashes, ellipses', async () => {
  const text = (await pages()).map((p) => p.truth.blocks.map((b) => JSON.stringify(b)).join('')).join('');
  for (const [what, re] of [
    ['a date', /\d+月\d+日/],
    ['a percentage', /\d+\.\d%/],
    ['a Latin word', /APP|LED|PM2\.5|Wi-Fi|AI/],
    ['quotes', /“[^”]+”/],
    ['a dash', /——/],
    ['an ellipsis', /……/],
    ['、；：', /、[^]*；[^]*：|、[^]*：[^]*；/],
  ] as const)
    assert.ok(re.test(text), `no ${what}`);
});

test('a page is the same bytes when made again, and another seed makes another page', async () => {
  const cached = (await pages()).find((p) => p.name === 'a4-weekly')!;
  const again = await a4Page(cached.truth.seed);
  assert.ok(again.pdf.equals(cached.pdf), 'same seed, same bytes');
  const other = await a4Page(cached.truth.seed + 1);
  assert.not.equal(compact(JSON.stringify(other.truth.blocks)), compact(JSON.stringify(cached.truth.blocks)));
  // The other page passed the generator's own checks (columns full); its text is on it too.
  const layout = await pageLayout(other.pdf);
  const a1 = other.truth.blocks.find((b) => b.id === 'a1')!;
  assert.is(compact(textIn(layout, regions(a1, other.truth).boxes)), compact(regions(a1, other.truth).text.join('')));
});

test.run();
