import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli/main.js';
import { renderPage, setPage } from '../src/index.js';
import { MM } from '../src/model/index.js';
import { formatReport } from '../src/report/index.js';

/** What the report tells a layout's author: how far a region is short, and what to look at. */

const dir = mkdtempSync(join(tmpdir(), 'banmian-report-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

// One paragraph of exactly 10 lines of 12 Han characters (no indent, no punctuation), at 10 pt on a 15 pt leading.
const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质';
const text = HAN.slice(0, 120);
writeFileSync(at('page.txt'), `本报讯${text}\n`);
await sharp({ create: { width: 60, height: 40, channels: 3, background: '#808080' } }).png().toFile(at('small.png'));

function layout(name: string, lines: number, more: object[] = []): string {
  const file = at(`${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      text: 'page.txt',
      page: { size: { width: '120mm', height: '200mm' }, margins: 0 },
      styles: { body: { size: '10pt', leading: '15pt', indent: 0 } },
      regions: [
        // 12 characters wide; `lines` lines tall (the first line's em, then a leading per line).
        { kind: 'article', id: 'story', x: '10mm', y: '10mm', width: '120pt', height: `${10 + (lines - 1) * 15}pt`, content: { text: text }, headline: false },
        ...more,
      ],
    }),
  );
  return file;
}

test('an overflowing region: how many lines and millimetres it is short of, by its id', async () => {
  const fits = await setPage(layout('fits', 10), { root: dir });
  assert.is(fits.report.overflowChars, 0);
  assert.is(fits.report.regions[0].linesUsed, 10, 'the text takes exactly 10 lines');
  const short = await setPage(layout('short', 7), { root: dir });
  const region = short.report.regions.find((r) => r.region === 'story')!;
  assert.is(region.overflow, 36);
  assert.is(region.missingLines, 3);
  assert.is(region.missingMm, Math.round(((3 * 15) / MM) * 10) / 10);
  assert.match(formatReport(short.report), /story\s+article\s+OVERFLOW 36 chars: 3 lines short \(15\.9 mm of column\)/);
  // The command line says the same.
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
  try {
    assert.is(await main(['check', at('short.json'), '--root', dir]), 1);
  } finally {
    process.stdout.write = write;
  }
  assert.match(out.join(''), /OVERFLOW 36 chars: 3 lines short \(15\.9 mm of column\)/);
});

test('warnings: a photo region with no image, a photo under 200 ppi (check and render alike), a fallback font, a reflowed paragraph', async () => {
  const file = layout('photos', 10, [
    { kind: 'photo', id: 'empty', x: '10mm', y: '80mm', width: '30mm', height: '20mm' },
    // 60 × 40 px over 30 × 20 mm: 51 ppi.
    { kind: 'photo', id: 'soft', x: '50mm', y: '80mm', width: '30mm', height: '20mm', image: 'small.png' },
    // 𰻝 is in Noto Sans SC only: the song text falls back to hei for it.
    { kind: 'text', id: 'odd', x: '10mm', y: '110mm', width: '60mm', height: '10mm', content: { text: '吃\u{30EDD}面' } },
  ]);
  const set = await setPage(file, { root: dir });
  const w = set.report.warnings;
  assert.ok(w.some((x) => /^warning: empty: no image; a gray placeholder/.test(x)), w.join('\n'));
  assert.ok(w.some((x) => /^warning: 1 character set in fallback font hei-regular: \u{30EDD}/u.test(x)), w.join('\n'));
  assert.not.ok(w.some((x) => /soft: photo at/.test(x)), 'setPage reads no image');
  const rendered = await renderPage(file, { root: dir });
  assert.ok(rendered.report.warnings.some((x) => x === 'warning: soft: photo at 51 ppi at print size (newsprint needs 200)'), rendered.report.warnings.join('\n'));
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
  try {
    assert.is(await main(['check', file, '--root', dir]), 0);
  } finally {
    process.stdout.write = write;
  }
  assert.match(out.join(''), /warning: soft: photo at 51 ppi at print size/);
  // A paragraph whose original lines the measure cannot hold is reflowed, and the warnings say so.
  const { renderedSample } = await import('./helpers/sample.js');
  const sample = await renderedSample();
  assert.ok(sample.report.reflowed.length > 0);
  for (const r of sample.report.reflowed) assert.ok(sample.report.warnings.some((x) => x.startsWith(`warning: ${r.region} (${r.block} paragraph ${r.paragraph + 1}): reflowed`)), r.block);
});

test.run();
