import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PdfPageProxy } from '../pdf/open.js';
import type { DrawJob } from './draw-worker.js';
import { renderGray, type Gray } from './visual.js';

/**
 * Is a core free for the drawing? The worker parses both PDFs a second time (about 40% more CPU in
 * all), which pays only when it runs beside the main thread rather than taking turns with it: the
 * last minute's load average must leave at least one core idle.
 */
const coreFree = () => availableParallelism() > 1 && loadavg()[0] <= availableParallelism() - 1;

/**
 * Draw both pages at `dpi` on a worker thread when a core is free (started at once, so drawing
 * overlaps the reading on the main thread); otherwise, or if the worker cannot run, draw them on
 * this thread after the reading.
 */
export function drawPages(job: DrawJob, parallel = coreFree()): { result: (proxies: PdfPageProxy[]) => Promise<Gray[]>; cancel: () => void } {
  let worker: Worker | undefined;
  const drawn = new Promise<Gray[]>((resolve, reject) => {
    if (!parallel) return reject(new Error('no free core'));
    try {
      // Beside this module: dist/src/compare/ or, bundled, dist/bundle/ (an entry of scripts/bundle.mjs).
      worker = new Worker(new URL('./draw-worker.js', import.meta.url), { workerData: job });
    } catch (e) {
      reject(e);
      return;
    }
    worker.once('message', (grays: Gray[]) => {
      resolve(grays.map((g) => ({ ...g, data: new Uint8Array(g.data.buffer, g.data.byteOffset, g.data.byteLength) })));
      void worker?.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the drawing worker stopped (exit ${code})`)));
  });
  // Until someone asks, a failure stays quiet (it is handled in result()).
  drawn.catch(() => undefined);
  return {
    result: async (proxies) => {
      try {
        return await drawn;
      } catch {
        const out: Gray[] = [];
        for (const p of proxies) out.push(await renderGray(p, job.dpi));
        return out;
      }
    },
    // Stop the worker when its pictures are no longer wanted (bad input found while it drew).
    cancel: () => void worker?.terminate(),
  };
}
