import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FontBook } from '../src/fonts/fontbook.js';
import { resolveStyles } from '../src/model/styles.js';
import { flowParagraphs } from '../src/typeset/flow.js';
import { GlyphStore } from '../src/typeset/glyphs.js';

const fonts = new FontBook();
const styles = resolveStyles({ body: { digits: 'half', latinSpacing: 0.25 } });
const text = '会议强调，今年是全面建成小康社会和“十三五”规划收官之年，更是开发区爬坡过坎、转型升级的关键一年，实现经济社会高质量发展，任务艰巨、意义重大。受新冠肺炎疫情影响，前5个月全区经济发展呈现止缓有效、稳中有进的特点。';
const paragraphs = [0, 1, 2].map((index) => ({ runs: [{ text, style: 'body' }], style: 'body', role: 'body' as const, block: 'a', index }));
const column = (x: number, lines: number) => ({ x, y: 0, width: 15 * 9, height: (lines - 1) * 14 + 9 });

test('a story flows through its columns in order; what does not fit comes back as overflow, nothing is lost', () => {
  const { lines, fills, overflow } = flowParagraphs(paragraphs, [column(0, 8), column(200, 8)], { region: 'r', styles, fonts, log: { missing: new Set(), fallbacks: new Map() }, glyphs: new GlyphStore() });
  assert.equal(fills.map((f) => [f.linesUsed, f.linesAvailable]), [[8, 8], [8, 8]]);
  assert.ok(lines.slice(0, 8).every((l) => l.column === 0) && lines.slice(8).every((l) => l.column === 1), 'first column first');
  assert.ok(overflow.length > 0, 'overflow reported');
  const set = lines.map((l) => l.text).join('') + overflow.map((o) => o.text).join('');
  assert.is(set.replace(/\s/g, ''), text.repeat(3), 'every character is either set or returned');
  // The last paragraph that started is split: its rest is in the overflow, with its block and index.
  assert.is(overflow[0].block, 'a');
});

test('the first line of a paragraph is indented 2 em; lines sit on the body line grid', () => {
  const { lines } = flowParagraphs(paragraphs.slice(0, 1), [column(0, 20)], { region: 'r', styles, fonts, log: { missing: new Set(), fallbacks: new Map() }, glyphs: new GlyphStore() });
  assert.is(lines[0].x, 18);
  assert.is(lines[1].x, 0);
  lines.forEach((l, k) => assert.ok(Math.abs(l.y - lines[0].y - 14 * k) < 1e-9, 'grid'));
});

test('text over by a line is made to fit as a compositor does it (挤行): the paragraph that can lose a line is set tight, nothing is lost, the report says so', async () => {
  const { typesetPage } = await import('../src/typeset/index.js');
  const full = resolveStyles({ body: { indent: 0, punctuation: 'full', pushIn: 'compress', leading: 14 } });
  // Ten em, two lines. A fills one line; B (12 em, 10.5 at its narrowest) takes two, half an em too
  // long for one: set tight, it closes up to one line and both paragraphs fit.
  const A = '子丑寅卯辰巳午未申酉';
  const B = '甲乙丙丁，戊己庚辛，壬。';
  const page = (lines: number) => {
    const box = { x: 0, y: 0, width: 10 * 9, height: (lines - 1) * 14 + 9 };
    const frame = { id: 't', kind: 'text' as const, region: { kind: 'text' as const, id: 't', content: { text: 'x' } }, box, columns: [box] };
    const para = (text: string, index: number) => ({ runs: [{ text, style: 'body' }], style: 'body', role: 'body' as const, block: 'b', index });
    return typesetPage([{ region: 't', continuedIn: [], blocks: [], paragraphs: [para(A, 0), para(B, 1)] }], [frame], full, fonts).stories[0];
  };
  const two = page(2);
  assert.equal(two.overflow, []);
  assert.equal(two.lines.map((l) => l.text), [A, B]);
  assert.ok(two.lines[1].used <= 10 * 9 + 0.01, `within its measure: ${two.lines[1].used}`);
  assert.equal(two.notes.filter((n) => n.kind === 'tight').map((n) => n.paragraph), [1]);
  // With room for B's two lines nothing is set tight; with one line, even tight B does not fit: nothing
  // is closed up for nothing, and the overflow stands.
  const three = page(3);
  assert.equal(three.lines.length, 3);
  assert.not.ok(three.notes.some((n) => n.kind === 'tight'));
  const one = page(1);
  assert.is(one.overflow.map((o) => o.text).join(''), B);
  assert.not.ok(one.notes.some((n) => n.kind === 'tight'));
  // Only the lines that save the line are closed up: with A run into B, A's full line stays as it was.
  const box = { x: 0, y: 0, width: 10 * 9, height: 14 + 9 };
  const frame = { id: 't', kind: 'text' as const, region: { kind: 'text' as const, id: 't', content: { text: 'x' } }, box, columns: [box] };
  const AB = typesetPage([{ region: 't', continuedIn: [], blocks: [], paragraphs: [{ runs: [{ text: A + B, style: 'body' }], style: 'body', role: 'body' as const, block: 'b', index: 0 }] }], [frame], full, fonts).stories[0];
  assert.equal(AB.lines.map((l) => l.text), [A, B]);
  assert.match(AB.notes.find((n) => n.kind === 'tight')?.detail ?? '', /from line 2/);
});

test.run();
