#!/usr/bin/env node
// banmian command line. The TypeScript is compiled to dist/ by `npm install` (the prepare script).
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// A closed pipe (banmian inspect … | head) is not an error.
process.stdout.on('error', (e) => (e.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : Promise.reject(e)));

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('banmian: dist/ is missing; run `npm install` (or `npm run build`) in the banmian folder first.');
  process.exit(2);
}
// The bundle (scripts/bundle.mjs) starts faster, with V8's code cache (code-cache.cjs). In a clone
// it is used only when built from the current dist/src (a bare `tsc` may have compiled newer code);
// an installed package (no src/ beside dist/) has nothing to rebuild, and its libraries are in the
// bundle only: there it is always used (the files' times are those of the unpacking, in no order).
const bundle = fileURLToPath(new URL('../dist/bundle/main.cjs', import.meta.url));
const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const codeCache = fileURLToPath(new URL('../dist/bundle/code-cache.cjs', import.meta.url));
const installed = !existsSync(fileURLToPath(new URL('../src', import.meta.url)));
// A build in progress may have written the bundle but not yet its loader: then take dist/src.
const { main: run } =
  (installed || mtime(bundle) >= mtime(fileURLToPath(main))) && existsSync(bundle) && existsSync(codeCache)
    ? createRequire(import.meta.url)('../dist/bundle/code-cache.cjs').load(bundle)
    : await import(main.href);
process.exitCode = await run(process.argv.slice(2));
