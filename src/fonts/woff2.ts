import { createRequire } from 'node:module';

/**
 * WOFF2 → TrueType, for faces npm ships only as WOFF2 (LXGW WenKai from @fontsource/lxgw-wenkai).
 *
 * fontkit reads WOFF2 itself, but in JavaScript (a 7 MB CJK face takes ~1.5 s) and into a font whose
 * `glyf`/`loca` tables stay in WOFF2's transformed form: pdfkit's subsets of it draw nothing, and
 * banmian's fast loca and subset paths need the real tables. wawoff2 is Google's woff2 decoder
 * compiled to WebAssembly: ~0.3 s for the same face, and the output is a plain TrueType file.
 *
 * Its WebAssembly compiles asynchronously (~10 ms), so a decoder is started ahead
 * (FontBook.prefetch/prefetched) and then decodes synchronously when a face opens. Its memory grows
 * to ~60 MB for a CJK face and WebAssembly memory never shrinks, so after use the instance is let go
 * (at the next turn of the event loop, after the synchronous typesetting that needed it).
 */

interface Binding {
  decompress(bytes: Uint8Array): Uint8Array | false;
  onRuntimeInitialized?: () => void;
}

/** wawoff2's Emscripten module (its `decompress` export is the async wrapper around this one's sync call). */
const BINDING = 'wawoff2/build/decompress_binding.js';

let live: Binding | undefined;
let starting: Promise<void> | undefined;
let release: ReturnType<typeof setImmediate> | undefined;

/** A WOFF2 file starts with the signature 'wOF2'. */
export function isWoff2(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x77 && bytes[1] === 0x4f && bytes[2] === 0x46 && bytes[3] === 0x32;
}

/** Start a decoder if none is running; resolves when decodeWoff2 can be called. */
export function startWoff2Decoder(): Promise<void> {
  if (release) {
    clearImmediate(release);
    release = undefined;
  }
  if (live) return Promise.resolve();
  return (starting ??= new Promise<void>((resolve, reject) => {
    try {
      // A require of its own each time (it lists what it loaded as its children), and out of the
      // cache: the instance let go is then referenced by nothing and its memory can be collected.
      const require = createRequire(import.meta.url);
      const id = require.resolve(BINDING);
      const binding = require(id) as Binding;
      delete require.cache[id];
      binding.onRuntimeInitialized = () => {
        starting = undefined;
        // Its functions are bound when the runtime is up.
        if (typeof binding.decompress !== 'function') return reject(new Error(`${BINDING} has no decompress(): not the wawoff2 this code knows`));
        live = binding;
        resolve();
      };
    } catch (e) {
      starting = undefined;
      reject(e);
    }
  }));
}

export function woff2DecoderReady(): boolean {
  return live !== undefined;
}

/** Decode a WOFF2 file with the started decoder: a TrueType/OpenType file of its own (copied out of the decoder's memory). */
export function decodeWoff2(bytes: Uint8Array, file: string): Uint8Array {
  if (!live) throw new Error(`${file}: WOFF2 decoder not started (FontBook.prefetch() and await prefetched() open WOFF2 faces)`);
  try {
    const out = live.decompress(bytes);
    if (out === false) throw new Error('not a valid WOFF2 file');
    return new Uint8Array(out);
  } finally {
    letGo();
  }
}

/** Let the decoder go at the next turn of the event loop, unless a start asks for it again first. */
function letGo(): void {
  if (release) return;
  release = setImmediate(() => {
    release = undefined;
    live = undefined;
  });
  release.unref();
}
