import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blockText } from '../src/index.js';
import { compact, pdfFonts, pdfText } from './helpers/pdf.js';
import { renderedSample } from './helpers/sample.js';

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

test('every character of every block is in the PDF text, block by block, in order', async () => {
  const { pdf, source } = await renderedSample();
  const text = compact(await pdfText(pdf));
  assert.not.ok(text.includes('\uFFFD'), 'U+FFFD in the PDF text');
  for (const b of source.blocks) {
    // Paragraph by paragraph (subheads stand between an article's paragraphs); the byline runs in.
    const parts = b.kind === 'caption' ? [(b.arrow ?? '') + b.paragraphs.join(''), b.credit ?? ''] : b.paragraphs.map((p, i) => (i === 0 ? (b.byline ?? '') : '') + p);
    for (const part of parts) assert.ok(text.includes(compact(part)), `${b.id}: "${part.slice(0, 20)}…" not found whole in the PDF text`);
    // And the character counts agree: every Han character, digit and mark of the block is there.
    const want = counted(blockText(b)).length;
    const got = parts.reduce((n, p) => n + counted(p).length, 0);
    assert.is(got, want, `${b.id}: ${got} of ${want} characters`);
  }
});

test('no character of the input is lost: page text = blocks + dropped debris', async () => {
  const { pdf, source } = await renderedSample();
  const text = counted(await pdfText(pdf));
  const expected = source.blocks.flatMap((b) => counted(blockText(b)));
  const bag = new Map<string, number>();
  for (const c of text) bag.set(c, (bag.get(c) ?? 0) + 1);
  for (const c of expected) {
    const n = bag.get(c) ?? 0;
    assert.ok(n > 0, `character ${c} missing from the PDF`);
    bag.set(c, n - 1);
  }
});

test.run();
