#!/usr/bin/env node
/**
 * Bundle the compiled CLI (dist/src) into dist/bundle/ for a faster cold start: a few files instead of
 * ~400 modules to resolve, read and link (about 60–90 ms of a ~450 ms `banmian render`). Run after
 * `tsc` (npm run build / prepare / test / bench do). bin/banmian.js uses the bundle only when it is
 * at least as new as dist/src/cli/main.js, so a plain `npx tsc -p .` never runs stale code.
 *
 * The commands' lazy imports stay lazy (code splitting). Native or file-reading packages stay outside.
 * Three load-time costs no banmian page needs are deferred inside the bundle, each behaviour-preserving:
 * - tiny-inflate (unicode-trie's decoder, run at import by fontkit, unicode-properties and linebreak,
 *   ~20 ms in JavaScript) is replaced by Node's native raw inflate, same bytes out;
 * - brotli's 120 KB dictionary (WOFF2 only) is built on first use instead of at import (what
 *   src/warmup.ts deferBrotliDictionary does for the unbundled modules), and its 1.3 MB source
 *   module stays in node_modules, loaded only then;
 * - pdfkit's AES (@noble/ciphers, tables built at import) loads on first encryption, never for banmian;
 * - zod's z.locales keeps English only (the messages banmian shows); the other 40+ are 360 KB of source.
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, 'dist/bundle');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // A production install without dev dependencies: bin/banmian.js runs dist/src unbundled.
  console.error('bundle: esbuild is not installed; skipping (banmian runs unbundled)');
  process.exit(0);
}

const SHIMS = {
  'tiny-inflate': `
const { inflateRawSync } = require('node:zlib');
// tiny-inflate's contract: inflate raw DEFLATE \`source\` into \`dest\`; return dest, or its filled part.
module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source);
  if (out.length > dest.length) throw new Error('Data error');
  dest.set(out);
  return out.length < dest.length ? dest.subarray(0, out.length) : dest;
};`,
  'noble-aes': `
// pdfkit imports AES at load for encrypted PDFs; load it on first use.
export const cbc = (...a) => require('@noble/ciphers/aes').cbc(...a);
export const ecb = (...a) => require('@noble/ciphers/aes').ecb(...a);`,
};

const BROTLI_EAGER = "var data = require('./dictionary-data');\nexports.init = function() {\n  exports.dictionary = data.init();\n};";
// The data module stays outside the bundle (1.3 MB of source V8 would parse at every start) and is
// required from node_modules on first use, by its path relative to dist/bundle.
// brotli's decode.js calls init() as it loads, so init does nothing and the dictionary is a getter.
const brotliLazy = (dataSpec) => `var dictionary;
Object.defineProperty(exports, 'dictionary', { enumerable: true, get: function() { return dictionary || (dictionary = require(${JSON.stringify(dataSpec)}).init()); } });
exports.init = function() {};`;

const brotliData = new Set();
const deferLoadTimeWork = {
  name: 'defer-load-time-work',
  setup(build) {
    build.onResolve({ filter: /^tiny-inflate$/ }, () => ({ path: 'tiny-inflate', namespace: 'shim' }));
    build.onResolve({ filter: /^@noble\/ciphers\/aes$/ }, (args) => (/[\\/]pdfkit[\\/]/.test(args.importer) ? { path: 'noble-aes', namespace: 'shim' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'shim' }, (args) => ({ contents: SHIMS[args.path], loader: 'js', resolveDir: ROOT }));
    // zod's z.locales: error messages in 40+ languages (360 KB of source); banmian uses the default, English.
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: resolve(args.resolveDir, args.path), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: 'export { default as en } from "./en.js";', loader: 'js', resolveDir: dirname(args.path) }));
    build.onLoad({ filter: /[\\/]brotli[\\/]dec[\\/]dictionary\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      // Fail loudly if brotli changed: better no bundle than a silently different one.
      if (!text.includes(BROTLI_EAGER)) throw new Error(`bundle: ${args.path} is not the brotli dictionary module this script knows`);
      const dataSpec = './' + relative(OUT, resolve(dirname(args.path), 'dictionary-data.js')).split(sep).join('/');
      brotliData.add(dataSpec);
      return { contents: text.replace(BROTLI_EAGER, brotliLazy(dataSpec)), loader: 'js' };
    });
    build.onResolve({ filter: /dictionary-data\.js$/ }, (args) => (brotliData.has(args.path) ? { path: args.path, external: true } : undefined));
  },
};

await rm(OUT, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: { main: 'dist/src/cli/main.js', worker: 'dist/src/batch/worker.js' },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons and packages that read files beside their own code stay in node_modules.
  external: ['sharp', '@napi-rs/canvas', 'pdfjs-dist', 'piscina'],
  // CommonJS packages inside an ESM bundle still call require().
  banner: { js: "import { createRequire as __banmianRequire } from 'node:module'; const require = __banmianRequire(import.meta.url);" },
  plugins: [deferLoadTimeWork],
  // src/warmup.ts skips the require-cache version of the brotli deferral inside the bundle.
  define: { BANMIAN_BUNDLE: 'true' },
  logLevel: 'warning',
  legalComments: 'none',
  // Less source for V8 to scan at every start (1.7 → 1.3 MB, ~15 ms of a cold render). Names are
  // kept, so stack traces stay readable; `node --enable-source-maps bin/banmian.js …` maps them to
  // dist/src through the .map files written beside the chunks.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  sourcesContent: false,
});
