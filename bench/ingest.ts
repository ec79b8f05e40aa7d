// Warm median time to ingest the sample page (issue 3 asks for under 20 ms).
// Run: npx tsc -p . && node dist/bench/ingest.js [runs]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../src/ingest/index.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const bytes = readFileSync(resolve(ROOT, 'input/puyang-daily-kaifaqu.txt'));
const runs = Number(process.argv[2] ?? 200);

for (let i = 0; i < 20; i++) ingest(bytes); // warm up: JIT, regex compilation
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  ingest(bytes);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
console.log(`ingest sample (${bytes.length} bytes): median ${at(0.5)} ms, p10 ${at(0.1)} ms, p90 ${at(0.9)} ms over ${runs} warm runs`);
