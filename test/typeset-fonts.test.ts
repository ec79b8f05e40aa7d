import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FontBook } from '../src/fonts/fontbook.js';
import { resolveStyles } from '../src/model/styles.js';
import { itemize } from '../src/typeset/items.js';
import { placeItem } from '../src/typeset/place.js';

const styles = resolveStyles();

test('a character the song face (Noto Serif SC) lacks is set in the next font of the role, and reported', () => {
  const fonts = new FontBook();
  const biang = '\u{30EDD}'; // 𰻝: in Noto Sans SC, not in Noto Serif SC
  assert.not.ok(fonts.face('song').has(biang.codePointAt(0)!), 'fixture: Noto Serif SC lacks 𰻝');
  assert.ok(fonts.face('hei').has(biang.codePointAt(0)!), 'fixture: Noto Sans SC has 𰻝');
  const missing = new Set<string>();
  const items = itemize([{ text: `吃${biang}${biang}面`, style: 'body' }], styles, fonts, missing);
  assert.equal(items.map((i) => i.face.key), ['song-regular', 'hei-regular', 'hei-regular', 'song-regular']);
  const glyphs = placeItem(items[1], 0, 10, items[1].width);
  assert.is(glyphs.length, 1);
  assert.is(glyphs[0].face, 'hei-regular');
  assert.ok(glyphs[0].gid > 0, 'a real glyph, not .notdef');
  assert.equal([...(fonts.fallbacks.get('hei-regular') ?? [])], [biang]);
  assert.equal([...missing], []);
});

test('a character no face has is reported as missing and never drawn as an empty box', () => {
  const fonts = new FontBook();
  const missing = new Set<string>();
  const pua = '\u{F0001}'; // a private-use character no font of the registry has
  const items = itemize([{ text: `甲${pua}乙`, style: 'body' }], styles, fonts, missing);
  assert.equal([...missing], [pua]);
  assert.is(items.length, 3);
  assert.equal(placeItem(items[1], 0, 10, items[1].width), [], 'nothing drawn');
  assert.ok(placeItem(items[2], 0, 10, items[2].width)[0].gid > 0);
});

test.run();
