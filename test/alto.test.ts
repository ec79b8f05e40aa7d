import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { altoXml } from '../src/export/alto.js';
import { defaultFonts } from '../src/index.js';
import { MM } from '../src/model/index.js';
import { compact } from './helpers/pdf.js';
import { renderedSample, ROOT } from './helpers/sample.js';

/** The ALTO 4.4 schema with its XLink import and a catalog, kept in the repository (CC BY-SA 4.0, see its README). */
const SCHEMA_DIR = resolve(ROOT, 'test/fixtures/alto');

let made: Promise<{ xml: string; file: string; dir: string }> | undefined;
const sampleAlto = () =>
  (made ??= renderedSample().then((p) => {
    const xml = altoXml(p.layout, p.frames, p.set, defaultFonts(), { fileName: 'puyang-daily-kaifaqu.pdf', date: '2020-07-06' });
    const dir = mkdtempSync(join(tmpdir(), 'banmian-alto-'));
    const file = join(dir, 'page.alto.xml');
    writeFileSync(file, xml);
    return { xml, file, dir };
  }));

/** Evaluate an XPath over the ALTO file with xmllint (a real XML reader). */
function xpath(file: string, expr: string): string {
  return execFileSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8' }).trim();
}
const el = (name: string) => `*[local-name()='${name}']`;

test('the ALTO export validates against the ALTO 4.4 schema, offline', async () => {
  const { file } = await sampleAlto();
  let out = '';
  try {
    out = execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(SCHEMA_DIR, 'alto-4-4.xsd'), file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XML_CATALOG_FILES: join(SCHEMA_DIR, 'catalog.xml') },
    });
  } catch (e) {
    const err = e as { stderr: string };
    assert.unreachable(`xmllint: ${err.stderr.slice(0, 2000)}`);
  }
  assert.is(out, '');
});

test('ALTO: a TextBlock per region story in reading order, lines and strings as set, in mm10', async () => {
  const { file } = await sampleAlto();
  const { set, layout } = await renderedSample();
  assert.is(xpath(file, `string(//${el('MeasurementUnit')})`), 'mm10');
  const stories = set.stories.filter((s) => s.lines.some((l) => l.glyphs.length));
  assert.is(Number(xpath(file, `count(//${el('TextBlock')})`)), stories.length);
  assert.is(Number(xpath(file, `count(//${el('TextLine')})`)), stories.reduce((n, s) => n + s.lines.filter((l) => l.glyphs.length).length, 0));
  stories.forEach((story, i) => {
    const block = `(//${el('TextBlock')})[${i + 1}]`;
    // XML ids: characters outside NCName (the page header's @) become _.
    assert.is(xpath(file, `string(${block}/@ID)`), `TB_${story.region.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
    // The block's strings, read in order, are the story's lines as set.
    const strings = xpath(file, `${block}//${el('String')}/@CONTENT`).split('\n').map((a) => a.replace(/^\s*CONTENT="(.*)"$/, '$1'));
    assert.is(strings.join(''), compact(story.lines.map((l) => l.glyphs.map((g) => g.text).join('')).join('')), `block ${story.region}`);
  });
  // The first string sits where the typesetter put the first glyph (HPOS in tenths of a mm).
  const g = stories[0].lines[0].glyphs.at(0)!;
  assert.ok(Math.abs(Number(xpath(file, `string((//${el('String')})[1]/@HPOS)`)) - (g.x / MM) * 10) < 0.11);
  // Every box lies on the page.
  const W = (layout.page.width / MM) * 10;
  const H = (layout.page.height / MM) * 10;
  assert.is(Number(xpath(file, `string(//${el('Page')}/@WIDTH)`)), Math.round(W * 10) / 10);
  const outside = Number(xpath(file, `count(//${el('String')}[@HPOS < 0 or @VPOS < 0 or @HPOS + @WIDTH > ${W} or @VPOS + @HEIGHT > ${H} or @WIDTH <= 0 or @HEIGHT <= 0])`));
  assert.is(outside, 0);
});

test.after(async () => {
  if (made) rmSync((await made).dir, { recursive: true, force: true });
});

test.run();
