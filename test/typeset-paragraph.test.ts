import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { StoryParagraph } from '../src/assign/index.js';
import { FontBook } from '../src/fonts/fontbook.js';
import { resolveStyles } from '../src/model/styles.js';
import type { StyleInput } from '../src/model/schema.js';
import { flowParagraphs, type BreakMode } from '../src/typeset/flow.js';
import { GlyphStore } from '../src/typeset/glyphs.js';

const fonts = new FontBook();
const EM = 9;
const column = (widthEm: number, lines = 40) => ({ x: 0, y: 0, width: widthEm * EM, height: (lines - 1) * 14 + EM });

// A paragraph as a typesetter broke it at 10 em with the first line indented 2 em: its second line
// ends a character early (the typesetter pushed 丁 down), which this breaker would not do.
const ORIGINAL = ['春风又绿江南岸明', '月何时照我还甲乙丙', '丁戊己庚辛壬癸子丑寅', '卯辰巳午未申酉戌亥子', '丑。'];
const TEXT = ORIGINAL.join('');

function flow(original: string[] | undefined, text: string, widthEm: number, breaks?: BreakMode, style: StyleInput = {}) {
  const styles = resolveStyles({ body: { ...style } });
  const para: StoryParagraph = { runs: [{ text, style: 'body' }], style: 'body', role: 'body', block: 'b', index: 0, original };
  return flowParagraphs([para], [column(widthEm)], { region: 'r', styles, fonts, log: { missing: new Set(), fallbacks: new Map() }, glyphs: new GlyphStore(), ...(breaks && { breaks }) });
}
const texts = (r: ReturnType<typeof flow>) => r.lines.map((l) => l.text);

test("breaks 'original': each original line is one line, justified to the measure, the last flush start", () => {
  const r = flow(ORIGINAL, TEXT, 10, 'original');
  assert.equal(texts(r), ORIGINAL);
  for (const l of r.lines.slice(0, -1)) assert.ok(Math.abs(l.x + l.used - 10 * EM) < 0.01, `"${l.text}" reaches the right edge`);
  assert.is(r.lines[0].x, 2 * EM, 'first line indented');
  assert.ok(r.lines.at(-1)!.used < 3 * EM, 'last line at its natural width');
});

test("breaks 'reflow' breaks anew; 'auto' (the default) keeps the original lines the measure holds", () => {
  const reflow = texts(flow(ORIGINAL, TEXT, 10, 'reflow'));
  assert.not.equal(reflow, ORIGINAL, 'this breaker would not push 丁 down');
  assert.is(reflow[1], '月何时照我还甲乙丙丁');
  const auto = flow(ORIGINAL, TEXT, 10);
  assert.equal(texts(auto), ORIGINAL);
  assert.equal(auto.notes, []);
});

test("'auto' reflows a paragraph whose text was corrected, and one in a measure of another size, and says so", () => {
  const corrected = flow(ORIGINAL, TEXT.replace('江南', '江北'), 10);
  assert.equal(corrected.notes.map((n) => n.kind), ['reflowed']);
  assert.match(corrected.notes[0].detail, /differs/);
  const narrow = flow(ORIGINAL, TEXT, 8);
  assert.equal(narrow.notes.map((n) => n.kind), ['reflowed']);
  assert.ok(narrow.lines.every((l) => l.used <= 8 * EM + 0.01));
  // Two em wider: every line could take more, so the original lines are not this measure's.
  const wide = flow(ORIGINAL, TEXT, 12);
  assert.equal(wide.notes.map((n) => n.kind), ['reflowed']);
  assert.is(wide.lines[1].text.length, 12);
});

test('a first line the original did not indent (it fills the measure) is not indented', () => {
  const lines = ['甲乙丙丁戊己庚辛壬癸', '子丑寅卯辰巳午未申酉', '戌亥。'];
  for (const mode of ['original', 'auto'] as const) {
    const r = flow(lines, lines.join(''), 10, mode);
    assert.equal(texts(r), lines, mode);
    assert.is(r.lines[0].x, 0, `${mode}: not indented`);
  }
});

test('original lines need not come from the text file: a line is its characters, whatever the spaces; a word the original broke is split there', () => {
  // As a PDF's line boxes would give them: no positioning spaces, a Latin word broken across lines.
  const lines = ['他在Inter', 'national会议上发言说明', '了情况。'];
  const text = '他在International会议上发言说明了情况。';
  const r = flow(lines, text, 10, 'original', { indent: 0 });
  assert.equal(texts(r), lines);
  const set = r.lines.map((l) => l.text).join('');
  assert.is(set, text, 'nothing lost or added');
});

test('every mode keeps every character: set lines plus overflow hold the whole text', () => {
  for (const mode of ['original', 'auto', 'reflow'] as const) {
    for (const width of [6, 10, 14]) {
      const r = flow(ORIGINAL, TEXT, width, mode);
      const set = r.lines.map((l) => l.text).join('') + r.overflow.map((o) => o.text).join('');
      assert.is(set.replace(/\s/g, ''), TEXT, `${mode} at ${width} em`);
    }
  }
});

test("'original' condenses a line longer than the measure rather than draw past it, and says so", () => {
  const r = flow(ORIGINAL, TEXT, 7, 'original');
  assert.equal(texts(r), ORIGINAL);
  for (const l of r.lines) assert.ok(l.x + l.used <= 7 * EM + 0.01, `"${l.text}" stays in its column`);
  assert.ok(r.notes.some((n) => n.kind === 'condensed'));
});

test('a byline that stood on a line of its own in the original keeps that line in every mode', () => {
  const styles = resolveStyles({});
  const byline = '本报讯（记者 张三）';
  const body = '春风又绿江南岸明月何时照我还甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥。';
  const original = ['本报讯（记者张三）', '春风又绿江南岸明月何时照我还甲乙丙', '丁戊己庚辛壬癸子丑寅卯辰巳午未申酉', '戌亥。'];
  const para: StoryParagraph = { runs: [{ text: byline, style: 'byline' }, { text: body, style: 'body' }], style: 'body', role: 'body', block: 'b', index: 0, original };
  for (const breaks of ['reflow', 'auto', 'original'] as const)
    for (const width of [17, 20]) {
      const r = flowParagraphs([para], [column(width)], { region: 'r', styles, fonts, log: { missing: new Set(), fallbacks: new Map() }, glyphs: new GlyphStore(), breaks });
      assert.is(r.lines[0].text.replace(/\s/g, ''), '本报讯（记者张三）', `${breaks} at ${width} em: ${r.lines.map((l) => l.text).join(' | ')}`);
      assert.ok(r.lines[0].used < r.lines[0].width - 9, 'set flush, not spread over the line');
    }
});

test.run();
