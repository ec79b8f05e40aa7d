#!/usr/bin/env node
// banmian command line. The TypeScript is compiled to dist/ by `npm install` (the prepare script).
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A closed pipe (banmian inspect … | head) is not an error.
process.stdout.on('error', (e) => (e.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : Promise.reject(e)));

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('banmian: dist/ is missing; run `npm install` (or `npm run build`) in the banmian folder first.');
  process.exit(2);
}
// The bundle (scripts/bundle.mjs) starts faster; it is used only when built from the current dist/src.
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const mtime = (url) => statSync(fileURLToPath(url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const entry = mtime(bundle) >= mtime(main) ? bundle : main;
const { main: run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2));
