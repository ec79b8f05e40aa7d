/**
 * Load yoga-layout without waking Node's fetch(). yoga's Emscripten loader decodes its inline WASM
 * through fetch() whenever fetch exists, and the first touch of Node's global fetch compiles undici
 * (~30 ms of a ~0.5 s cold start). With fetch hidden it decodes the same bytes synchronously.
 * Call before anything imports src/layout (the CLI and batch workers do); later imports hit the cache.
 */
export async function loadYoga(): Promise<void> {
  const g = globalThis as { fetch?: unknown };
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!desc?.configurable) {
    await import('yoga-layout');
    return;
  }
  delete g.fetch;
  try {
    await import('yoga-layout');
  } finally {
    Object.defineProperty(globalThis, 'fetch', desc);
  }
}
