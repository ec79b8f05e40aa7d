// Ingest on generated variants of the sample page: other line lengths, no blank lines, CRLF, Latin
// words and long numbers, a single article, other bylines. Conservation must hold on every one, and
// the structure the sample's blocks had must come back.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkConservation, ingest, type Block, type Source } from '../src/ingest/index.js';
import { sampleSource, variant, type VariantOptions } from './helpers/variants.js';

const of = (s: Source, kind: Block['kind']) => s.blocks.filter((b) => b.kind === kind);
const noSpace = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');

function ingestChecked(options: VariantOptions): { text: string; source: Source } {
  const text = variant(options);
  const source = ingest(text);
  const report = checkConservation(text, source);
  assert.ok(report.ok, `${JSON.stringify(options)}: ${JSON.stringify(report).slice(0, 600)}`);
  return { text, source };
}

/** The blocks come back as the sample had them: same ids, kinds, paragraphs, bylines, pairings. */
function assertSameBlocks(got: Source, label: string, skip: string[] = []) {
  const want = sampleSource();
  assert.equal(got.blocks.map((b) => b.id).filter((id) => !skip.includes(id)), want.blocks.map((b) => b.id).filter((id) => !skip.includes(id)), label);
  for (const w of want.blocks) {
    if (skip.includes(w.id)) continue;
    const g = got.blocks.find((b) => b.id === w.id)!;
    assert.is(g.kind, w.kind, `${label} ${w.id}`);
    assert.equal(g.paragraphs, w.paragraphs, `${label} ${w.id}`);
    // A line may break at the space between two names, which extraction cannot keep.
    assert.is(noSpace(g.byline), noSpace(w.byline), `${label} ${w.id} byline`);
    assert.is(g.pairedWith?.article, w.pairedWith?.article, `${label} ${w.id} pairing`);
    assert.equal(g.within, w.within, `${label} ${w.id} place`);
  }
}

for (const em of [12, 20, 22]) {
  test(`the page re-wrapped at ${em} em: same blocks, line length ${em}`, () => {
    const { source } = ingestChecked({ em, sidebarEm: Math.min(11, em - 3) });
    assertSameBlocks(source, `${em} em`);
    for (const a of of(source, 'article')) assert.is(a.lineLength, em, a.id);
  });
}

test('no blank lines at all: same blocks, but the vertical columns run together', () => {
  const { text, source } = ingestChecked({ blankLines: false });
  assert.not.match(text, /\n\n/);
  assertSameBlocks(source, 'no blank lines', ['vertical-1']);
  const v = source.blocks.find((b) => b.id === 'vertical-1')!;
  // Without a blank line nothing separates the columns; the characters all stay.
  assert.is(v.paragraphs.join(''), sampleSource().blocks.find((b) => b.id === 'vertical-1')!.paragraphs.join(''));
});

test('CRLF line ends read the same as LF', () => {
  const { text, source } = ingestChecked({ eol: '\r\n' });
  assert.ok(text.includes('\r\n'));
  assert.equal(source.blocks, ingest(variant()).blocks);
  assertSameBlocks(source, 'CRLF');
});

const LATIN = '据World Health Organization（WHO）统计，全区5G基站达到1234567890123个，投资12,345,678.90元，GDP增长6.5%，';

for (const em of [15, 12]) {
  test(`Latin words and long numbers in the body survive wrapping at ${em} em`, () => {
    const paragraph = (p: string, article: string, i: number) => (article === 'article-2' && i === 1 ? p.replace('近年来，', `近年来，${LATIN}`) : p);
    const { source } = ingestChecked({ em, sidebarEm: 9, paragraph });
    const a = source.blocks.find((b) => b.id === 'article-2')!;
    assert.is(a.paragraphs.length, 4);
    assert.ok(a.paragraphs[1].startsWith(`近年来，${LATIN}在市委`), a.paragraphs[1].slice(0, 120));
    // The words broke across lines somewhere: the original lines show it.
    assert.ok(a.lines[1].some((l) => /^[A-Za-z0-9]/.test(l)), JSON.stringify(a.lines[1].slice(0, 8)));
  });
}

test('a text with a single article and its headline', () => {
  const { source } = ingestChecked({ only: ['article-2', 'headline-1'] });
  assert.equal(source.blocks.map((b) => `${b.id} ${b.kind}`), ['article-1 article', 'headline-1 headline-group']);
  const [a] = of(source, 'article');
  assert.equal(a.paragraphs, sampleSource().blocks.find((b) => b.id === 'article-2')!.paragraphs);
  assert.is(source.blocks[1].pairedWith?.article, 'article-1');
});

test('a headline above its article, with or without blank lines between its lines', () => {
  const article = variant({ only: ['article-3'] });
  for (const text of [`区纪工委\n\n开展微党课活动\n\n${article}`, `区纪工委\n开展微党课活动\n${article}`]) {
    const source = ingest(text);
    assert.ok(checkConservation(text, source).ok);
    assert.equal(source.blocks.map((b) => b.kind), ['headline-group', 'article']);
    assert.equal(source.blocks[0].headline, { kicker: '区纪工委', main: '开展微党课活动' });
    assert.is(source.blocks[0].pairedWith?.article, 'article-1');
  }
});

test('a single article without a byline is an article, not a sidebar', () => {
  const { source } = ingestChecked({ only: ['article-4'], bylines: { 'article-4': '' } });
  assert.equal(source.blocks.map((b) => b.kind), ['article']);
  assert.is(source.blocks[0].byline, undefined);
  assert.equal(source.blocks[0].paragraphs, sampleSource().blocks.find((b) => b.id === 'article-4')!.paragraphs);
});

test('bylines of other forms: names on lines of their own, correspondents only, agency dispatches', () => {
  const bylines = {
    'article-2': '本报记者 王金勇\n通讯员 尚丰军 黄磊\n',
    'article-3': '本报讯（通讯员 薛亮 曹军杰）',
    'article-4': '通讯员 颜超\n',
    'article-5': '新华社北京7月1日电（记者 边艺洲）',
    'article-6': '新华社北京7月1日电 ',
  };
  for (const em of [undefined, 20]) {
    const { source } = ingestChecked({ em, bylines });
    const articles = of(source, 'article');
    assert.is(articles.length, 6);
    assert.equal(articles.map((a) => a.byline).slice(1), ['本报记者 王金勇 通讯员 尚丰军 黄磊', '本报讯（通讯员 薛亮 曹军杰）', '通讯员 颜超', '新华社北京7月1日电（记者 边艺洲）', '新华社北京7月1日电']);
    assert.equal(articles.map((a) => !!a.bylineAlone), [false, true, false, true, false, false]);
    for (const a of articles) assert.equal(a.paragraphs, sampleSource().blocks.find((b) => b.id === a.id)!.paragraphs, `${a.id} at ${em ?? 'sample'} em`);
    assert.equal(of(source, 'headline-group').map((g) => g.pairedWith?.article), ['article-2', 'article-4', 'article-3', 'article-5']);
  }
});

test('a line that starts with 记者 in the body does not start an article', () => {
  const paragraph = (p: string, article: string, i: number) => (article === 'article-3' && i === 1 ? `记者从区纪工委获悉，${p}` : p);
  const { source } = ingestChecked({ em: 14, paragraph });
  assert.is(of(source, 'article').length, 6);
  assert.ok(source.blocks.find((b) => b.id === 'article-3')!.paragraphs[1].startsWith('记者从区纪工委获悉，活动中'));
});

test.run();
