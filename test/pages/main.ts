/**
 * `npm run pages [-- <folder>] [--seed N]`: write the generated test pages, their truths and photos,
 * and the damaged-text-layer fixtures into a folder (default output/pages), and print what was
 * written with its size and the time it took.
 */
import { writeAll, DEFAULT_SEED } from './generate.js';

const args = process.argv.slice(2);
let dir = 'output/pages';
let seed = DEFAULT_SEED;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--seed') {
    seed = Number(args[++i]);
    if (!Number.isInteger(seed) || seed < 0) {
      console.error(`pages: --seed takes a whole number, not ${args[i]}`);
      process.exit(2);
    }
  } else if (args[i].startsWith('-')) {
    console.error(`pages: unknown option ${args[i]} (usage: pages [folder] [--seed N])`);
    process.exit(2);
  } else dir = args[i];
}
const t0 = performance.now();
const index = await writeAll(dir, seed);
const total = performance.now() - t0;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
for (const p of index.pages) console.log(`${p.name.padEnd(34)} ${kb(p.bytes).padStart(8)} ${String(p.ms).padStart(6)} ms  ${dir}/${p.pdf}`);
for (const f of index.fixtures) console.log(`${`fixtures/${f.name}`.padEnd(34)} ${kb(f.bytes).padStart(8)}            ${dir}/${f.pdf}`);
console.log(`${index.pages.length} pages and ${index.fixtures.length} fixtures (seed ${seed}) in ${(total / 1000).toFixed(2)} s`);
