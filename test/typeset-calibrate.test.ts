import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { trackingOf } from '../src/ingest/geometry/index.js';
import { settingFromPlaces } from '../src/ingest/geometry/setting.js';
import type { Stack } from '../src/ingest/geometry/stacks.js';
import type { Block, LineBox } from '../src/ingest/types.js';
import { resolveStyles } from '../src/model/styles.js';
import { firstFitEnds } from '../src/typeset/breaking.js';
import { calibrateBreaker, standsIn } from '../src/typeset/calibrate.js';
import { itemize, type Item } from '../src/typeset/items.js';
import { optimalBreaks } from '../src/typeset/optimal.js';
import { EM, fonts } from './helpers/lines.js';

// How a block was set, read from where its characters stood, and the breaker that reproduces its
// lines. The cases are built here from rules (not copied from any page): a line is a string and the
// room each character took, in em.

const SIZE = 10;

/** A line box whose characters take the given rooms (em) from x = 0. */
function box(text: string, rooms: number[]): LineBox {
  const xs: number[] = [];
  let x = 0;
  for (const r of rooms) xs.push(x), (x += r * SIZE);
  return { text, bbox: [0, 0, x, SIZE], baseline: SIZE, size: SIZE, font: 'X', bold: false, column: 0, align: 'justify', xs };
}

/** Rooms for a line: Han 1 em, and each listed character its own room. */
function rooms(text: string, own: Record<string, number>): number[] {
  return [...text].map((c) => own[c] ?? 1);
}

const block = (lines: LineBox[]): Block => ({ id: 'a', kind: 'article', paragraphs: [], lines: [], geometry: { bbox: [0, 0, 0, 0], columns: [[0, 0, 200, 200]], lineBoxes: [lines], size: SIZE, leading: 4, tracking: 0, font: 'X', bold: false, color: '#000000' } }) as unknown as Block;

test('Kaiming punctuation (开明式) is read from the page: pauses half, sentence ends full', () => {
  const text = '甲乙，丙丁、戊己。庚辛，壬癸！子丑';
  const lines = [0, 1, 2].map(() => box(text, rooms(text, { '，': 0.5, '、': 0.5, '。': 1, '！': 1 })));
  assert.is(settingFromPlaces(block(lines))?.punctuation, 'kaiming');
  // All half is 'compressed'; all full is 'full'.
  assert.is(settingFromPlaces(block([0, 1, 2].map(() => box(text, rooms(text, { '，': 0.5, '、': 0.5, '。': 0.5, '！': 0.5 })))))?.punctuation, 'compressed');
  assert.is(settingFromPlaces(block([0, 1, 2].map(() => box(text, rooms(text, {})))))?.punctuation, 'full');
});

test('full marks compressed inside a line show pushIn compress; never compressed there, line-end', () => {
  const text = '甲乙，丙丁，戊己。庚辛';
  const full = [0, 1, 2, 3].map(() => box(text, rooms(text, {})));
  assert.is(settingFromPlaces(block(full))?.pushIn, 'line-end');
  const tight = '甲乙，丙丁，戊己。庚辛子';
  assert.is(settingFromPlaces(block([...full, box(tight, rooms(tight, { '，': 0.5 }))]))?.pushIn, 'compress');
  // Compressed part of the way (a justifier sharing out the squeeze) is compressed too; a line set a
  // little tight all along (every character at 0.94 em) is not.
  assert.is(settingFromPlaces(block([...full, box(tight, rooms(tight, { '，': 0.85 }))]))?.pushIn, 'compress');
  assert.is(settingFromPlaces(block([...full, box(tight, rooms(tight, Object.fromEntries([...tight].map((c) => [c, 0.94]))))]))?.pushIn, 'line-end');
});

test('tracking is read from the lines set at their natural pitch (paragraphs\' last lines), not from lines justified into a wider column', () => {
  // A column 14.5 em wide holding 14 characters a line, justified (each step 14.5/14 em); four
  // paragraphs end in short lines set solid. Then the same with short lines at 1.05 em: tracked.
  const line = (n: number, step: number, y: number) => {
    const glyphs = Array.from({ length: n }, (_, i) => ({ text: '国', x: i * step * SIZE, y, size: SIZE }));
    return { glyphs, text: '国'.repeat(n), baseline: y, bbox: [0, y - SIZE, (n - 1) * step * SIZE + SIZE, y], size: SIZE } as unknown as Stack['lines'][number];
  };
  const stack = (shortStep: number): Stack => {
    const lines: Stack['lines'] = [];
    for (let p = 0; p < 4; p++) {
      for (let k = 0; k < 6; k++) lines.push(line(14, 14.5 / 14, lines.length * 14));
      lines.push(line(6, shortStep, lines.length * 14));
    }
    return { lines, x0: 0, x1: 14.5 * SIZE, top: 0, bottom: lines.length * 14, size: SIZE, pitch: 14 };
  };
  assert.is(trackingOf([stack(1)], SIZE), 0);
  assert.is(trackingOf([stack(1.05)], SIZE), 0.05);
});

test('digits: half-width forms are ½ em, a face\'s own figures are not; Han–Latin spacing and how far it closed', () => {
  const half = '甲2024年乙';
  assert.is(settingFromPlaces(block([box(half, rooms(half, { 2: 0.5, 0: 0.5, 4: 0.5 }))]))?.digits, 'half');
  assert.is(settingFromPlaces(block([box(half, rooms(half, { 2: 0.557, 0: 0.557, 4: 0.557 }))]))?.digits, 'proportional');
  const spaced = (gap: number) => box('甲5乙', [1 + gap, 0.75, 1]);
  const s = settingFromPlaces(block([spaced(0.25), spaced(0.25), spaced(0.135)]))!;
  assert.is(s.latinSpacing, 0.25);
  assert.is(s.latinSpacingMin, 0.13);
});

test('Han–Latin spacing closes no further than the style\'s least on a tight line', () => {
  const style = (min: number) => resolveStyles({ body: { latinSpacing: 0.25, latinSpacingMin: min } }).body;
  const items = (min: number) => itemize([{ text: '资95亿元', style: 'body' }], { body: style(min) }, fonts, { missing: new Set(), fallbacks: new Map() });
  const glue = (its: Item[]) => its.filter((i) => i.glue > 0).map((i) => i.glueShrink / EM);
  assert.equal(glue(items(0)), [0.25, 0.25]);
  assert.equal(glue(items(0.125)), [0.125, 0.125]);
});

const body = resolveStyles({ body: { punctuation: 'full', pushIn: 'compress', adjacentMarks: 'compress' } }).body;
const itemsOf = (text: string) => itemize([{ text, style: 'body' }], { body }, fonts, { missing: new Set(), fallbacks: new Map() });
const linesOf = (items: Item[], ends: number[]) => ends.map((e, k) => items.slice(k ? ends[k - 1] : 0, e).map((i) => i.text).join(''));

const firstFit = (items: Item[], width: number) => firstFitEnds(items, () => width);

// Ten em a line. First fit compresses both ，of line one to take 壬 as well; line two then cannot
// hold 申 with the 。 that must follow it, and is left a character short. The optimal breaker sees
// the whole paragraph: line one stays at its natural width and line two is full.
const TEXT = '甲乙丙丁，戊己，庚辛壬癸子丑寅卯辰巳午未申。';

test('the optimal breaker chooses a paragraph\'s breaks together: no line compressed to leave the next one short', () => {
  const items = itemsOf(TEXT);
  const greedy = linesOf(items, firstFit(items, 10 * EM));
  const optimal = linesOf(items, optimalBreaks(items, 0, items.length, 10 * EM, 10 * EM));
  assert.equal(greedy, ['甲乙丙丁，戊己，庚辛壬', '癸子丑寅卯辰巳午未', '申。']);
  assert.equal(optimal, ['甲乙丙丁，戊己，庚辛', '壬癸子丑寅卯辰巳午未', '申。']);
});

test('calibration picks the breaker that reproduces the original lines, and first fit on a tie', () => {
  const items = itemsOf(TEXT);
  const para = (lines: string[]) => ({ para: { original: lines } as never, items, first: 10 * EM, rest: 10 * EM });
  const greedy = linesOf(items, firstFit(items, 10 * EM));
  const optimal = linesOf(items, optimalBreaks(items, 0, items.length, 10 * EM, 10 * EM));
  assert.is(calibrateBreaker([para(optimal)]), 'optimal');
  assert.is(calibrateBreaker([para(greedy)]), 'first-fit');
  assert.is(calibrateBreaker([]), 'first-fit');
});

test('evidence is only a paragraph whose original lines could stand in its measure (within ½ em tight)', () => {
  const items = itemsOf(TEXT);
  const lines = linesOf(items, firstFit(items, 10 * EM)); // the first line 10 em at its narrowest
  const at = (width: number) => ({ para: { original: lines } as never, items, first: width - 2 * EM, rest: width });
  assert.ok(standsIn(at(10 * EM), lines));
  assert.ok(standsIn(at(9.6 * EM), lines), 'a line set 0.4 em tight could have stood there');
  assert.not.ok(standsIn(at(9 * EM), lines), 'a line a whole em too wide was set in another measure');
  assert.not.ok(standsIn(at(10 * EM), ['甲乙丙丁', '子丑寅卯']), 'lines of another text (a correction) say nothing');
});

test('an opening mark that begins an indented first line keeps its blank in the optimal breaker; at a line\'s edge it loses it', () => {
  // Ten em a line, the first indented two. After the indent the “ is no line edge (Typst sets it
  // whole there): “甲乙，丙丁，戊 fills the first line's eight em exactly. Without the indent the “
  // starts at the edge and gives up its blank, and the first line holds 庚辛 besides (both ，
  // compressed a little). Typst 0.14 breaks the paragraph both ways exactly so.
  const full = resolveStyles({ body: { punctuation: 'full', quotes: 'full', pushIn: 'compress' } }).body;
  const items = itemize([{ text: '“甲乙，丙丁，戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥。', style: 'body' }], { body: full }, fonts, { missing: new Set(), fallbacks: new Map() });
  assert.equal(linesOf(items, optimalBreaks(items, 0, items.length, 8 * EM, 10 * EM, true)), ['“甲乙，丙丁，戊', '己庚辛壬癸子丑寅卯辰', '巳午未申酉戌亥。']);
  assert.equal(linesOf(items, optimalBreaks(items, 0, items.length, 10 * EM, 10 * EM, false)), ['“甲乙，丙丁，戊己庚辛', '壬癸子丑寅卯辰巳午未', '申酉戌亥。']);
});

test.run();
