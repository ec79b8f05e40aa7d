// Styles read from the text: how a block was set (ingest/setting.ts) becomes the default for every
// style field the layout does not write; lineLength and a region's width give the tracking.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inferSetting, ingest, resolveLayout, setPage } from '../src/index.js';
import { resolveStyles } from '../src/model/styles.js';
import { settingFields, settle, trackingFor } from '../src/typeset/setting.js';

const H = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇始制文字乃服衣裳推位让国有虞陶唐吊民伐罪周发殷汤坐朝问道垂拱平章爱育黎首臣伏戎羌遐迩一体率宾归王';
/** Lines of a 16-slot measure, each with `marks` commas among its characters; a compressed setting fits 16 em of characters and half-em marks. */
function lines(count: number, full: boolean): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const marks = 1 + (i % 3);
    const chars = full ? 16 - marks : 16 - marks / 2;
    const n = Math.floor(chars);
    const text = [...H.slice(at, at + n)];
    at = (at + n) % 100;
    for (let m = 0; m < marks; m++) text.splice(3 + m * 4, 0, '，');
    out.push(text.join(''));
  }
  return out;
}
const evidence = (ls: string[]) => ls.map((text, i) => ({ text, first: i === 0, last: i === ls.length - 1 }));

test('from line widths alone (lines with no gaps, as a PDF gives them): marks full or compressed, and the measure', () => {
  const full = inferSetting(evidence(lines(12, true)));
  assert.is(full.punctuation, 'full');
  assert.is(full.lineLength, 16);
  const compressed = inferSetting(evidence(lines(12, false).filter((_, i) => i % 3 !== 0)));
  assert.is(compressed.punctuation, 'compressed');
  assert.is(compressed.lineLength, 16);
});

test('with the measure known (a PDF column), widths against it decide: lines a whole em would split', () => {
  // Compressed marks in a 16.6 em column: 16 characters and a mark (16.5 em), 16 characters, 15 and two marks.
  let at = 0;
  const han = (n: number) => Array.from({ length: n }, () => H[at++ % 100]).join('');
  const body = [...Array.from({ length: 6 }, () => `${han(8)}，${han(8)}`), ...Array.from({ length: 4 }, () => han(16)), ...Array.from({ length: 3 }, () => `${han(5)}，${han(5)}、${han(5)}`)];
  const ls = [han(14), ...body, `${han(4)}。`];
  assert.is(inferSetting(evidence(ls)).punctuation, 'full', 'whole-em measures alone are misled here');
  const s = inferSetting(evidence(ls), 16.6);
  assert.is(s.punctuation, 'compressed');
  assert.is(s.lineLength, 16.6);
});

test('from the gaps after marks and around numbers: a gap after every mark is a full-width setting', () => {
  const body = (gap: (k: number) => string) =>
    [`本报讯${gap(1)}（记者 张三）${gap(1)}` + H.slice(0, 10), ...Array.from({ length: 10 }, (_, i) => `${H.slice(i * 5, i * 5 + 6)}，${gap(i)}${H.slice(i * 5 + 6, i * 5 + 10)} 20${10 + i} 年${H.slice(i, i + 3)}`), `${H.slice(60, 64)}。`].join('\n');
  const full = ingest(body(() => ' ')).blocks.find((b) => b.kind === 'article')!;
  assert.is(full.setting?.punctuation, 'full');
  assert.is(full.setting?.latinSpacing, 0.25, 'gaps around every number');
  assert.is(full.setting?.digits, 'half');
  const compressed = ingest(body((i) => (i % 4 === 0 ? ' ' : ''))).blocks.find((b) => b.kind === 'article')!;
  assert.is(compressed.setting?.punctuation, 'compressed');
});

test('a style field written in the layout wins over what the text shows; unwritten ones follow the text', () => {
  const styles = resolveStyles({ body: { punctuation: 'compressed' } });
  const fields = settingFields({ punctuation: 'full', quotes: 'full', digits: 'half', latinSpacing: 0.25 });
  const s = settle(styles.body, fields);
  assert.is(s.punctuation, 'compressed', 'written');
  assert.is(s.adjacentMarks, styles.body.adjacentMarks, 'implied by the punctuation the layout wrote');
  assert.is(s.quotes, 'full');
  assert.is(s.digits, 'half');
  assert.is(s.latinSpacing, 0.25);
  const free = settle(resolveStyles({}).body, fields);
  assert.equal([free.punctuation, free.adjacentMarks, free.pushIn], ['full', 'keep', 'line-end']);
});

test('tracking follows from the column width and the characters per line', () => {
  // 19 characters in a 189 pt column at 9 pt: 2 em over 18 gaps.
  assert.ok(Math.abs(trackingFor(189, 19, 9, true) - 2 / 18) < 1e-9);
  assert.is(trackingFor(171, 19, 9, true), 0);
  // Read from the text only: a column a character or more wider is another layout, not tracking.
  assert.ok(trackingFor(178, 19, 9, false) > 0);
  assert.is(trackingFor(200, 19, 9, false), 0);
  // A column a hair wider than the lines (measured by its glyphs' boxes) is justified into, not tracked;
  // one a hair narrower (rounded) closes the characters up so that its lines still fit.
  assert.is(trackingFor(19 * 9 + 2, 19, 9, false), 0);
  assert.ok(trackingFor(19 * 9 - 0.01, 19, 9, false) < 0);
});

test('lineLength with a region width: the columns keep the width and the lines are tracked to fill it', async () => {
  // An original with 19 characters a line in a 189 pt column at 9 pt (issue 12).
  const text = ['本报讯（记者 张三）' + H.slice(0, 7), ...Array.from({ length: 6 }, (_, i) => H.slice(10 + i * 19, 29 + i * 19)), `${H.slice(0, 6)}。`].join('\n') + '\n';
  const layout = resolveLayout(
    {
      page: { size: 'custom', width: '100mm', height: '80mm', margins: '5mm' },
      regions: [{ kind: 'article', id: 'a', x: 0, y: 0, width: '189pt', height: '60mm', lineLength: 19, headline: false, content: { block: 'article-1' } }],
    },
    '/virtual/tracking.json',
  );
  const { set, frames, report } = await setPage(layout, { text });
  assert.ok(Math.abs(frames[0].columns[0].width - 189) < 1e-6, `column ${frames[0].columns[0].width} pt`);
  const lines = set.stories[0].lines.filter((l) => l.role === 'body');
  assert.equal(lines.slice(1, -1).map((l) => l.text), text.split('\n').slice(1, -2));
  const l = lines[1];
  const pitch = (l.glyphs.at(-1)!.x - l.glyphs.at(0)!.x) / (l.glyphs.length - 1);
  assert.ok(Math.abs(pitch - 10) < 1e-6, `character pitch ${pitch} pt (9 pt + 1 pt of tracking)`);
  assert.is(report.overflowChars, 0);
  assert.equal(report.reflowed, []);
});

test.run();
