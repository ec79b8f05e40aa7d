import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { breakOpportunities, mayNotEnd, mayNotStart, uax14 } from '../src/text/breaks.js';
import { setLines, texts } from './helpers/lines.js';

const HAN = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳';

test('opening brackets 〖 and ［ never end a line: they go down with what they open', () => {
  for (const open of ['〖', '［', '〔', '【', '《', '「']) {
    // Nine characters and the bracket fill a 10 em line exactly; the bracket must not stay at its end.
    const ls = setLines(HAN.slice(0, 9) + open + '注释' + close(open) + HAN.slice(0, 6), 10);
    for (const l of ls) assert.not.ok(l.text.endsWith(open), `${open} ends a line: ${texts(ls).join(' | ')}`);
  }
});

test('closing brackets 〗 ］, ‼ and the wave dash 〜 never begin a line', () => {
  for (const mark of ['〗', '］', '‼', '〜', '⁇', '！', '？', '〕']) {
    // Ten characters fill the line; the mark after them would begin the next.
    const ls = setLines(HAN.slice(0, 10) + mark + HAN.slice(10, 14), 10);
    for (const l of ls.slice(1)) assert.not.ok(l.text.startsWith(mark), `${mark} begins a line: ${texts(ls).join(' | ')}`);
  }
});

test('break classes come from UAX #14 with clreq tailoring: quotes have a direction, · and ～ stay off a line start', () => {
  for (const c of '〗］‼〜。，、；：？！”’）》%·～') assert.ok(mayNotStart(c), `${c} may not start a line`);
  for (const c of '〖［“‘（《') assert.ok(mayNotEnd(c), `${c} may not end a line`);
  for (const c of '甲a1“（《') assert.not.ok(mayNotStart(c), `${c} may start a line`);
  for (const c of '甲a1”）。') assert.not.ok(mayNotEnd(c), `${c} may end a line`);
  // Strict kinsoku keeps the ellipsis and the dash off a line start; basic does not.
  assert.ok(mayNotStart('…', true));
  assert.not.ok(mayNotStart('…'));
});

test('a URL breaks only where UAX #14 allows (after / and -), never inside a word', () => {
  const text = 'https://example.com/news-2020/item';
  const at = breakOpportunities(text);
  const starts = [...text].map((_, i) => i).filter((i) => at[i]);
  assert.ok(starts.length > 0, 'a URL has break opportunities');
  for (const i of starts) assert.ok(/[/-]/.test(text[i - 1]), `break after "${text.slice(0, i)}"`);
});

test('the fast path between plain CJK characters gives exactly what UAX #14 over the whole text gives', () => {
  const alphabet = [...'中国人民的是在了“”‘’（）《》【】〖〗［］。，、；：？！', ...'0123456789', ...'abcXYZ', ' ', '  ', '%', '％', '·', '…', '——', '—', '-', '/', '.', ',', '々', '〜', '‼', '℃', '😀', '\u00a0', '２０'];
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let k = 0; k < 2000; k++) {
    let text = '';
    const length = 1 + Math.floor(random() * 30);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
    assert.equal([...breakOpportunities(text)], [...uax14(text)], JSON.stringify(text));
  }
});

function close(open: string): string {
  return { '〖': '〗', '［': '］', '〔': '〕', '【': '】', '《': '》', '「': '」' }[open]!;
}

test('every CJK ideograph may begin and end a line, as UAX #14 itself says (the fast path in mayNotStart/mayNotEnd)', () => {
  const wrong: string[] = [];
  for (const [from, to] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff]])
    for (let cp = from; cp <= to; cp++) {
      const c = String.fromCodePoint(cp);
      if (uax14('中' + c)[1] === 0 || uax14(c + '中')[1] === 0) wrong.push(c);
      if (mayNotStart(c) || mayNotEnd(c)) wrong.push(c);
    }
  assert.equal(wrong, []);
});


test('a tab that begins a line takes no room: a byline set flush right in a measure just wide enough for it stays on one line', async () => {
  // Three characters after a tab in a 3 em measure (an original's right-aligned byline measured to its
  // own width). Mid-line, a tab keeps at least an em between the text and what it pushes to the end.
  const ls = setLines('\t甲乙丙', 3);
  assert.equal(texts(ls), ['\t甲乙丙']);
  const [line] = ls;
  assert.ok(Math.abs(line.x[3] + line.w[3] - 3 * 9) < 0.01, `the text ends at the measure: ${line.x[3] + line.w[3]}`);
  assert.equal(texts(setLines('甲\t乙丙', 4)), ['甲\t乙丙']);
  // The optimal breaker measures such a line the same way.
  const { optimalBreaks } = await import('../src/typeset/optimal.js');
  const items = setLines('\t甲乙丙', 3).flatMap((l) => l.items);
  assert.equal(optimalBreaks(items, 0, items.length, 3 * 9, 3 * 9), [items.length]);
  assert.is(setLines('甲\t乙丙', 3).length, 2);
});

test('a character stands in many places with one item until a place changes it: a change in one place shows in no other', async () => {
  const { itemize, sharedItems } = await import('../src/typeset/items.js');
  const { resolveStyles } = await import('../src/model/styles.js');
  const { fonts } = await import('./helpers/lines.js');
  const styles = resolveStyles({ body: { latinSpacing: 0.25, punctuation: 'full', quotes: 'full', adjacentMarks: 'compress', keepTogether: ['乙中'] } });
  const log = { missing: new Set<string>(), fallbacks: new Map<string, Set<string>>() };
  // One story's cache, as flow passes it: both paragraphs below share their characters' items.
  const places = sharedItems();
  const items = (text: string) => itemize([{ text, style: 'body' }], styles, fonts, log, styles.body, places);
  // 中 before a Latin word takes Han–Latin spacing; the other 中 take none. The ” before ， gives up
  // its blank; the ” before 中 keeps it. 乙中 is kept together: only that 中 may not start a line.
  const a = items('中A中“甲”，中”中乙中');
  const at = (c: string, n: number) => a.filter((i) => i.text === c)[n];
  assert.is(at('中', 0).glue, 0.25 * 9);
  assert.equal([1, 2, 3, 4].map((n) => at('中', n).glue), [0, 0, 0, 0]);
  assert.equal([0, 1].map((n) => at('”', n).width), [4.5, 9]);
  assert.equal([1, 2, 3, 4].map((n) => at('中', n).breakBefore), [true, true, true, false]);
  // A paragraph itemized after it starts from the shapes, not from the first one's changes.
  const b = items('中中”中');
  assert.equal(b.map((i) => [i.glue, i.width]), [[0, 9], [0, 9], [0, 9], [0, 9]]);
  // And the places nothing changed do share: one item for the unchanged 中 of both paragraphs.
  assert.ok(b[1] === b[3] && b[3] === at('中', 2), 'unchanged places share one item');
});

test('tracking stands after every character but the last, and costs no item per place', async () => {
  const { itemize, sharedItems } = await import('../src/typeset/items.js');
  const { resolveStyles } = await import('../src/model/styles.js');
  const { fonts } = await import('./helpers/lines.js');
  const styles = resolveStyles({ body: { tracking: 0.1, latinSpacing: 0.25, punctuation: 'full' } });
  const log = { missing: new Set<string>(), fallbacks: new Map<string, Set<string>>() };
  const places = sharedItems();
  const items = (text: string) => itemize([{ text, style: 'body' }], styles, fonts, log, styles.body, places);
  const a = items('中国，中国A中国');
  const tracking = 0.1 * 9;
  // Han–Latin spacing and tracking add up; the paragraph's last character has the shared shape's glue.
  assert.equal(a.map((i) => Math.round(i.glue * 1000) / 1000), [tracking, tracking, tracking, tracking, 0.25 * 9 + tracking, 0.25 * 9 + tracking, tracking, 0]);
  // 中 and 国 within a paragraph stand as one tracked item each, in both paragraphs.
  const b = items('甲中国中国');
  assert.ok(b[1] === a[3] && b[3] === a[3] && b[2] === a[1], 'tracked places share one item');
  assert.is(b[4].glue, 0, 'the last 国 has no tracking after it');
  assert.not.ok(b[4] === b[2], 'the last place is not the tracked one');
});

test.run();
