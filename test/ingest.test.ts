// Ingest on the sample page: the facts of issue 3's "Done when", conservation, fake-bold, corrections.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkConservation, ingest, type Block, type Source } from '../src/ingest/index.js';
import { sampleSource, sampleText, wrap } from './helpers/variants.js';

const of = (s: Source, kind: Block['kind']) => s.blocks.filter((b) => b.kind === kind);
const compact = (s: string) => s.replace(/\s+/g, '');

test('the sample has 6 articles with 32 paragraphs in all, each with its byline split out', () => {
  const articles = of(sampleSource(), 'article');
  assert.is(articles.length, 6);
  assert.is(articles.reduce((n, a) => n + a.paragraphs.length, 0), 32);
  assert.equal(articles.map((a) => a.lineLength), [17, 15, 15, 15, 14, 24]);
  assert.is(articles[0].byline, '本报讯（记者 王金勇 通讯员 安玲玲 冯曼）');
  for (const a of articles) {
    assert.match(a.byline ?? '', /^本报讯（记者 王金勇 通讯员 [^）]+）$/u, a.id);
    assert.not.match(a.paragraphs[0], /本报讯|记者|通讯员/u, `${a.id}: byline left in the text`);
  }
  assert.equal(articles.map((a) => a.paragraphs[0].slice(0, 6)), ['6月30日，', '7月1日上午', '“越是脱贫工', '“区里领导来', '7月1日，幸', '近段时间以来']);
});

test('the articles come in reading order: the order of their text in the input', () => {
  const input = compact(sampleText());
  const at = of(sampleSource(), 'article').map((a) => input.indexOf(compact(a.paragraphs.at(-1)!).slice(0, 12)));
  assert.ok(at.every((p) => p >= 0), `${at}`);
  assert.equal(at, [...at].sort((x, y) => x - y));
  assert.equal(of(sampleSource(), 'article').map((a) => a.id), ['article-1', 'article-2', 'article-3', 'article-4', 'article-5', 'article-6']);
});

test('2 subheads, fake-bold collapsed, placed before the paragraphs they head', () => {
  const s = sampleSource();
  const subheads = of(s, 'subhead');
  assert.equal(subheads.map((h) => h.paragraphs[0]), ['2019年及2020年上半年工作总结', '2020年下半年重点工作']);
  const lead = s.blocks.find((b) => b.id === subheads[0].within!.article)!;
  assert.is(lead.id, 'article-1');
  assert.ok(lead.paragraphs[subheads[0].within!.beforeParagraph].startsWith('会议指出'));
  assert.ok(lead.paragraphs[subheads[1].within!.beforeParagraph].startsWith('一是切实加强'));
  assert.equal(s.collapses, [
    { line: 25, from: '22001199', to: '2019' },
    { line: 25, from: '22002200', to: '2020' },
    { line: 91, from: '22002200', to: '2020' },
  ]);
});

test('the vertical headline keeps its two columns apart, with its subtitle', () => {
  const [v, ...more] = of(sampleSource(), 'vertical-headline');
  assert.is(more.length, 0);
  assert.equal(v.columns, ['凝心聚力谋发展', '砥砺前行谱新篇']);
  assert.is(v.subtitle, '开发区召开二○一九年度总结暨二○二○年下半年工作动员大会');
});

/** The article sharing the longest run of characters with a text (independent of pair.ts's bigram scores). */
function longestShared(text: string, articles: Block[]): { id: string; length: number; tie: boolean } {
  const scored = articles.map((a) => {
    const body = a.paragraphs.join('');
    let best = 0;
    for (let i = 0; i < text.length; i++) for (let j = i + best + 1; j <= text.length && body.includes(text.slice(i, j)); j++) best = j - i;
    return { id: a.id, length: best };
  });
  scored.sort((x, y) => y.length - x.length);
  return { ...scored[0], tie: scored[1]?.length === scored[0].length };
}

test('4 headline groups (kicker + main), each paired with the article that shares its wording', () => {
  const s = sampleSource();
  const groups = of(s, 'headline-group');
  assert.is(groups.length, 4);
  for (const g of groups) {
    assert.ok(g.headline?.kicker && g.headline.main, `${g.id}: ${JSON.stringify(g.headline)}`);
    const want = longestShared(g.paragraphs.join(''), of(s, 'article'));
    assert.ok(want.length >= 3 && !want.tie, `${g.id}: no clear article shares its wording`);
    assert.is(g.pairedWith?.article, want.id, `${g.paragraphs.join('/')}`);
    assert.ok(g.pairedWith!.score > 0);
  }
  // The pairing covers four different articles; the lead article has its own (vertical) headline.
  assert.is(new Set(groups.map((g) => g.pairedWith!.article)).size, 4);
  const kaigong = groups.find((g) => g.paragraphs.join('').includes('集中开工'))!;
  assert.ok(s.blocks.find((b) => b.id === kaigong.pairedWith!.article)!.paragraphs[0].includes('集中开工'));
});

test('the sidebar, 3 captions with credits and arrows, the slogan, and no unknown block', () => {
  const s = sampleSource();
  const [sidebar, ...moreSidebars] = of(s, 'sidebar');
  assert.is(moreSidebars.length, 0);
  assert.ok(sidebar.paragraphs[0].startsWith('今年预期目标：全区生产总值'));
  assert.is(sidebar.lineLength, 11);
  const captions = of(s, 'caption');
  assert.equal(captions.map((c) => c.credit), ['本报记者 王金勇 通讯员 刘涛 摄', '刘涛 边艺洲 摄', '本报记者 王金勇 通讯员 刘涛 摄']);
  assert.equal(captions.map((c) => c.arrow), ['→', undefined, '↑']);
  assert.equal(captions.map((c) => c.paragraphs[0].slice(0, 5)), ['濮阳市益康', '图为大会现', '今年以来，']);
  for (const c of captions) assert.not.match(c.paragraphs.join(''), /摄$/u);
  assert.equal(of(s, 'slogan').map((b) => b.paragraphs[0]), ['■培育和践行社会主义核心价值观']);
  assert.equal(of(s, 'unknown'), []);
});

test('conservation on the sample: every character in one block or dropped with a reason', () => {
  const s = sampleSource();
  const report = checkConservation(sampleText(), s);
  assert.ok(report.ok, JSON.stringify(report).slice(0, 500));
  assert.equal(
    s.dropped.filter((d) => d.reason === 'replacement-character').map((d) => [d.line, d.column]),
    [
      [91, 1],
      [91, 2],
    ],
  );
  // Every collapsed token gave up half its characters, each one listed.
  assert.is(s.dropped.filter((d) => d.reason === 'fake-bold-duplicate').length, s.collapses.reduce((n, c) => n + c.from.length - c.to.length, 0));
});

test('the checker catches a lost, an invented and a doubled character', () => {
  const text = sampleText();
  const lose = structuredClone(sampleSource());
  lose.blocks[0].paragraphs[1] = lose.blocks[0].paragraphs[1].slice(1);
  lose.blocks[0].lines[1][0] = lose.blocks[0].lines[1][0].slice(1);
  const lost = checkConservation(text, lose);
  assert.not.ok(lost.ok);
  assert.equal(lost.missing.map((m) => m.char), ['会']);
  const invent = structuredClone(sampleSource());
  invent.blocks.at(-1)!.paragraphs[0] += '字';
  const invented = checkConservation(text, invent);
  assert.equal(invented.extra.map((e) => [e.char, e.count]), [['字', 1]]);
  assert.ok(invented.inconsistent.some((p) => p.startsWith('slogan-1')), 'lines and paragraphs disagree');
  const twice = structuredClone(sampleSource());
  twice.blocks.push({ ...twice.blocks.at(-1)!, id: 'slogan-2' });
  assert.ok(checkConservation(text, twice).extra.length > 0);
  const unlisted = structuredClone(sampleSource());
  unlisted.dropped = unlisted.dropped.filter((d) => d.reason !== 'replacement-character');
  assert.equal(checkConservation(text, unlisted).missing.map((m) => [m.char, m.line]), [
    ['\uFFFD', 91],
    ['\uFFFD', 91],
  ]);
});

test('archive corrections (○ → 〇 inside numbers) are off by default, listed when on, and conserve', () => {
  const text = sampleText();
  const plain = sampleSource();
  assert.equal(plain.corrections, []);
  assert.ok(of(plain, 'vertical-headline')[0].subtitle!.includes('二○一九'));
  const corrected = ingest(text, { corrections: true });
  const v = of(corrected, 'vertical-headline')[0];
  assert.is(v.subtitle, '开发区召开二〇一九年度总结暨二〇二〇年下半年工作动员大会');
  assert.equal(corrected.corrections.map((c) => [c.line, c.from, c.to]), [
    [197, '○', '〇'],
    [206, '○', '〇'],
    [208, '○', '〇'],
  ]);
  assert.ok(checkConservation(text, corrected).ok);
  // ○ that is not part of a number stays.
  const other = ingest('本报讯（记者 张三）会上，○号选手获奖，二○二○年。\n', { corrections: true });
  assert.is(of(other, 'article')[0].paragraphs[0], '会上，○号选手获奖，二〇二〇年。');
});

/** An article at 15 em whose body holds 2200 and 1100 in every position a line can take. */
function bodyWithDoubledNumbers(): { text: string; subheadLine: number } {
  const more = '区里多次召开专题会议研究部署相关工作，确保各项任务按时保质完成。';
  const first = wrap(`本报讯（记者 张三）全区今年新增就业2200人，培训1100人次，完成全年目标任务的一半以上。${more}`, 15);
  // A paragraph that starts with the numbers, cut after its first line by a frame break.
  const second = wrap(`2200户和1100户居民领到了新的房产证，确保群众的合法权益得到切实保障。${more}`, 15);
  const third = wrap(`下半年，全区计划再安置居民1100户，${more}`, 15);
  // A short last line that holds only a number.
  const fourth = wrap(`今年已分两批为群众办理不动产登记，${more}两批分别为2200件和`, 15).concat(['1100件。']);
  const lines = [...first, '', '22002200年下半年重点工作', '', second[0], '', ...second.slice(1), ...third, ...fourth];
  return { text: lines.join('\n') + '\n', subheadLine: first.length + 2 };
}

test('fake-bold is collapsed on a subhead and never in body text', () => {
  const { text, subheadLine } = bodyWithDoubledNumbers();
  const s = ingest(text);
  assert.equal(s.collapses, [{ line: subheadLine, from: '22002200', to: '2020' }]);
  assert.equal(of(s, 'subhead').map((h) => h.paragraphs[0]), ['2020年下半年重点工作']);
  const body = of(s, 'article')[0].paragraphs.join('');
  assert.is(body.match(/2200/g)?.length, 3, body);
  assert.is(body.match(/1100/g)?.length, 4, body);
  assert.ok(body.endsWith('2200件和1100件。'));
  assert.ok(checkConservation(text, s).ok);
});

test.run();
