/**
 * banmian setting the A3 page warm, in a process of its own like the other peers:
 * `node dist/bench/peers/banmian.js <dir> [warm runs]`. Its cold figure in the bench comes from the
 * command line (`banmian render a3.json`); this one gives the warm pages and, beside them, the floor:
 * subsetting, deflating and writing the same bytes (bench/floor.ts), measured after each page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FontBook } from '../../src/fonts/fontbook.js';
import type { renderPage as RenderPage } from '../../src/pipeline.js';
import { runPeer } from './harness.js';

type Page = Awaited<ReturnType<typeof RenderPage>>;
const floors: number[] = [];
let last: Page | undefined;
let fonts: FontBook | undefined;
let floorOf: typeof import('../floor.js').floorOf | undefined;
let dir = '';

await runPeer(
  'banmian',
  async (d) => {
    dir = d;
    const { fastStart } = await import('../../src/warmup.js');
    await fastStart();
    const { renderPage, defaultFonts } = await import('../../src/pipeline.js');
    floorOf = (await import('../floor.js')).floorOf;
    fonts = defaultFonts();
    const texts = JSON.parse(readFileSync(join(dir, 'a3-peer.json'), 'utf8')).banmian as string[];
    const layout = join(dir, 'a3.json');
    return async (k) => {
      // Its layout and text live in the bench's folder: that is the root for what the layout names.
      const page = await renderPage(layout, k === 0 ? { root: dir } : { root: dir, text: texts[(k - 1) % texts.length] });
      if (page.report.overflowChars) throw new Error(`banmian A3: ${page.report.overflowChars} characters overflow`);
      last = page;
      return page.pdf;
    };
  },
  async () => {
    floors.push((await floorOf!(last!, fonts!, join(dir, 'a3-floor.pdf'))).ms);
  },
);
process.stdout.write(JSON.stringify({ floor: floors }) + '\n');
