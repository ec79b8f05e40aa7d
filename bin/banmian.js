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
// The bundle (scripts/bundle.mjs) starts faster, with V8's code cache (code-cache.cjs); it is used
// only when built from the current dist/src.
const bundle = fileURLToPath(new URL('../dist/bundle/main.cjs', import.meta.url));
const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const codeCache = fileURLToPath(new URL('../dist/bundle/code-cache.cjs', import.meta.url));
// A build in progress may have written the bundle but not yet its loader: then take dist/src.
const { main: run } =
  mtime(bundle) >= mtime(fileURLToPath(main)) && existsSync(codeCache)
    ? createRequire(import.meta.url)('../dist/bundle/code-cache.cjs').load(bundle)
    : await import(main.href);
process.exitCode = await run(process.argv.slice(2));
