import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FontBook } from '../src/fonts/fontbook.js';
import { verticalAdvance } from '../src/fonts/vmetrics.js';
import { resolveStyles } from '../src/model/styles.js';
import { setVertical, verticalDash, verticalGlyph, verticalUnits } from '../src/typeset/vertical.js';
import { GlyphStore } from '../src/typeset/glyphs.js';

const fonts = new FontBook();
const box = { x: 0, y: 0, width: 200, height: 800 };

function column(text: string, own: Record<string, object> = {}) {
  const styles = resolveStyles(own);
  const [line] = setVertical([text], undefined, box, { region: 'v', styles, fonts, log: { missing: new Set(), fallbacks: new Map() }, glyphs: new GlyphStore() }, 'v');
  return { line, style: styles.vertical };
}

test('vertical advances come from vmtx (fontkit reads 0): 1 em for Han, 2 em for the vertical ——', () => {
  const hei = fonts.face('hei', 'black');
  const han = hei.font.glyphForCodePoint('凝'.codePointAt(0)!).id;
  assert.is(verticalAdvance(hei, han), 1);
  const dash = verticalDash(hei, '——');
  assert.ok(dash, 'Noto Sans SC has a vertical form of the —— ligature');
  assert.is(verticalAdvance(hei, dash!.gid), 2);
});

test('brackets and quotes take the vert alternates; —— is one vertical glyph 2 em long', () => {
  const { line, style } = column('“凝心”——谋（发展）');
  const hei = fonts.face('hei', 'black');
  for (const c of '“”（）') {
    const g = line.glyphs.list().find((x) => x.text === c)!;
    assert.is(g.gid, verticalGlyph(hei, c));
    assert.is.not(g.gid, hei.font.glyphForCodePoint(c.codePointAt(0)!).id, `${c} not replaced`);
    assert.not.ok(g.run.rotate);
  }
  const all = line.glyphs.list();
  const dash = all.filter((g) => g.text.includes('—'));
  assert.is(dash.length, 1);
  assert.is(dash[0].gid, verticalDash(hei, '——')!.gid);
  // The character after the dash starts 2 em (plus the column's even spread) below it.
  const after = all[all.indexOf(dash[0]) + 1];
  const pitch = line.glyphs.at(2)!.run.y - line.glyphs.at(1)!.run.y; // 凝 → 心: 1 em + spread
  assert.ok(Math.abs(after.run.y - dash[0].run.y - (pitch + style.size)) < 1e-6, 'dash is 2 em along the column');
});

test('numbers of up to 2 digits stand upright in one em; longer ones and Latin words turn 90°; the style allows up to 4', () => {
  assert.equal(verticalUnits('第12期2020年ABC').map((u) => u.kind), ['upright', 'tcy', 'upright', 'rotated', 'upright', 'rotated']);
  assert.equal(verticalUnits('第12期2020年', 4).map((u) => u.kind), ['upright', 'tcy', 'upright', 'tcy', 'upright']);
  const { line } = column('第12期2020年');
  const twelve = line.glyphs.list().filter((g) => g.text === '1' || g.text === '2').slice(0, 2);
  assert.is(twelve[0].run.y, twelve[1].run.y, '12 side by side on one baseline');
  assert.not.ok(twelve[0].run.rotate);
  assert.ok(line.glyphs.list().filter((g) => g.text === '0').every((g) => g.run.rotate === 90), '2020 turned');
  const four = column('第12期2020年', { vertical: { extends: 'body', font: 'hei', weight: 'black', size: '48pt', indent: 0, align: 'spread', tateChuYoko: 4 } }).line;
  const zeros = four.glyphs.list().filter((g) => g.text === '0');
  assert.ok(zeros.every((g) => !g.run.rotate && g.run.scaleX === 0.5 && g.run.y === zeros[0].run.y), '2020 upright, condensed into one em');
});

test('a spread column is justified along its length: even pitch, first and last characters at the ends', () => {
  const { line, style } = column('凝心聚力谋发展');
  const ys = line.glyphs.map((g) => g.run.y);
  const pitch = ys[1] - ys[0];
  ys.forEach((y, k) => assert.ok(Math.abs(y - ys[0] - k * pitch) < 1e-6, 'even pitch'));
  assert.ok(pitch > style.size, 'spread');
  assert.ok(Math.abs(ys[ys.length - 1] - ys[0] + style.size - box.height) < 1e-6 || pitch === 2 * style.size, 'fills the column (or stops at 1 em between characters)');
});

test('a character no font has is reported and not drawn in vertical text either', () => {
  const styles = resolveStyles();
  const fonts = new FontBook();
  const log = { missing: new Set<string>(), fallbacks: new Map() };
  const [line] = setVertical(['甲\u{F0001}乙'], undefined, { x: 0, y: 0, width: 60, height: 400 }, { region: 'v', styles, fonts, log, glyphs: new GlyphStore() }, 'v');
  assert.equal([...log.missing], ['\u{F0001}']);
  assert.is(line.glyphs.length, 2);
  assert.ok(line.glyphs.every((g) => g.gid !== 0));
});

test.run();
