import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setLines, texts, EM } from './helpers/lines.js';
import { minWidthAtEnd } from '../src/typeset/items.js';

const close = (a: number, b: number, msg: string) => assert.ok(Math.abs(a - b) < 1e-6, `${msg}: ${a} ≠ ${b}`);

test('a line that would start with 。 is fixed by compressing punctuation when it can be (先挤进)', () => {
  // Full-width marks: 3 + 1 + 6 = 10 em fills the line; 。 would start the next one. Compressing ， and 。 to ½ em holds it.
  const ls = setLines('一二三，四五六七八九。十一', 10, { punctuation: 'full' });
  assert.equal(texts(ls), ['一二三，四五六七八九。', '十一']);
  close(ls[0].used, 10 * EM, 'the pushed-in line is exactly the frame width');
  assert.ok(ls[0].w[3] < EM, '， was compressed');
});

test('… and by pushing a character down when compression cannot make room (后推出)', () => {
  // Ten Han characters fill the line: there is nothing to compress, so 十 goes down with its 。.
  assert.equal(texts(setLines('一二三四五六七八九十。十一', 10)), ['一二三四五六七八九', '十。十一']);
  // With pushIn 'line-end', marks inside the line keep their em: only the line-end mark may be halved, which is not enough here.
  assert.equal(texts(setLines('一二三，四五六七八九。十一', 10, { punctuation: 'full', pushIn: 'line-end' })), ['一二三，四五六七八', '九。十一']);
});

test('a pushed-in line never exceeds the frame: Han–Latin spacing shrinks, the line-end mark is halved', () => {
  const ls = setLines('一二三四五六七八九。十', 9.5, { punctuation: 'full', pushIn: 'line-end' });
  assert.equal(texts(ls), ['一二三四五六七八九。', '十']);
  close(ls[0].used, 9.5 * EM, 'line width');
  close(ls[0].w[9], EM / 2, 'line-end 。 halved');
  // 资 + ¼ em + 95.7 + ¼ em + 亿…: the spacing goes before a character is pushed down.
  const [l] = setLines('资95.7亿元抓住两新一重建设机遇，补短板', 15.5, { digits: 'half', latinSpacing: 0.25 });
  assert.is(l.text, '资95.7亿元抓住两新一重建设机遇，');
  close(l.used, 15.5 * EM, 'exactly the frame'); assert.ok(l.used <= 15.5 * EM + 1e-6, `used ${l.used / EM} em`);
});

test('—— and …… are 2 em and never split', () => {
  for (const dash of ['——', '……']) {
    for (let k = 6; k <= 10; k++) {
      const text = '一二三四五六七八九十'.slice(0, k) + dash + '甲乙丙丁戊己庚辛';
      const ls = setLines(text, 10);
      assert.ok(ls.some((l) => l.text.includes(dash)), `${dash} split: ${texts(ls).join(' | ')}`);
      const item = ls.flatMap((l) => l.items).find((i) => i.text === dash)!;
      close(item.width, 2 * EM, `${dash} width`);
    }
  }
  // Strict kinsoku: —— may not begin a line either, so the character before it comes down too.
  assert.equal(texts(setLines('一二三四五六七八九——十', 10, { kinsoku: 'strict' })), ['一二三四五六七八', '九——十']);
  assert.equal(texts(setLines('一二三四五六七八九——十', 10, { kinsoku: 'basic' })), ['一二三四五六七八九', '——十']);
});

test('2019, 95.7, 2.2% and 2017—2019 are never split', () => {
  for (const num of ['2019', '95.7', '2.2%', '2017—2019']) {
    for (let k = 5; k <= 9; k++) {
      const ls = setLines('一二三四五六七八九'.slice(0, k) + num + '年甲乙丙丁', 10, { digits: 'half' });
      assert.ok(ls.some((l) => l.text.includes(num)), `${num} split: ${texts(ls).join(' | ')}`);
    }
  }
});

test('“ never ends a line; ” never begins one', () => {
  const ls = setLines('一二三四五六七八九“十”甲乙', 10);
  assert.equal(texts(ls), ['一二三四五六七八九', '“十”甲乙']);
  for (let k = 1; k <= 10; k++) {
    const ls2 = setLines('甲乙丙丁戊己庚辛壬癸'.slice(0, k) + '“四大战略”，坚持“一产提质增效”发展思路', 10);
    for (const l of ls2) {
      assert.not.ok(l.text.endsWith('“'), `line ends with “: ${texts(ls2).join(' | ')}`);
      assert.not.ok(/^[”，。、]/.test(l.text), `line starts with a closing mark: ${texts(ls2).join(' | ')}`);
    }
  }
});

test('a justified line is exactly the frame width; the last line is flush left at its natural width', () => {
  const ls = setLines('会议指出，一年多来，全区上下以“习近平新时代中国特色社会主义思想”为指导，认真学习贯彻', 17);
  for (const l of ls.slice(0, -1)) {
    const right = l.x[l.x.length - 1] + l.w[l.w.length - 1];
    close(right, 17 * EM, `right edge of "${l.text}"`);
    close(l.used, 17 * EM, `used width of "${l.text}"`);
  }
  const last = ls[ls.length - 1];
  assert.ok(last.used < 17 * EM, 'last line not stretched');
  close(last.x[0], 0, 'last line starts at the left edge');
});

test('compressed punctuation widens first when a line is justified, then the rest spreads evenly', () => {
  // 16 Han + 2 marks at ½ em = 17 em; in a 17.5 em line the two marks take the ½ em of slack (¾ em each).
  const [l] = setLines('提升，经济发展质效并进，创新驱动持续发力', 17.5);
  assert.is(l.text, '提升，经济发展质效并进，创新驱动持续');
  close(l.w[2], 0.75 * EM, '， widened');
  close(l.used, 17.5 * EM, 'justified');
  for (let k = 1; k < l.x.length; k++) assert.ok(Math.abs(l.x[k] - l.x[k - 1] - l.w[k - 1]) < 1e-6, 'no extra spacing was needed');
  // In a 16.5 em line of Han only, the slack spreads evenly between all characters.
  const [h] = setLines('习近平新时代中国特色社会主义思想为指导', 16.5);
  const pitch = h.x[1] - h.x[0];
  h.x.forEach((x, k) => close(x, k * pitch, 'even spacing'));
  close(h.used, 16.5 * EM, 'justified');
});

test('lines that need no adjustment stay on the character grid', () => {
  const ls = setLines('习近平新时代中国特色社会主义思想为指导认真学习贯彻习近平总书', 17);
  for (const l of ls.slice(0, -1)) l.x.forEach((x, k) => close(x, k * EM, `x of ${l.text[k]}`));
});

test('kinsoku levels: none lets 。 begin a line, basic and strict do not; only strict keeps …… off a line start', () => {
  assert.equal(texts(setLines('一二三四五六七八九十。十一', 10, { kinsoku: 'none' })), ['一二三四五六七八九十', '。十一']);
  assert.equal(texts(setLines('一二三四五六七八九十。十一', 10, { kinsoku: 'basic' }))[1], '十。十一');
  assert.equal(texts(setLines('一二三四五六七八九十。十一', 10, { kinsoku: 'strict' }))[1], '十。十一');
  assert.equal(texts(setLines('一二三四五六七八九十……甲', 10, { kinsoku: 'basic' }))[1], '……甲');
  assert.equal(texts(setLines('一二三四五六七八九十……甲', 10, { kinsoku: 'strict' }))[1], '十……甲');
  // none: “ may end a line.
  assert.equal(texts(setLines('一二三四五六七八九“十”甲乙', 10, { kinsoku: 'none' }))[0], '一二三四五六七八九“');
});

test('quote width is a style option: half or full', () => {
  const width = (quotes: 'half' | 'full') => setLines('“甲”', 10, { quotes })[0].items[0].width;
  close(width('half'), EM / 2, 'half');
  close(width('full'), EM, 'full');
});

test('adjacent full-width marks take 1.5 em; a mark at line end may be set half-width', () => {
  const items = setLines('甲。”乙', 10, { punctuation: 'full', quotes: 'full' })[0].items;
  close(items[1].width + items[2].width, 1.5 * EM, '。” together');
  const kept = setLines('甲。”乙', 10, { punctuation: 'full', quotes: 'full', adjacentMarks: 'keep' })[0].items;
  close(kept[1].width + kept[2].width, 2 * EM, '。” kept at 2 em');
  close(minWidthAtEnd(items[1]), EM / 2, 'line-end minimum of 。');
});

test('keepTogether words are never broken across lines: leaders’ names by default, a layout extends or clears the list', () => {
  const text = '会议指出一年多来全区上下以习近平新时代中国特色社会主义思想为指导';
  assert.equal(texts(setLines(text, 14))[0], '会议指出一年多来全区上下以', 'built-in list');
  assert.equal(texts(setLines(text, 14, { keepTogether: [] }))[0], '会议指出一年多来全区上下以习', 'cleared');
  const own = '会议指出一年多来全区上下以新时代中国特色社会主义思想为指导';
  assert.equal(texts(setLines(own, 14, { keepTogether: ['@leaders', '以新时'] }))[0], '会议指出一年多来全区上下', 'extended');
  assert.equal(texts(setLines(text, 14, { keepTogether: ['@leaders', '以新时'] }))[0], '会议指出一年多来全区上下以', 'extended, the leaders kept');
});

test('Han–Latin spacing is a style option from 0 to ¼ em', () => {
  const gap = (latinSpacing: number) => {
    const [l] = setLines('投资2019年', 20, { latinSpacing, digits: 'half' });
    return l.x[2] - (l.x[1] + l.w[1]);
  };
  close(gap(0), 0, 'no spacing');
  close(gap(0.25), EM / 4, '¼ em');
});

test("digits: the font's proportional widths, or its half-width (hwid) forms", () => {
  const width = (digits: 'proportional' | 'half') => setLines('2019', 10, { digits })[0].items[0].width;
  close(width('half'), 2 * EM, 'four half-width digits');
  assert.ok(Math.abs(width('proportional') - 2 * EM) > 0.1, 'proportional digits differ from ½ em');
});

test.run();
