import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FontBook } from '../src/index.js';
import { decodeLocaFast, fontkitGlyphMetrics } from '../src/fonts/fontkit-speedups.js';
import { readAhead, readsDone, takeReadAhead } from '../src/fonts/readahead.js';
import { useFastSubset, useFontkitSubset } from '../src/fonts/subset.js';
import { ROOT, SAMPLE_TEXT } from './helpers/sample.js';

/** Encode a subset of `gids` with whatever _addGlyph is installed. */
function encode(font: fontkit.Font, gids: number[]): Uint8Array {
  const subset = (font as unknown as { createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array } }).createSubset();
  for (const g of gids) subset.includeGlyph(g);
  return subset.encode();
}

/** Composite glyphs of a font (numberOfContours < 0), found from the raw glyf table. */
function composites(font: fontkit.Font, max: number): number[] {
  const f = font as unknown as { loca: { offsets: number[] }; _getTableStream(t: string): { pos: number; readBuffer(n: number): Uint8Array } };
  const found: number[] = [];
  for (let gid = 0; gid + 1 < f.loca.offsets.length && found.length < max; gid++) {
    const [a, b] = [f.loca.offsets[gid], f.loca.offsets[gid + 1]];
    if (b - a < 10) continue;
    const s = f._getTableStream('glyf');
    s.pos += a;
    const head = s.readBuffer(2);
    if (head[0] & 0x80) found.push(gid);
  }
  return found;
}

const book = new FontBook();
// The Noto CJK fonts have no composite glyphs; Liberation Sans (shipped with pdfjs-dist) has many.
const liberation = fontkit.create(readFileSync(fileURLToPath(import.meta.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf')))) as fontkit.Font;
useFastSubset(liberation);
// The book's faces are held without their outlines (lean.ts); fontkit's own subsets come from the whole files.
const fonts: [string, fontkit.Font, fontkit.Font][] = [
  ['song-regular', book.face('song').font, fontkit.create(readFileSync(book.face('song').path)) as fontkit.Font],
  ['hei-bold', book.face('hei', 'bold').font, fontkit.create(readFileSync(book.face('hei', 'bold').path)) as fontkit.Font],
  ['LiberationSans', liberation, liberation],
];

test('the fast glyph copy (from lean fonts too) writes the same subset bytes as fontkit, composites included', () => {
  // A page's worth of Han, punctuation, Latin and digits, plus composite glyphs (accented Latin).
  const text = '濮阳开发区召开2019年度总结暨2020年工作会议，“散乱污”企业动态清零。ÀÉÎõü—…';
  for (const [name, font, whole] of fonts) {
    const gids = [...font.layout(text).glyphs.map((g) => g.id), ...composites(whole, 20)];
    if (name === 'LiberationSans') assert.ok(composites(font, 1).length > 0, 'a composite glyph to test with');
    if (name !== 'LiberationSans') assert.ok(readFileSync(book.face('song').path).length > 20 * (font as unknown as { stream: { buffer: Uint8Array } }).stream.buffer.length, `${name} is held without its outlines`);
    const fast = encode(font, gids);
    useFontkitSubset(whole);
    try {
      const slow = encode(whole, gids);
      assert.ok(Buffer.from(fast).equals(Buffer.from(slow)), `${name}: subsets differ (${fast.length} vs ${slow.length} bytes)`);
    } finally {
      useFastSubset(whole);
    }
    // And the subset is a font fontkit reads back, each glyph with its advance.
    const back = fontkit.create(Buffer.from(fast)) as fontkit.Font;
    const ids = [...new Set([0, ...gids])];
    assert.ok(back.numGlyphs >= ids.length, `${back.numGlyphs} glyphs for ${ids.length} ids`);
    ids.forEach((gid, i) => assert.is(back.getGlyph(i).advanceWidth, font.getGlyph(gid).advanceWidth, `${name}: advance of glyph ${gid}`));
  }
});

test('the fast loca table equals the one fontkit decodes', () => {
  for (const path of [book.face('song').path, fileURLToPath(import.meta.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'))]) {
    const bytes = readFileSync(path);
    const fast = fontkit.create(bytes) as fontkit.Font;
    decodeLocaFast(fast);
    const own = fontkit.create(bytes) as unknown as { loca: { version: number; offsets: number[] } };
    const mine = (fast as unknown as { loca: { version: number; offsets: number[] } }).loca;
    assert.is(mine.version, own.loca.version);
    assert.is(mine.offsets.length, own.loca.offsets.length);
    assert.ok(mine.offsets.every((o, i) => o === own.loca.offsets[i]), `${path}: offsets differ`);
  }
});

test('memoized lookups and metrics answer like fontkit: glyph ids, advances, bearings, presence, unitsPerEm', () => {
  const face = book.face('song');
  const plain = fontkit.create(readFileSync(face.path)) as fontkit.Font;
  const text = readFileSync(SAMPLE_TEXT, 'utf8');
  for (const ch of new Set([...text, '\u{20000}', '\uE000', 'ﬀ'])) {
    const cp = ch.codePointAt(0)!;
    assert.is(face.font.hasGlyphForCodePoint(cp), plain.hasGlyphForCodePoint(cp), `has ${ch}`);
    assert.is(face.font.glyphForCodePoint(cp).id, plain.glyphForCodePoint(cp).id, `gid ${ch}`);
    const [mine, theirs] = [face.font.glyphForCodePoint(cp), plain.glyphForCodePoint(cp)];
    // Metrics without the control box: the same advances and bearings, both ways.
    assert.equal((mine as unknown as { _getMetrics(): object })._getMetrics(), fontkitGlyphMetrics(theirs), `metrics ${ch}`);
    assert.is(mine.advanceWidth, theirs.advanceWidth, `advance ${ch}`);
    assert.is(face.font.glyphForCodePoint(cp), face.font.glyphForCodePoint(cp), 'the same glyph object');
  }
  assert.is(face.font.unitsPerEm, plain.unitsPerEm);
});

test('fonts read ahead arrive whole, once; a missing file is simply not there', async () => {
  // A file nothing else in this process reads ahead (each path is read ahead at most once).
  const path = fileURLToPath(import.meta.resolve('pdfjs-dist/standard_fonts/LiberationSans-Bold.ttf'));
  const missing = join(ROOT, 'fonts', 'no-such-font.ttf');
  readAhead([path, missing]);
  await readsDone();
  const bytes = takeReadAhead(path);
  assert.ok(bytes && Buffer.from(bytes).equals(readFileSync(path)), 'the whole file');
  assert.is(takeReadAhead(path), undefined, 'handed over once');
  assert.is(takeReadAhead(missing), undefined);
});

test('cold-start helpers: WOFF2 (brotli) still decodes with the deferred dictionary; fetch is back after yoga loads', () => {
  // A fresh process: in this one fontkit is loaded already, so the deferral would (rightly) do nothing.
  const script = `
    const { fastStart } = await import(${JSON.stringify(new URL('../src/warmup.js', import.meta.url).href)});
    const fetchBefore = globalThis.fetch;
    await fastStart();
    const { createRequire } = await import('node:module');
    const req = createRequire(createRequire(import.meta.url).resolve('fontkit'));
    await import('fontkit');
    const data = req.cache[req.resolve('brotli/dec/dictionary-data.js')];
    const decompress = req('brotli/decompress.js');
    const text = Buffer.from('international government information '.repeat(40) + 'the quick brown fox');
    const zlib = await import('node:zlib');
    const back = Buffer.from(decompress(zlib.brotliCompressSync(text)));
    const dict = req.cache[req.resolve('brotli/dec/dictionary.js')].exports.dictionary;
    const used = !(await import('node:util')).types.isProxy(dict) && dict.length > 100000;
    console.log(JSON.stringify({ used, deferred: typeof data?.exports?.init === 'function' && Object.keys(data.exports).length === 1, same: back.equals(text), fetch: globalThis.fetch === fetchBefore }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(JSON.parse(out), { used: true, deferred: true, same: true, fetch: true }, 'the text decoded through the real dictionary');
});

test.run();
