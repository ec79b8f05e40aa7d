/**
 * Worker thread: draw two PDF pages to gray pixels (pdf.js on a skia canvas) while the main thread
 * reads and pairs their text. pdf.js in Node runs on the thread that calls it, so this is how
 * compare uses a second core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openPdf } from '../pdf/open.js';
import { renderGray, type Gray } from './visual.js';

export interface DrawJob {
  pages: { bytes: Uint8Array; file: string; page: number }[];
  dpi: number;
}

const job = workerData as DrawJob;
const out: Gray[] = [];
for (const p of job.pages) {
  const doc = await openPdf(p.bytes, p.file);
  try {
    out.push(await renderGray(await doc.getPage(p.page), job.dpi));
  } finally {
    await doc.destroy();
  }
}
parentPort!.postMessage(out, out.map((g) => g.data.buffer as ArrayBuffer));
