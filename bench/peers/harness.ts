/**
 * The timing loop every A3 peer shares: render once from the files in <dir> (what a cold process
 * pays, from the start of this module), then <warm runs> more with fresh text, and print
 * {engine, first, warm[], bytes} as one JSON line. Node built-ins only: the Typst and react-pdf
 * peers must load no banmian code (test/bench-peers.test.ts checks their imports).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Renders the cold page (k = 0) or warm variant k ≥ 1. */
export type Render = (k: number) => Promise<Uint8Array>;

const started = performance.now();

/** `after` runs after each timed warm render, outside the timing (the banmian peer measures its floor there). */
export async function runPeer(engine: string, make: (dir: string) => Promise<Render>, after?: (k: number) => Promise<void>): Promise<void> {
  const [dir, warmArg = '0'] = process.argv.slice(2);
  if (!dir) {
    console.error(`usage: ${engine}.js <dir> [warm runs]`);
    process.exit(2);
  }
  const render = await make(dir);
  const pdf = await render(0);
  const first = performance.now() - started;
  writeFileSync(join(dir, `a3-${engine}.pdf`), pdf);
  const warm: number[] = [];
  for (let k = 1; k <= Number(warmArg); k++) {
    const t = performance.now();
    await render(k);
    warm.push(performance.now() - t);
    await after?.(k);
  }
  process.stdout.write(JSON.stringify({ engine, first, warm, bytes: pdf.length }) + '\n');
}
