/**
 * A batch worker thread: renders one page per task. Modules and fonts load once per worker (the
 * FontBook lives for the worker's life), not once per page. A failing page becomes a 'failed'
 * result with its reason; the worker stays up for the next one.
 */
import { basename } from 'node:path';
import { threadId } from 'node:worker_threads';
import { fastStart } from '../warmup.js';
import type { PageResult, PageTask } from './types.js';

await fastStart();
const [{ renderPage }, { writeFileAtomic }, { InputError }] = await Promise.all([import('../pipeline.js'), import('../fsutil.js'), import('../errors.js')]);

export default async function renderTask(task: PageTask): Promise<PageResult> {
  const t0 = performance.now();
  const base = { layout: task.layout, worker: threadId };
  try {
    // The output's file name goes into the document ID, as with `banmian render -o`.
    const page = await renderPage(task.layout, { date: task.date, textFile: task.text, fileName: basename(task.output) });
    await writeFileAtomic(task.output, page.pdf);
    const { overflowChars, overflow } = page.report;
    return {
      ...base,
      output: task.output,
      status: overflowChars > 0 ? 'overflow' : 'ok',
      ms: Math.round(performance.now() - t0),
      overflowChars,
      overflowBlocks: [...new Set(overflow.map((o) => o.block))],
      workerMB: workerMB(),
    };
  } catch (e) {
    const error = e instanceof InputError ? e.message : `internal error: ${(e as Error)?.stack ?? String(e)}`;
    return { ...base, output: null, status: 'failed', ms: Math.round(performance.now() - t0), overflowChars: 0, overflowBlocks: [], error, workerMB: workerMB() };
  }
}

/** This thread's own memory: heapTotal and external are per isolate (rss would be the whole process). */
function workerMB(): number {
  const m = process.memoryUsage();
  return Math.round(((m.heapTotal + m.external) / 2 ** 20) * 10) / 10;
}
