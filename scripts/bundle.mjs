#!/usr/bin/env node
/**
 * Bundle the compiled CLI (dist/src) into dist/bundle/ for a faster cold start: a few files instead of
 * ~400 modules to resolve, read and link (about 60–90 ms of a ~450 ms `banmian render`). Run after
 * `tsc` (npm run build / prepare / test / bench do). bin/banmian.js uses the bundle only when it is
 * at least as new as dist/src/cli/main.js, so a plain `npx tsc -p .` never runs stale code.
 *
 * The command line is a CommonJS bundle, main.cjs, and pdf.js (3.3 MB of source, read only by the
 * PDF commands) another, pdfjs.cjs, loaded when a command first opens a PDF: CommonJS so that they
 * run with V8's code cache (bin/code-cache.cjs), which Node 20 has for scripts but not for ES
 * modules. The cache is written by a training run of the commands (scripts/train-code-cache.mjs)
 * at the end of this script. Batch workers load an ES module bundle, worker.js: a worker starts once
 * per batch. Packages with native code or that read files beside their own (sharp, @napi-rs/canvas,
 * piscina) stay outside. yoga-layout's top-level await, which CommonJS cannot hold, is replaced by a
 * loader src/layout awaits (layoutReady). Commands' lazy imports stay lazy: esbuild wraps each module
 * in a function run at its first import.
 * Three load-time costs no banmian page needs are deferred inside the bundle, each behaviour-preserving:
 * - tiny-inflate (unicode-trie's decoder, run at import by fontkit, unicode-properties and linebreak,
 *   ~20 ms in JavaScript) is replaced by Node's native raw inflate, same bytes out;
 * - brotli's 120 KB dictionary (WOFF2 only) is built on first use instead of at import (what
 *   src/warmup.ts deferBrotliDictionary does for the unbundled modules), and its 1.3 MB source
 *   module stays in node_modules, loaded only then;
 * - pdfkit's AES (@noble/ciphers, tables built at import) loads on first encryption, never for banmian;
 * - zod's z.locales keeps English only (the messages banmian shows); the other 40+ are 360 KB of source.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, readdir, readFile, rm } from 'node:fs/promises';
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

/**
 * CommonJS bundles only: yoga-layout awaits its WebAssembly at the top level, which CommonJS cannot.
 * Its `load` entry does the same work when called; the stand-in module starts it at first import and
 * fills in the same default export when it is done (src/layout awaits layoutReady() before using it).
 */
const YOGA_SHIM = `import { loadYoga } from 'yoga-layout/load';
export * from 'yoga-layout/load';
const Yoga = {};
Object.defineProperty(Yoga, '__ready', { value: loadYoga().then((y) => { Object.assign(Yoga, y); }) });
export default Yoga;`;

/**
 * CommonJS bundles only: pdf.js and pdf-lib (with its dependencies 0.9 MB of source, for the images
 * of an original PDF) are bundles of their own, loaded with their code caches when a command first
 * needs them: a render reads and deserializes none of it.
 */
const PDFJS_SHIM = 'module.exports = __banmianLoadBundle("pdfjs.cjs");';
const PDFLIB_SHIM = 'module.exports = __banmianLoadBundle("pdflib.cjs");';
/**
 * CommonJS bundles only: sharp through require(), its CommonJS build (the same module), because a
 * script run through vm has no import() of its own without an experimental loader option.
 */
const SHARP_SHIM = 'module.exports = require("sharp");';

const cjsOnly = {
  name: 'cjs-only',
  setup(build) {
    build.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: 'yoga-layout', namespace: 'yoga-shim' }));
    build.onLoad({ filter: /.*/, namespace: 'yoga-shim' }, () => ({ contents: YOGA_SHIM, loader: 'js', resolveDir: ROOT }));
    // The worker half is inside pdfjs.cjs, which loading the main half loads. (Paths ending in .cjs: CommonJS.)
    build.onResolve({ filter: /^pdfjs-dist\/legacy\/build\/pdf(\.worker)?\.mjs$/ }, (args) => ({ path: args.path.endsWith('worker.mjs') ? 'worker.cjs' : 'pdf.cjs', namespace: 'pdfjs-shim' }));
    build.onLoad({ filter: /.*/, namespace: 'pdfjs-shim' }, (args) => ({ contents: args.path === 'worker.cjs' ? '' : PDFJS_SHIM, loader: 'js' }));
    // The shim's own require('sharp') is the package, outside the bundle.
    build.onResolve({ filter: /^@cantoo\/pdf-lib$/ }, () => ({ path: 'pdflib.cjs', namespace: 'pdflib-shim' }));
    build.onLoad({ filter: /.*/, namespace: 'pdflib-shim' }, () => ({ contents: PDFLIB_SHIM, loader: 'js' }));
    build.onResolve({ filter: /^sharp$/ }, (args) => (args.namespace === 'sharp-shim' ? { path: 'sharp', external: true } : { path: 'sharp.cjs', namespace: 'sharp-shim' }));
    build.onLoad({ filter: /.*/, namespace: 'sharp-shim' }, () => ({ contents: SHARP_SHIM, loader: 'js' }));
  },
};

const common = {
  absWorkingDir: ROOT,
  outdir: OUT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Native addons and packages that read files beside their own code stay in node_modules.
  external: ['sharp', '@napi-rs/canvas', 'piscina'],
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
};

await rm(OUT, { recursive: true, force: true });
// The batch worker and the public API (the package's entry point), ES modules sharing their chunks
// (pool.ts finds the worker beside itself as worker.js). The package installs none of the libraries
// bundled here (package.json: devDependencies) but what stays outside: native code, piscina, wawoff2
// (src/fonts/woff2.ts requires it anew each time), pdf.js (src/vendored.ts finds its own bundle when
// the package is not installed), and zod, bundled too (its English messages only, 1.3 MB less heap a
// worker than the package) but installed for the API's types.
await esbuild.build({
  ...common,
  entryPoints: { worker: 'dist/src/batch/worker.js', api: 'dist/src/index.js' },
  splitting: true,
  format: 'esm',
  external: [...common.external, 'pdfjs-dist'],
  // CommonJS packages inside an ESM bundle still call require().
  banner: { js: "import { createRequire as __banmianRequire } from 'node:module'; const require = __banmianRequire(import.meta.url);" },
});
// The command line.
await esbuild.build({
  ...common,
  entryPoints: { main: 'dist/src/cli/main.js' },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [deferLoadTimeWork, cjsOnly],
  define: { ...common.define, 'import.meta.url': '__banmianImportMetaUrl' },
  banner: {
    js: [
      'const __banmianImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
      'const __banmianLoadBundle = (name) => require("./code-cache.cjs").load(require("node:path").join(__dirname, name));',
    ].join('\n'),
  },
});
/**
 * A library bundled on its own as CommonJS (`contents`: its entry module, written inline). These
 * two are what the package installs of pdf.js and pdf-lib (src/vendored.ts), so each starts with
 * its name, version and licence, and keeps its authors' legal comments.
 */
const vendor = async (name, pkg, contents, out, options = {}) => {
  const { version, license } = JSON.parse(await readFile(resolve(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'));
  const notice = `/* ${pkg} ${version}, bundled by banmian's scripts/bundle.mjs. Licence: ${license} (https://www.npmjs.com/package/${pkg}). */`;
  await esbuild.build({
    ...common,
    stdin: { contents, resolveDir: ROOT, loader: 'js', sourcefile: `${name}-entry.js` },
    outfile: resolve(OUT, out),
    outdir: undefined,
    format: 'cjs',
    plugins: [],
    sourcemap: false,
    legalComments: 'inline',
    ...options,
    banner: { js: [notice, options.banner?.js].filter(Boolean).join('\n') },
  });
  const licence = (await readdir(resolve(ROOT, 'node_modules', pkg))).find((f) => /^licen[cs]e/i.test(f));
  if (!licence) throw new Error(`bundle: ${pkg} has no licence file to ship with its bundle`);
  await copyFile(resolve(ROOT, 'node_modules', pkg, licence), resolve(OUT, `${name}.LICENSE`));
};
// pdf.js, both halves (pdf.js runs its worker in the same thread under Node; src/pdf/open.ts).
await vendor('pdfjs', 'pdfjs-dist', "export * from 'pdfjs-dist/legacy/build/pdf.mjs';\nimport 'pdfjs-dist/legacy/build/pdf.worker.mjs';", 'pdfjs.cjs', {
  // pdf.js requires @napi-rs/canvas from its module's URL: this file's, which finds banmian's own
  // (the one copy: pdfjs-dist's optional dependency resolves to the same, src/render/raster.ts).
  define: { 'import.meta.url': '__pdfjsUrl' },
  banner: { js: 'const __pdfjsUrl = require("node:url").pathToFileURL(__filename).href;' },
  // Its source as published: the build is large already, and minifying it gains little.
  minifyWhitespace: false,
  minifySyntax: false,
});
// pdf-lib, for the stored bytes of an original PDF's images (src/pdf/images/source.ts).
await vendor('pdflib', '@cantoo/pdf-lib', "export * from '@cantoo/pdf-lib';", 'pdflib.cjs');
await copyFile(resolve(ROOT, 'bin/code-cache.cjs'), resolve(OUT, 'code-cache.cjs'));
// A script run through vm cannot import(): the command line's bundle must not need it.
const dynamic = /\bimport\(/.exec(await readFile(resolve(OUT, 'main.cjs'), 'utf8'));
if (dynamic) throw new Error(`bundle: dist/bundle/main.cjs holds an import() (at ${dynamic.index}); route the package through require() (cjsOnly)`);

// The code caches: a run of the commands through the bundles.
if (!process.env.BANMIAN_NO_CODE_CACHE) {
  execFileSync(process.execPath, [resolve(ROOT, 'scripts/train-code-cache.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
