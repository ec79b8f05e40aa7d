import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { roleOfPdfFont } from '../src/derive/fonts.js';
import { readableName, roleForPdfFont } from '../src/fonts/pdf-role.js';

/** name → role and weight, as the fonts' names mean them (see the table in src/fonts/pdf-role.ts). */
const CASES: [string, string, string][] = [
  // Founder legacy names, as CID fonts are named in PDFs (subset tag, CMap suffix).
  ['ABCDEF+FZSSJW--GB1-0', 'song', 'regular'],
  ['FZSSK--GBK1-0', 'song', 'regular'],
  ['FZBSJW--GB1-0', 'song', 'regular'],
  ['FZBYSJW', 'song', 'regular'],
  ['FZCSJW', 'song', 'bold'],
  ['FZXBSJW', 'song', 'bold'],
  ['FZDBSJW--GB1-0', 'song', 'black'],
  ['FZHTJW', 'hei', 'regular'],
  ['FZHTK--GBK1-0', 'hei', 'regular'],
  ['FZZHJW', 'hei', 'bold'],
  ['FZDHTJW', 'hei', 'black'],
  ['FZCCHJW', 'hei', 'black'],
  ['FZXIHJW', 'hei', 'regular'],
  ['FZKTJW', 'kai', 'regular'],
  ['FZKTK--GBK1-0', 'kai', 'regular'],
  ['FZXKJW', 'kai', 'regular'],
  ['FZFSJW', 'fangsong', 'regular'],
  ['FZFSK--GBK1-0', 'fangsong', 'regular'],
  // Founder PDFGenerator's short forms (no FZ) with its own suffixes.
  ['HTJ-PK748100-Identity-H', 'hei', 'regular'],
  ['KTJ-PK74810c-Identity-H', 'kai', 'regular'],
  ['DHTJ-PK748ee-Identity-H', 'hei', 'black'],
  ['CSJ-PK748e1-Identity-H', 'song', 'bold'],
  ['CCHJ-PK748d7-Identity-H', 'hei', 'black'],
  ['DBSJ-PK748eb-Identity-H', 'song', 'black'],
  ['FZBSJW-GB1-0cf-Identity-H', 'song', 'regular'],
  ['FSJ-Identity-H', 'fangsong', 'regular'],
  // Newer Founder and Hanyi names spell the face.
  ['FZShuSong-Z01S', 'song', 'regular'],
  ['FZXiaoBiaoSong-B05S', 'song', 'bold'],
  ['FZDaBiaoSong-B06S', 'song', 'black'],
  ['FZBiaoSong-B05S', 'song', 'bold'],
  ['FZHei-B01S', 'hei', 'regular'],
  ['FZDaHei-B02S', 'hei', 'black'],
  ['FZKai-Z03S', 'kai', 'regular'],
  ['FZFangSong-Z02S', 'fangsong', 'regular'],
  ['FZLanTingHei-DB1-GB', 'hei', 'bold'],
  ['HYShuSongYiJ', 'song', 'regular'],
  ['HYZhongHeiJ', 'hei', 'bold'],
  ['HYDaHeiJ', 'hei', 'black'],
  ['HYKaiTiJ', 'kai', 'regular'],
  ['HYFangSongJ', 'fangsong', 'regular'],
  // System, Sinotype, Adobe, Source Han and Noto names.
  ['SimSun', 'song', 'regular'],
  ['NSimSun', 'song', 'regular'],
  ['SimSun,Bold', 'song', 'bold'],
  ['STSong-Light-UniGB-UCS2-H', 'song', 'regular'],
  ['STZhongsong', 'song', 'bold'],
  ['SimHei', 'hei', 'regular'],
  ['STHeiti', 'hei', 'regular'],
  ['STXihei', 'hei', 'regular'],
  ['Microsoft YaHei', 'hei', 'regular'],
  ['MicrosoftYaHei-Bold', 'hei', 'bold'],
  ['KaiTi', 'kai', 'regular'],
  ['KaiTi_GB2312', 'kai', 'regular'],
  ['STKaiti', 'kai', 'regular'],
  ['FangSong', 'fangsong', 'regular'],
  ['FangSong_GB2312', 'fangsong', 'regular'],
  ['STFangsong', 'fangsong', 'regular'],
  ['AdobeSongStd-Light', 'song', 'regular'],
  ['AdobeHeitiStd-Regular', 'hei', 'regular'],
  ['AdobeKaitiStd-Regular', 'kai', 'regular'],
  ['AdobeFangsongStd-Regular', 'fangsong', 'regular'],
  ['SourceHanSerifSC-Regular', 'song', 'regular'],
  ['SourceHanSerifCN-Heavy', 'song', 'black'],
  ['SourceHanSansSC-Bold', 'hei', 'bold'],
  ['SourceHanSansCN-Medium', 'hei', 'regular'],
  ['NotoSerifCJKsc-SemiBold', 'song', 'bold'],
  ['NotoSansCJKsc-Black', 'hei', 'black'],
  ['NotoSerifSC-Regular', 'song', 'regular'],
  // Chinese names, as pdf.js hands over GBK bytes (one character per byte) or PDF #xx escapes.
  ['\xCB\xCE\xCC\xE5', 'song', 'regular'], // 宋体
  ['#BA#DA#CC#E5', 'hei', 'regular'], // 黑体
  ['#B7#BD#D5#FD#D0#A1#B1#EA#CB#CE#BC#F2#CC#E5', 'song', 'bold'], // 方正小标宋简体
  ['楷体_GB2312', 'kai', 'regular'],
  ['仿宋', 'fangsong', 'regular'],
  ['方正大标宋简体', 'song', 'black'],
  ['汉仪中黑简', 'hei', 'bold'],
];

test('PDF font names map to a role and weight by what they mean', () => {
  const wrong = CASES.map(([name, role, weight]) => ({ name, want: `${role} ${weight}`, got: roleForPdfFont({ name }) }))
    .filter((c) => `${c.got.role} ${c.got.weight}` !== c.want || !c.got.known)
    .map((c) => `${c.name}: want ${c.want}, got ${c.got.role} ${c.got.weight} (${c.got.reason})`);
  assert.equal(wrong, []);
});

test('the reason says how the name was read', () => {
  assert.match(roleForPdfFont({ name: 'ABCDEF+FZXBSJW--GB1-0' }).reason, /^FZXBSJW: Founder code XBS, 小标宋$/);
  assert.match(roleForPdfFont({ name: 'DHTJ-PK748ee-Identity-H' }).reason, /Founder code DHT, 大黑/);
  assert.match(roleForPdfFont({ name: '#CB#CE#CC#E5' }).reason, /^宋体: "宋"/);
});

test('the PDF’s bold flag makes a regular face bold, never a heavy face lighter', () => {
  assert.is(roleForPdfFont({ name: 'FZSSJW', bold: true }).weight, 'bold');
  assert.is(roleForPdfFont({ name: 'KaiTi', bold: true }).weight, 'bold');
  assert.is(roleForPdfFont({ name: 'FZDBSJW', bold: true }).weight, 'black');
  assert.is(roleForPdfFont({ name: 'FZDBSJW', bold: false }).weight, 'black');
});

test('the family name decides when the font name says nothing', () => {
  const g = roleForPdfFont({ name: 'F3', family: '方正小标宋简体' });
  assert.equal([g.role, g.weight, g.known], ['song', 'bold', true]);
  assert.equal(roleForPdfFont({ name: 'TT12', family: 'KaiTi' }).role, 'kai');
});

test('unknown and decorative faces are set in song, with a reason, and known: false', () => {
  for (const name of ['TT1', 'F12', 'Wingdings', 'FZQKBYSJW', 'FZLSJW', 'STLiti', 'STHupo']) {
    const g = roleForPdfFont({ name });
    assert.is(g.role, 'song', name);
    assert.is(g.known, false, name);
    assert.match(g.reason, /set in song/, name);
  }
  assert.match(roleForPdfFont({ name: 'FZLSJW' }).reason, /Founder code LS, 隶书: no role resembles it/);
  assert.is(roleForPdfFont({ name: 'TT1', bold: true }).weight, 'bold');
});

test('an unrelated capitalised name is not read as a Founder short form', () => {
  // ABJ would parse as code AB + J, but AB is no Founder code: read as a name, which says nothing.
  assert.is(roleForPdfFont({ name: 'ABJ' }).known, false);
  // …while a code with FZ in front is Founder's even when the table lacks it.
  assert.match(roleForPdfFont({ name: 'FZABJW' }).reason, /Founder code AB is not in the table/);
});

test('readable names: subset tag off, #xx escapes and GBK or UTF-8 bytes decoded', () => {
  assert.is(readableName('ABCDEF+SimSun'), 'SimSun');
  assert.is(readableName('#CB#CE#CC#E5'), '宋体');
  assert.is(readableName('\xE5\xAE\x8B\xE4\xBD\x93'), '宋体'); // UTF-8 bytes
  assert.is(readableName('Times-Roman'), 'Times-Roman');
});

test('derive reads the original’s fonts the same way (Founder’s body face 报宋 stays regular)', () => {
  assert.equal(roleOfPdfFont('FZBSJW-GB1-0cf-Identity-H'), { font: 'song', weight: 'regular', reason: 'FZBSJW: Founder code BS, 报宋 (a body Song)' });
  assert.equal(roleOfPdfFont('KTJ-PK74810c-Identity-H', true).font, 'kai');
  assert.equal(roleOfPdfFont('KTJ-PK74810c-Identity-H', true).weight, 'bold');
});

test.run();
