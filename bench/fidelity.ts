// Fidelity of the sample, measured from the PDF's text: node dist/bench/fidelity.js [layout.json]
// Lists every original line the PDF does not show identically, block by block.
import { renderPage } from '../src/index.js';
import { measureFidelity } from '../test/helpers/fidelity.js';
import { SAMPLE_LAYOUT } from '../test/helpers/sample.js';

const page = await renderPage(process.argv[2] ?? SAMPLE_LAYOUT);
const f = await measureFidelity(page.pdf, page);
for (const b of f.blocks) {
  console.log(`${b.block}: ${b.identical}/${b.lines}`);
  for (const d of b.differing) console.log(`  ${d.why}\n    original: ${d.original}\n    pdf:      ${d.pdf}`);
}
console.log(`body lines identical to the original, from the PDF text: ${f.identical}/${f.lines} (${(f.ratio * 100).toFixed(1)}%)`);
