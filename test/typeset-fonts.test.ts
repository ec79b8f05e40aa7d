import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FontBook } from '../src/fonts/fontbook.js';
import { resolveStyles } from '../src/model/styles.js';
import { itemize } from '../src/typeset/items.js';
import { placeItem } from '../src/typeset/place.js';
import type { FaceLog } from '../src/typeset/types.js';
import { GlyphStore } from '../src/typeset/glyphs.js';
import { typesetPage } from '../src/typeset/index.js';

const styles = resolveStyles();

test('a character the song face (Noto Serif SC) lacks is set in the next font of the role, and reported', () => {
  const fonts = new FontBook();
  const biang = '\u{30EDD}'; // 𰻝: in Noto Sans SC, not in Noto Serif SC
  assert.not.ok(fonts.face('song').has(biang.codePointAt(0)!), 'fixture: Noto Serif SC lacks 𰻝');
  assert.ok(fonts.face('hei').has(biang.codePointAt(0)!), 'fixture: Noto Sans SC has 𰻝');
  const log: FaceLog = { missing: new Set(), fallbacks: new Map() };
  const items = itemize([{ text: `吃${biang}${biang}面`, style: 'body' }], styles, fonts, log);
  assert.equal(items.map((i) => i.face.key), ['song-regular', 'hei-regular', 'hei-regular', 'song-regular']);
  const store = new GlyphStore();
  placeItem(items[1], 0, 10, items[1].width, 1, store, 0);
  const glyphs = store.since(0).list();
  assert.is(glyphs.length, 1);
  assert.is(glyphs[0].run.face, 'hei-regular');
  assert.ok(glyphs[0].gid > 0, 'a real glyph, not .notdef');
  assert.equal([...(log.fallbacks.get('hei-regular') ?? [])], [biang]);
  assert.equal([...log.missing], []);
});

test('a character no face has is reported as missing and never drawn as an empty box', () => {
  const fonts = new FontBook();
  const log: FaceLog = { missing: new Set(), fallbacks: new Map() };
  const pua = '\u{F0001}'; // a private-use character no font of the registry has
  const items = itemize([{ text: `甲${pua}乙`, style: 'body' }], styles, fonts, log);
  assert.equal([...log.missing], [pua]);
  assert.is(items.length, 3);
  const place = (k: number) => {
    const out = new GlyphStore();
    placeItem(items[k], 0, 10, items[k].width, 1, out, 0);
    return out.since(0).list();
  };
  assert.equal(place(1), [], 'nothing drawn');
  assert.ok(place(2)[0].gid > 0);
});

test('fallbacks are reported per page, not carried over from earlier pages that shared the fonts', () => {
  const fonts = new FontBook();
  const box = { x: 0, y: 0, width: 200, height: 100 };
  const frame = { id: 't', kind: 'text' as const, region: { kind: 'text' as const, id: 't', content: { text: 'x' } }, box, columns: [box] };
  const page = (text: string) => typesetPage([{ region: 't', continuedIn: [], blocks: [], paragraphs: [{ runs: [{ text, style: 'body' }], style: 'body', role: 'body', block: 'b', index: 0 }] }], [frame], styles, fonts);
  assert.equal(page('吃\u{30EDD}面').fallbacks, { 'hei-regular': '\u{30EDD}' });
  assert.equal(page('吃面').fallbacks, {});
});

test.run();
