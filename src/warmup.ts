/**
 * Cold-start helpers: the CLI and the batch workers call `fastStart()` before loading the pipeline.
 * Each one removes work a banmian process would do at import time and never need.
 */
import { createRequire, Module } from 'node:module';

/** Set to true by scripts/bundle.mjs (esbuild define) in dist/bundle; absent in dist/src. */
declare const BANMIAN_BUNDLE: boolean | undefined;

/**
 * Everything below, in order. Fonts are not read ahead: a page opens only the faces it sets, each
 * without its outlines (src/fonts/lean.ts: about 0.5 MB of a 10–15 MB file).
 */
export async function fastStart(): Promise<void> {
  // The bundle builds brotli's dictionary lazily itself (and this lookup in node_modules costs ~2 ms).
  if (typeof BANMIAN_BUNDLE === 'undefined') deferBrotliDictionary();
  await loadYoga();
}

/**
 * Load yoga-layout without waking Node's fetch(). yoga's Emscripten loader decodes its inline WASM
 * through fetch() whenever fetch exists, and the first touch of Node's global fetch compiles undici
 * (~30 ms of a ~0.5 s cold start). With fetch hidden it decodes the same bytes synchronously.
 * Call before anything imports src/layout; later imports hit the module cache.
 */
export async function loadYoga(): Promise<void> {
  const g = globalThis as { fetch?: unknown };
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  // In the command line's bundle yoga loads after its import resolves (see layoutReady in src/layout).
  const load = async () => (((await import('yoga-layout')).default as { __ready?: Promise<void> }).__ready);
  if (!desc?.configurable) {
    await load();
    return;
  }
  delete g.fetch;
  try {
    await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', desc);
  }
}

/**
 * fontkit imports the `brotli` decoder (for WOFF2 fonts), which at import builds its 120 KB static
 * dictionary from a 750 KB JavaScript file: ~25 ms of compiling for every process, while banmian's
 * fonts are TTF. Put a stand-in for that data module in the require cache: the decoder gets a
 * dictionary that loads the real one on first access (then replaces itself), so WOFF2 still works.
 * Does nothing if fontkit or brotli are already loaded or laid out differently.
 */
export function deferBrotliDictionary(): void {
  try {
    const req = createRequire(createRequire(import.meta.url).resolve('fontkit'));
    const dataPath = req.resolve('brotli/dec/dictionary-data.js');
    const dictPath = req.resolve('brotli/dec/dictionary.js');
    if (req.cache[dataPath] || req.cache[dictPath]) return;
    let real: Uint8Array | undefined;
    const load = (): Uint8Array => {
      if (!real) {
        const stub = req.cache[dataPath];
        delete req.cache[dataPath];
        real = (req(dataPath) as { init(): Uint8Array }).init();
        if (stub) req.cache[dataPath] = stub;
        const dict = req.cache[dictPath]?.exports as { dictionary?: Uint8Array } | undefined;
        if (dict) dict.dictionary = real;
      }
      return real;
    };
    const lazy = new Proxy(new Uint8Array(0), {
      get: (_t, key) => {
        const d = load();
        const v = Reflect.get(d, key, d);
        return typeof v === 'function' ? v.bind(d) : v;
      },
      has: (_t, key) => key in load(),
    });
    const stub = new Module(dataPath);
    stub.filename = dataPath;
    stub.loaded = true;
    stub.exports = { init: () => lazy };
    req.cache[dataPath] = stub;
  } catch {
    // Not the brotli we know: leave it alone.
  }
}
