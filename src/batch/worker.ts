/**
 * A batch worker thread: renders one page per task. Modules and fonts load once per worker (the
 * FontBook lives for the worker's life), not once per page. A failing page becomes a 'failed'
 * result with a one-line reason; the worker stays up for the next one.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { threadId } from 'node:worker_threads';
import { fastStart } from '../warmup.js';
import type { PageResult, PageTask } from './types.js';

await fastStart();
const [{ renderPage }, { checkOutputPath, isFsError, fsReason, writeFileAtomic }, { InputError, bugReport }, { loadLayout }] = await Promise.all([
  import('../pipeline.js'),
  import('../fsutil.js'),
  import('../errors.js'),
  import('../model/index.js'),
]);

export default async function renderTask(task: PageTask): Promise<PageResult> {
  const t0 = performance.now();
  const base = { layout: task.layout, worker: threadId };
  const access = { root: task.root, maxInputBytes: task.maxInputBytes };
  try {
    const page = task.page !== undefined ? await rebuilt(task) : await rendered(task, access);
    const { overflowChars, overflow, regions } = page.report;
    // An overflowing page does not replace a PDF that is there (it may be the good one) unless forced.
    const keep = overflowChars > 0 && !task.force && existsSync(task.output);
    if (!keep) await writeFileAtomic(task.output, page.pdf);
    return {
      ...base,
      output: keep ? null : task.output,
      ...(keep ? { kept: task.output } : {}),
      status: overflowChars > 0 ? 'overflow' : 'ok',
      ms: Math.round(performance.now() - t0),
      overflowChars,
      overflowBlocks: [...new Set(overflow.map((o) => o.block))],
      overflowRegions: regions.filter((g) => g.overflow > 0).map((g) => (g.missingLines ? `${g.region} (${g.missingLines} line${g.missingLines === 1 ? '' : 's'} short)` : g.region)),
      workerMB: workerMB(),
    };
  } catch (e) {
    const error = e instanceof InputError ? oneLine(e.message) : isFsError(e) ? `${(e as NodeJS.ErrnoException).path ?? task.layout}: ${fsReason(e)}` : bugReport(e);
    return { ...base, output: null, status: 'failed', ms: Math.round(performance.now() - t0), overflowChars: 0, overflowBlocks: [], overflowRegions: [], error, workerMB: workerMB() };
  }
}

/** A layout, rendered. The output's file name goes into the document ID, as with `banmian render -o`. */
async function rendered(task: PageTask, access: { root?: string; maxInputBytes?: number }) {
  const layout = loadLayout(task.layout, access);
  // The page's own files are known once its layout is read: its output may not be one of them.
  const inputs = task.text ? [...layout.inputs, { path: task.text, role: 'the text the manifest names' }] : layout.inputs;
  checkOutputPath(task.output, inputs, 'output');
  return renderPage(layout, { ...access, date: task.date, textFile: task.text, fileName: basename(task.output) });
}

/** An original page PDF, derived and rendered (as `banmian rebuild`). */
async function rebuilt(task: PageTask) {
  const [{ rebuildPage }, { readInput }] = await Promise.all([import('../rebuild.js'), import('../fsutil.js')]);
  checkOutputPath(task.output, [{ path: task.layout, role: 'the original PDF' }], 'output');
  const bytes = await readInput(task.layout, { limit: 256 * 2 ** 20, kind: 'an original PDF' });
  return rebuildPage(bytes, task.layout, task.page!, { date: task.date, fileName: basename(task.output) });
}

/** A message on one line (a schema error lists its issues on lines of their own). */
const oneLine = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ')
    .slice(0, 1000);

/** This thread's own memory: heapTotal and external are per isolate (rss would be the whole process). */
function workerMB(): number {
  const m = process.memoryUsage();
  return Math.round(((m.heapTotal + m.external) / 2 ** 20) * 10) / 10;
}
