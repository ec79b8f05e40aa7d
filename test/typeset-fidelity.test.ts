import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { measureFidelity } from './helpers/fidelity.js';
import { renderedSample } from './helpers/sample.js';

const BODY_BLOCKS = ['article-1', 'article-2', 'article-3', 'article-4', 'article-5', 'article-6', 'sidebar-1'];

test('at least 90% of the body lines read back from the PDF are identical to the original lines', async () => {
  const page = await renderedSample();
  const f = await measureFidelity(page.pdf, page);
  // The lead article, the five other articles and the sidebar are all measured.
  assert.equal(f.blocks.map((b) => b.block), BODY_BLOCKS);
  assert.ok(f.lines > 300, `${f.lines} original body lines`);
  const listing = f.blocks.flatMap((b) => b.differing.map((d) => `${b.block} ${d.why}: ${d.original} ≠ ${d.pdf}`)).join('\n');
  assert.ok(f.ratio >= 0.9, `${f.identical}/${f.lines} identical\n${listing}`);
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
