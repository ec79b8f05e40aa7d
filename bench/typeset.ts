// Warm median time to typeset all of the sample's text: node dist/bench/typeset.js [runs]
// Fonts are opened once (as in a long-running process); each run itemizes, breaks, justifies and
// places every story of the page from scratch.
import { readFileSync } from 'node:fs';
import { assign, FontBook, ingest, layoutPage, loadLayout, typesetPage } from '../src/index.js';
import { SAMPLE_LAYOUT } from '../test/helpers/sample.js';

const runs = Number(process.argv[2] ?? 200);
const layout = loadLayout(SAMPLE_LAYOUT);
const source = ingest(readFileSync(layout.textFile!), {}, layout.textFile!);
const { stories, hints } = assign(source, layout);
const frames = layoutPage(layout, hints);
const fonts = new FontBook();

const times: number[] = [];
let glyphs = 0;
for (let i = 0; i < runs + 5; i++) {
  const t = performance.now();
  const set = typesetPage(stories, frames, layout.styles, fonts);
  const dt = performance.now() - t;
  if (i >= 5) times.push(dt); // the first runs open fonts and warm caches and the JIT
  glyphs = set.stories.reduce((n, s) => n + s.lines.reduce((m, l) => m + l.glyphs.length, 0), 0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`typeset the sample (${glyphs} glyphs, ${stories.length} stories): warm median ${median.toFixed(2)} ms over ${runs} runs (min ${times[0].toFixed(2)}, max ${times[times.length - 1].toFixed(2)})`);
