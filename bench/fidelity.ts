// Fidelity of a page, measured from the PDF's text: node dist/bench/fidelity.js [layout.json]
// Sets the page twice, with the layout's own breaks ('auto' unless it says otherwise) and with
// breaks 'reflow' forced on its body style, and lists every original line the PDF does not show identically.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderPage, resolveLayout } from '../src/index.js';
import { measureFidelity } from '../test/helpers/fidelity.js';
import { SAMPLE_LAYOUT } from '../test/helpers/sample.js';

const file = resolve(process.argv[2] ?? SAMPLE_LAYOUT);
const data = JSON.parse(readFileSync(file, 'utf8'));
const figures: string[] = [];
for (const breaks of ['layout', 'reflow'] as const) {
  const layout = resolveLayout(breaks === 'layout' ? data : { ...data, styles: { ...data.styles, body: { ...data.styles?.body, breaks } } }, file);
  const page = await renderPage(layout);
  const f = await measureFidelity(page.pdf, page);
  console.log(`— breaks ${breaks === 'layout' ? (layout.styles.body.breaks + ' (the layout’s)') : breaks}`);
  for (const b of f.blocks) {
    console.log(`${b.block}: ${b.identical}/${b.lines}`);
    for (const d of b.differing) console.log(`  ${d.why}\n    original: ${d.original}\n    pdf:      ${d.pdf}`);
  }
  if (page.report.reflowed.length) console.log(`reflowed: ${page.report.reflowed.map((r) => `${r.block} ¶${r.paragraph + 1} (${r.why})`).join('; ')}`);
  figures.push(`breaks ${breaks === 'layout' ? layout.styles.body.breaks : breaks}: ${f.identical}/${f.lines} (${(f.ratio * 100).toFixed(1)}%), overflow ${page.report.overflowChars} chars`);
}
console.log(`\nbody lines identical to the original, from the PDF text:\n  ${figures.join('\n  ')}`);
