import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderPage, resolveLayout } from '../src/index.js';
import { measureFidelity } from './helpers/fidelity.js';
import { renderedSample, SAMPLE_LAYOUT } from './helpers/sample.js';

const BODY_BLOCKS = ['article-1', 'article-2', 'article-3', 'article-4', 'article-5', 'article-6', 'sidebar-1'];

/** The sample's layout sets no style field for the page: its styles only set sizes (and the sample's committed layout is that layout). */
test('the sample layout writes no page-tuned style field: how the text was set is read from the text', () => {
  const layout = JSON.parse(readFileSync(SAMPLE_LAYOUT, 'utf8'));
  const tuned = ['digits', 'latinSpacing', 'keepTogether', 'punctuation', 'quotes', 'adjacentMarks', 'pushIn', 'tracking'];
  for (const [name, style] of Object.entries(layout.styles as Record<string, object>)) for (const k of tuned) assert.not.ok(k in style, `styles.${name}.${k}`);
});

test("breaks 'auto' (the default): every body line of the sample read back from the PDF is the original's, nothing overflows", async () => {
  const page = await renderedSample();
  const f = await measureFidelity(page.pdf, page);
  assert.equal(f.blocks.map((b) => b.block), BODY_BLOCKS);
  assert.ok(f.lines > 300, `${f.lines} original body lines`);
  const listing = f.blocks.flatMap((b) => b.differing.map((d) => `${b.block} ${d.why}: ${d.original} ≠ ${d.pdf}`)).join('\n');
  assert.is(f.identical, f.lines, listing);
  assert.is(page.report.overflowChars, 0);
  // No body paragraph had to be reflowed.
  assert.equal(page.report.reflowed.filter((r) => BODY_BLOCKS.includes(r.block)), []);
});

test("breaks 'reflow': at least 90% of the sample's body lines read back from the PDF are the original's", async () => {
  const data = JSON.parse(readFileSync(SAMPLE_LAYOUT, 'utf8'));
  data.styles.body = { ...data.styles.body, breaks: 'reflow' };
  const page = await renderPage(resolveLayout(data, SAMPLE_LAYOUT));
  const f = await measureFidelity(page.pdf, page);
  const listing = f.blocks.flatMap((b) => b.differing.map((d) => `${b.block} ${d.why}: ${d.original} ≠ ${d.pdf}`)).join('\n');
  assert.ok(f.ratio >= 0.9, `${f.identical}/${f.lines} identical\n${listing}`);
  assert.ok(f.ratio < 1, 'reflow breaks anew (it does not copy the original lines)');
  assert.is(page.report.overflowChars, 0);
});

test("the PDF's lines agree with the typesetter's own per-block report", async () => {
  const page = await renderedSample();
  const f = await measureFidelity(page.pdf, page);
  for (const b of page.report.fidelity.blocks) {
    const fromPdf = f.blocks.find((x) => x.block === b.block)!;
    assert.is(fromPdf.lines, b.lines, b.block);
    assert.is(fromPdf.identical, b.identical, `${b.block}: PDF ${fromPdf.identical}, report ${b.identical}`);
  }
});

test('on the sample, no body line exceeds its column; every line but a paragraph\'s last is exactly the column width', async () => {
  const page = await renderedSample();
  const body = page.set.stories.flatMap((s) => s.lines).filter((l) => l.role === 'body');
  assert.ok(body.length > 300);
  for (const l of body) assert.ok(l.used <= l.width + 0.01, `${l.block}#${l.paragraph}.${l.line} "${l.text}": ${l.used} > ${l.width}`);
  const lastOf = new Map<string, number>();
  for (const l of body) lastOf.set(`${l.block}#${l.paragraph}`, Math.max(lastOf.get(`${l.block}#${l.paragraph}`) ?? 0, l.line));
  const justified = body.filter((l) => l.line < lastOf.get(`${l.block}#${l.paragraph}`)!);
  for (const l of justified) assert.ok(Math.abs(l.used - l.width) < 0.01, `${l.block}#${l.paragraph}.${l.line} "${l.text}": ${l.used} ≠ ${l.width}`);
});

test.run();
