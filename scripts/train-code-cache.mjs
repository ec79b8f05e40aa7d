#!/usr/bin/env node
/**
 * The training run for the code caches (scripts/bundle.mjs runs it last): the command line's main
 * commands once, through dist/bundle/main.cjs and pdfjs.cjs as bin/banmian.js loads them, then the
 * code V8 compiled for them is written beside each bundle (bin/code-cache.cjs). Output goes to a
 * temporary folder; nothing is printed unless a command fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = createRequire(import.meta.url)(resolve(ROOT, 'dist/bundle/code-cache.cjs'));
const { main } = cache.load(resolve(ROOT, 'dist/bundle/main.cjs'));
const tmp = mkdtempSync(join(tmpdir(), 'banmian-train-'));
const out = [];
const write = process.stdout.write.bind(process.stdout);
const writeErr = process.stderr.write.bind(process.stderr);
process.stdout.write = process.stderr.write = (chunk) => (out.push(String(chunk)), true);
try {
  const runs = [
    // The sample (text path, every default face) and the tabloid (flex groups, photos through sharp).
    ['render', resolve(ROOT, 'layouts/puyang-daily-kaifaqu.json'), '-o', join(tmp, 'sample.pdf')],
    ['render', resolve(ROOT, 'layouts/donghe-evening-community.json'), '-o', join(tmp, 'tabloid.pdf')],
    // The PDF front door, on banmian's own page.
    ['inspect', join(tmp, 'tabloid.pdf')],
    ['rebuild', join(tmp, 'tabloid.pdf'), '-o', join(tmp, 'rebuilt.pdf')],
    ['compare', join(tmp, 'tabloid.pdf'), join(tmp, 'rebuilt.pdf'), '--png', join(tmp, 'overlay.png'), '--side', join(tmp, 'side.png')],
  ];
  for (const argv of runs) {
    const code = await main(argv);
    // 1: the page overflows somewhere, which is a page's business, not the training's.
    if (code !== 0 && code !== 1) throw new Error(`banmian ${argv.join(' ')} exited ${code}:\n${out.join('')}`);
  }
} finally {
  process.stdout.write = write;
  process.stderr.write = writeErr;
  rmSync(tmp, { recursive: true, force: true });
}
cache.writeCaches();
