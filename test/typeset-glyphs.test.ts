import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GlyphStore, Glyphs } from '../src/typeset/glyphs.js';
import type { GlyphRun } from '../src/typeset/types.js';

const body: GlyphRun = { face: 'song-regular', size: 9, y: 100 };
const scaled: GlyphRun = { face: 'song-regular', size: 9, y: 100, scaleX: 0.8 };

test('a store keeps each glyph as it was given, past its first capacity, and lines read their own range', () => {
  const store = new GlyphStore(2);
  const texts = ['国', '𰻝', 'fi', '', '，'];
  texts.forEach((t, k) => store.add(100 + k, t, 10 + k * 9.37, k < 3 ? body : scaled));
  const first = store.since(0);
  const start = store.length;
  for (let k = 0; k < 20; k++) store.add(7, '家', 1.5, body);
  const second = store.since(start);
  // The store grew (2 → 32) after the first line was taken: the line reads the same glyphs.
  assert.is(first.length, 5);
  assert.is(second.length, 20);
  assert.equal(
    first.map((g) => [g.gid, g.text, g.x, g.run]),
    texts.map((t, k) => [100 + k, t, 10 + k * 9.37, k < 3 ? body : scaled]),
  );
  // An astral character (two code units), a ligature's two letters and a glyph for no text keep their text.
  assert.equal(first.codePoints(1), [0x30edd]);
  assert.equal(first.codePoints(2), [0x66, 0x69]);
  assert.equal(first.codePoints(3), []);
  assert.equal(second.at(0), { gid: 7, text: '家', x: 1.5, run: body });
  // Glyphs of one run share its object.
  assert.ok(first.run(0) === first.run(2) && first.run(3) === scaled);
});

test('a run joins the next glyph only within the line it was started in', () => {
  const store = new GlyphStore();
  store.add(1, '一', 0, body);
  assert.is(store.lastRun(0), body);
  assert.is(store.lastRun(1), undefined, 'a new line starts with no run to join');
});

test('slice and at take indexes as arrays do; a slice shares the store', () => {
  const g = Glyphs.of(['甲', '乙', '丙', '丁'].map((text, k) => ({ gid: k + 1, text, x: k, run: body })));
  assert.is(g.at(-1)!.text, '丁');
  assert.is(g.at(4), undefined);
  assert.equal(g.slice(1, 3).map((x) => x.text), ['乙', '丙']);
  assert.equal(g.slice(-2).map((x) => x.text), ['丙', '丁']);
  assert.is(g.slice(3, 1).length, 0);
  assert.is(g.slice(1).slice(1).at(0)!.text, '丙');
  assert.equal([...g].map((x) => x.gid), [1, 2, 3, 4]);
  assert.ok(g.every((x) => x.run === body));
  assert.not.ok(g.every((x) => x.gid < 4));
});

test('a glyph read as an object is a copy: changing it changes nothing set', () => {
  const g = Glyphs.of([{ gid: 5, text: '字', x: 3, run: body }]);
  const copy = g.at(0)!;
  copy.gid = 9;
  copy.x = 0;
  assert.is(g.gid(0), 5);
  assert.is(g.x(0), 3);
});

test('JSON and the console show the glyphs of a line, not the store of its page', async () => {
  const store = new GlyphStore();
  for (let k = 0; k < 50; k++) store.add(k, '字', k, body);
  const g = store.since(48);
  assert.equal(JSON.parse(JSON.stringify({ glyphs: g })).glyphs, [
    { gid: 48, text: '字', x: 48, run: body },
    { gid: 49, text: '字', x: 49, run: body },
  ]);
  const { inspect } = await import('node:util');
  assert.is(inspect(g), inspect(g.list()));
});

test.run();
