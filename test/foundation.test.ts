import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blockText } from '../src/index.js';
import { compact, pdfFonts, pdfText } from './helpers/pdf.js';
import { renderedSample, SAMPLE_TEXT } from './helpers/sample.js';

const counted = (s: string) => [...compact(s)].filter((c) => /[\p{Script=Han}\p{N}\p{P}\p{S}]/u.test(c));

test('the sample renders with no overflow, no missing glyphs, every block placed', async () => {
  const page = await renderedSample();
  assert.is(page.report.overflowChars, 0, JSON.stringify(page.report.overflow));
  assert.equal(page.report.missing, []);
  assert.equal(page.report.unplaced, []);
  assert.ok(page.pdf.length > 10_000);
});

test('every font is an embedded subset, none is a standard-14 font', async () => {
  const { pdf } = await renderedSample();
  const fonts = await pdfFonts(pdf);
  assert.ok(fonts.length >= 3, `fonts: ${fonts.map((f) => f.name)}`);
  for (const f of fonts) {
    assert.ok(f.embedded, `${f.name} not embedded`);
    assert.ok(f.subset, `${f.name} not a subset`);
    assert.not.ok(f.standard, `${f.name} is a standard font`);
  }
});

test('every character of every block is in the PDF text, block by block, in order; nothing else is', async () => {
  const { pdf, source, layout } = await renderedSample();
  let rest = compact(await pdfText(pdf));
  assert.not.ok(rest.includes('\uFFFD'), 'U+FFFD in the PDF text');
  // Take each block's text out of the page text, paragraph by paragraph (subheads stand between an
  // article's paragraphs; the byline runs in): each part must be there whole, and is used up once.
  for (const b of source.blocks) {
    const parts = b.kind === 'caption' ? [(b.arrow ?? '') + b.paragraphs.join(''), b.credit ?? ''] : b.paragraphs.map((p, i) => (i === 0 ? (b.byline ?? '') : '') + p);
    let found = 0;
    for (const part of parts.map(compact)) {
      const at = rest.indexOf(part);
      assert.ok(at >= 0, `${b.id}: "${part.slice(0, 20)}…" not found whole in the PDF text`);
      rest = rest.slice(0, at) + rest.slice(at + part.length);
      found += counted(part).length;
    }
    // The character counts agree: every Han character, digit and mark of the block came from the PDF.
    assert.is(found, counted(blockText(b)).length, `${b.id}: ${found} of ${counted(blockText(b)).length} characters`);
  }
  // What is left is the text the layout itself adds: the page header line and inline headlines.
  for (const r of layout.regions) {
    const inline = r.kind === 'text' && 'text' in r.content ? r.content.text : r.kind === 'article' && r.headline ? [r.headline.kicker, r.headline.main, r.headline.subtitle].join('') : '';
    for (const part of [compact(inline)].filter(Boolean)) {
      const at = rest.indexOf(part);
      assert.ok(at >= 0, `${r.id}: "${part}" not in the PDF text`);
      rest = rest.slice(0, at) + rest.slice(at + part.length);
    }
  }
  assert.is(rest, '', 'the PDF holds characters that are in no block');
});

test('no character of the input is lost: every non-space input character is in a block or dropped with a reason', async () => {
  const { source } = await renderedSample();
  const { readFileSync } = await import('node:fs');
  const { checkConservation } = await import('../src/index.js');
  const report = checkConservation(readFileSync(SAMPLE_TEXT, 'utf8'), source);
  assert.ok(report.ok, JSON.stringify(report).slice(0, 400));
  assert.ok(source.dropped.length > 0 && source.dropped.every((d) => d.reason), 'the sample has debris, each dropped with a reason');
});

test.run();
