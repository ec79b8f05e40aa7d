import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../src/errors.js';
import { FontBook } from '../src/fonts/fontbook.js';
import { DEFAULT_REGISTRY, loadRegistry, resolveFontPath } from '../src/fonts/registry.js';
import { renderPage } from '../src/index.js';
import { resolveStyles } from '../src/model/styles.js';
import { typesetPage } from '../src/typeset/index.js';
import { compact, pdfFonts, pdfText } from './helpers/pdf.js';
import { ROOT } from './helpers/sample.js';

const KAI_TEXT = '编者按：本期刊登读者来信，说出了许多人的心声，值得一读。';
const FANGSONG_TEXT = '特此通知，请各单位认真贯彻落实。';
const SONG_TEXT = '本报讯 开发区召开大会，部署下半年工作。';

/** A small page: one region in kai, one in fangsong, one in the default body (song). */
async function renderRoles() {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-roles-'));
  try {
    writeFileSync(join(dir, 'text.txt'), `${SONG_TEXT}\n`);
    const layout = {
      name: 'roles',
      text: 'text.txt',
      page: { size: { width: '120mm', height: '70mm' }, margins: '5mm' },
      styles: {
        note: { font: 'kai', size: '五号', leading: '16pt', indent: 0 },
        notice: { font: 'fangsong', size: '五号', leading: '16pt', indent: 0 },
      },
      regions: [
        { kind: 'text', id: 'note', x: 0, y: 0, width: '110mm', height: '18mm', style: 'note', content: { text: KAI_TEXT } },
        { kind: 'text', id: 'notice', x: 0, y: '20mm', width: '110mm', height: '18mm', style: 'notice', content: { text: FANGSONG_TEXT } },
        { kind: 'text', id: 'news', x: 0, y: '40mm', width: '110mm', height: '18mm', content: { text: SONG_TEXT } },
      ],
    };
    writeFileSync(join(dir, 'layout.json'), JSON.stringify(layout));
    return await renderPage(join(dir, 'layout.json'), { fonts: new FontBook(), root: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
let rendered: ReturnType<typeof renderRoles> | undefined;
const roles = () => (rendered ??= renderRoles());

/** The face keys the glyphs of a region were set in. */
const facesOf = (page: Awaited<ReturnType<typeof renderRoles>>, region: string) =>
  new Set(page.set.stories.filter((s) => s.region === region).flatMap((s) => s.lines.flatMap((l) => l.glyphs.map((g) => g.run.face))));

test('kai: LXGW WenKai from npm, decoded from WOFF2 into a TrueType face per weight', async () => {
  const fonts = new FontBook();
  fonts.prefetch([
    { font: 'kai', weight: 'regular' },
    { font: 'kai', weight: 'bold' },
  ]);
  await fonts.prefetched();
  const regular = fonts.face('kai');
  const bold = fonts.face('kai', 'bold');
  assert.is(regular.font.postscriptName, 'LXGWWenKai-Regular');
  assert.is(bold.font.postscriptName, 'LXGWWenKai-Bold');
  assert.is(regular.font.type, 'TTF', 'decoded to TrueType, not read as WOFF2');
  assert.ok([...'编者按楷体永'].every((c) => regular.has(c.codePointAt(0)!)));
  // No black weight: it is set in the bold, one face (one embedded subset) for both.
  assert.is(fonts.face('kai', 'black'), bold);
  assert.is(fonts.standIn('kai', 'regular'), undefined);
});

test('kai: vertical forms come from GSUB (fontkit would shape with the font’s morx, which has none)', async () => {
  const fonts = new FontBook();
  fonts.prefetch([{ font: 'kai', weight: 'regular' }]);
  await fonts.prefetched();
  const kai = fonts.face('kai');
  for (const c of '，（「') assert.is.not(kai.featureGlyph(c, 'vert').gid, kai.font.glyphForCodePoint(c.codePointAt(0)!).id, `${c} has a vertical form`);
  assert.is(kai.featureGlyph('永', 'vert').gid, kai.font.glyphForCodePoint(0x6c38).id);
});

test('a Kai line renders in the Kai face: embedded as a subset, its text extractable', async () => {
  const page = await roles();
  assert.equal([...facesOf(page, 'note')], ['kai-regular']);
  const fonts = await pdfFonts(page.pdf);
  const kai = fonts.find((f) => /^[A-Z]{6}\+LXGWWenKai-Regular$/.test(f.name));
  assert.ok(kai, `fonts: ${fonts.map((f) => f.name).join(', ')}`);
  assert.ok(kai!.embedded && kai!.subset);
  const text = compact(await pdfText(page.pdf));
  for (const t of [KAI_TEXT, FANGSONG_TEXT, SONG_TEXT]) assert.ok(text.includes(compact(t)), `${t} in the PDF text`);
});

test('a role with no face (fangsong) is set in song with a warning in the report; no character is lost', async () => {
  const page = await roles();
  assert.equal([...facesOf(page, 'notice')], ['song-regular']);
  const warning = page.report.warnings.find((w) => w.includes('"fangsong"'));
  assert.ok(warning, `warnings: ${page.report.warnings.join(' | ')}`);
  assert.match(warning!, /has no face: the font registry names no regular face for "fangsong"; its text is set in song-regular/);
  assert.not.ok(page.report.warnings.some((w) => w.includes('"kai"')), 'kai has its face');
  assert.equal(page.report.missing, []);
  const setText = page.set.stories.find((s) => s.region === 'notice')!.lines.map((l) => l.text).join('');
  assert.is(compact(setText), compact(FANGSONG_TEXT));
});

test('stand-ins are reported per page, not carried over to a page that does not use the role', () => {
  const fonts = new FontBook();
  const styles = resolveStyles({ notice: { font: 'fangsong' } });
  const box = { x: 0, y: 0, width: 200, height: 100 };
  const frame = { id: 't', kind: 'text' as const, region: { kind: 'text' as const, id: 't', content: { text: 'x' } }, box, columns: [box] };
  const page = (style: string) =>
    typesetPage([{ region: 't', continuedIn: [], blocks: [], paragraphs: [{ runs: [{ text: '通知如下', style }], style, role: 'body', block: 'b', index: 0 }] }], [frame], styles, fonts);
  assert.equal(Object.keys(page('notice').standIns), ['fangsong-regular']);
  assert.equal(page('body').standIns, {});
});

test('a character the stand-in lacks is set in the stand-in’s own fallback (fangsong → song → hei)', () => {
  const fonts = new FontBook();
  const biang = '\u{30EDD}'; // 𰻝: in Noto Sans SC, not in Noto Serif SC
  assert.is(fonts.faceFor('fangsong', 'regular', biang)?.key, 'hei-regular');
  assert.is(fonts.faceFor('fangsong', 'regular', '通')?.key, 'song-regular');
  assert.is(fonts.faceFor('fangsong', 'regular', '\u{F0001}'), null);
});

test('a role whose file is not installed stands in too; with nothing installed it is an InputError naming the role', () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-registry-'));
  try {
    const base = loadRegistry();
    const song = resolveFontPath(base, base.roles.song.weights.regular!);
    const write = (roles: object) => {
      writeFileSync(join(dir, 'registry.json'), JSON.stringify({ roles }));
      return new FontBook(loadRegistry(join(dir, 'registry.json')));
    };
    const fonts = write({ song: { weights: { regular: song } }, kai: { weights: { regular: 'missing/kai.ttf' }, fallback: ['song'] } });
    const face = fonts.face('kai');
    assert.is(face.key, 'song-regular');
    assert.match(fonts.standIn('kai', 'regular')!.reason, /its font file is not installed \(.*missing[\\/]kai\.ttf; run npm install\)/);
    const none = write({ song: { weights: { regular: 'missing/song.ttf' } }, kai: { weights: {}, fallback: ['song'] } });
    try {
      none.face('kai');
      assert.unreachable('no face at all');
    } catch (e) {
      assert.instance(e, InputError);
      assert.match((e as Error).message, /font role "kai" \(regular\): .*none of song has a face to stand in/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a broken WOFF2 file is an InputError naming the role and file; opening WOFF2 without prefetch is a bug, said so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-woff2-'));
  try {
    const base = loadRegistry();
    const song = resolveFontPath(base, base.roles.song.weights.regular!);
    writeFileSync(join(dir, 'broken.woff2'), Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(200, 7)]));
    writeFileSync(join(dir, 'registry.json'), JSON.stringify({ roles: { song: { weights: { regular: song } }, kai: { weights: { regular: 'broken.woff2' }, fallback: ['song'] } } }));
    const registry = loadRegistry(join(dir, 'registry.json'));
    const fonts = new FontBook(registry);
    fonts.prefetch([{ font: 'kai', weight: 'regular' }]);
    await fonts.prefetched();
    try {
      fonts.face('kai');
      assert.unreachable('a broken file opened');
    } catch (e) {
      assert.instance(e, InputError);
      assert.match((e as Error).message, /font role "kai" \(regular\): cannot read .*broken\.woff2: .*not a valid WOFF2 file/);
    }
    await new Promise((go) => setImmediate(go)); // the decoder is let go after use
    try {
      new FontBook(registry).face('kai');
      assert.unreachable('opened WOFF2 with no decoder');
    } catch (e) {
      assert.not.instance(e, InputError);
      assert.match((e as Error).message, /is WOFF2 and no decoder is running: call prefetch\(\) and await prefetched\(\)/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the registry names the four roles and keeps the licences beside the fonts', () => {
  const registry = loadRegistry(DEFAULT_REGISTRY);
  assert.equal(Object.keys(registry.roles).sort(), ['fangsong', 'hei', 'kai', 'song']);
  for (const role of ['kai', 'fangsong']) assert.equal(registry.roles[role].fallback, ['song']);
  const licence = readFileSync(join(ROOT, 'fonts/OFL-lxgw-wenkai.txt'), 'utf8');
  assert.match(licence, /LXGW/);
  assert.match(licence, /SIL Open Font License, Version 1\.1/);
});

test.run();
