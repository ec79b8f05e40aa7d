// Paragraphs, bylines, vertical headlines and headline lines as extraction gives them (issue 12's bugs),
// each built from a case like the one reported, not from the sample's text.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkConservation, ingest, type Block } from '../src/ingest/index.js';

// Han characters to build lines from (the Thousand Character Classic: no words the rules look for).
const H = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇始制文字乃服衣裳推位让国有虞陶唐吊民伐罪周发殷汤坐朝问道垂拱平章爱育黎首臣伏戎羌遐迩一体率宾归王';
let at = 0;
/** The next n characters of H (a fresh run each time). */
const han = (n: number) => {
  const s = H.slice(at, at + n);
  at += n;
  if (s.length < n) throw new Error('H is too short');
  return s;
};
/** A full line of a 16 em column: 15 characters and a compressed comma. */
const full = () => `${han(7)}，${han(8)}`;
/** An article's first line: a run-in byline and the indented start of the text. */
const first = () => `本报讯（记者 张三）${han(3)}，${han(4)}`;
const article = (text: string): Block => {
  const s = ingest(text);
  assert.ok(checkConservation(text, s).ok, 'conservation');
  return s.blocks.find((b) => b.kind === 'article')!;
};

test('a full line ending in 。 whose marks show no gap does not end the paragraph', () => {
  at = 0;
  // A 16 em column with compressed marks and no gaps after them, as a PDF's text layer gives it: the
  // third line holds 13 characters and 4 marks, full once its marks are widened to justify it.
  const lines = [first(), full(), `${han(3)}，${han(3)}，${han(3)}，${han(4)}。`, full(), `${han(7)}。`, `${han(6)}，${han(7)}`, full(), `${han(5)}。`];
  const a = article(lines.join('\n'));
  assert.is(a.paragraphs.length, 2, a.paragraphs.join('\n'));
  assert.is(a.lines[0].length, 5);
});

test('a line holding only an overhanging 。 joins the line before: no line, and no paragraph, of its own', () => {
  at = 0;
  const lines = [first(), full(), full(), '。', `${han(6)}，${han(7)}`, full(), `${han(5)}。`];
  const a = article(lines.join('\n'));
  assert.is(a.paragraphs.length, 2, a.paragraphs.join('\n'));
  for (const p of a.lines) for (const l of p) assert.not.match(l, /^[。，、]/u, `a line starts with a mark: ${l}`);
  assert.ok(a.lines[0][2].endsWith('。'), a.lines[0].join(' | '));
});

test('a line starting with ， never starts a paragraph: the mark hung from the line before', () => {
  at = 0;
  // The fourth line ends in a closing quote (as a sentence may) and, with its quotes counted half,
  // looks one em short; the comma after it hung past the measure and came out on the next line.
  const lines = [first(), full(), full(), `${han(12)}“${han(2)}”`, `，${han(6)}，${han(8)}`, `${han(6)}。`, `${han(6)}，${han(7)}`, `${han(4)}。`];
  const a = article(lines.join('\n'));
  assert.is(a.paragraphs.length, 2, a.paragraphs.join('\n'));
  assert.ok(a.paragraphs.every((p) => !p.startsWith('，')));
  assert.ok(a.lines[0][3].endsWith('”，'), a.lines[0][3]);
});

test('a byline gets no spaces the input does not show (each would cost half an em on its line)', () => {
  at = 0;
  const a = article(`本报讯（记者徐昕联通讯员王小明）${han(6)}\n${full()}\n${full()}\n${han(5)}。\n`);
  assert.is(a.byline, '本报讯（记者徐昕联通讯员王小明）');
  // Where the paper does separate them, a line that broke between a title and a name gets its space back.
  at = 0;
  const b = article(`本报讯（记者 徐昕联 通讯员\n王小明）${han(4)}，${han(7)}\n${full()}\n${han(5)}。\n`);
  assert.is(b.byline, '本报讯（记者 徐昕联 通讯员 王小明）');
});

test('a vertical headline column ending in a Chinese numeral is split at the blank line; a year set as a group is not', () => {
  const body = `\n本报讯（记者 张三）${H.slice(0, 10)}\n${H.slice(10, 26)}\n${H.slice(26, 31)}。\n`;
  const vertical = (cols: string[][]) => ingest(cols.map((c) => c.join('\n')).join('\n\n') + '\n' + body).blocks.find((b) => b.kind === 'vertical-headline')!;
  const v = vertical([[...'初心如一'], [...'奋斗不止']]);
  assert.equal(v.columns, ['初心如一', '奋斗不止']);
  const y = vertical([[...'奋进二○'], ['二', '一', '年', '新', '征', '程']]);
  assert.equal(y.columns, ['奋进二○二一年新征程']);
});

test('two headlines of different articles on one extracted line are two headline groups, each with its article', () => {
  const text = [
    '本报讯（记者 张三）区水利局近日召开专题会议，推进城乡供水一体化工程',
    '建设，确保农村群众喝上放心水。水利局要求加快管网建设进度。',
    '',
    '本报讯（记者 李四）区纪工委开展微党课活动，纪检监察干部结合岗位',
    '实际讲授微党课，交流脱贫攻坚监督工作体会。纪工委要求持续用力。',
    '',
    '区水利局推进城乡供水一体化      区纪工委开展微党课活动',
    '',
  ].join('\n');
  const s = ingest(text);
  const groups = s.blocks.filter((b) => b.kind === 'headline-group');
  assert.equal(
    groups.map((g) => [g.headline?.main, g.pairedWith?.article]),
    [
      ['区水利局推进城乡供水一体化', 'article-1'],
      ['区纪工委开展微党课活动', 'article-2'],
    ],
  );
  assert.ok(checkConservation(text, s).ok);
  // A space inside one headline keeps it whole.
  const one = ingest(text.replace('区水利局推进城乡供水一体化      区纪工委开展微党课活动', '区水利局 推进城乡供水一体化')).blocks.filter((b) => b.kind === 'headline-group');
  assert.is(one.length, 1);
});

test.run();
