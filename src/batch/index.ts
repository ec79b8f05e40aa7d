import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../fsutil.js';
import { expandBatch, withOutputs, type BatchPage } from './expand.js';
import { createPool, defaultJobs } from './pool.js';
import type { BatchSummary, PageResult } from './types.js';

export type { BatchPage } from './expand.js';
export type { BatchSummary, BatchTotals, PageResult, PageStatus } from './types.js';
export { expandBatch } from './expand.js';

export const SUMMARY_FILE = 'batch-summary.json';

export interface BatchOptions {
  /** Folder for the PDFs (and the summary). */
  out: string;
  /** Worker threads; default one per core. */
  jobs?: number;
  /** Document date for every page (yyyy-mm-dd). */
  date?: string;
  /** Abort to stop: queued pages are cancelled, running ones stopped, no partial file is left. */
  signal?: AbortSignal;
  /** Called as each page finishes, in finishing order. */
  onPage?: (result: PageResult, done: number, total: number) => void;
  /** Called once the pages are known, before any is rendered. */
  onStart?: (total: number, jobs: number) => void;
  /** Write the summary here; default `<out>/batch-summary.json`; false: don't write it. */
  summaryFile?: string | false;
}

/**
 * Render many pages on a pool of worker threads. `pages` is a manifest, folder or glob (as on the
 * command line) or a list of layout paths / `{layout, output?, text?}`. A page that fails is a result
 * with its reason; the others go on. Resolves with the summary (also written to the out folder).
 */
export async function renderBatch(pages: string | readonly (string | { layout: string; output?: string; text?: string })[], options: BatchOptions): Promise<BatchSummary> {
  const list: BatchPage[] = typeof pages === 'string' ? await expandBatch(pages, options.out) : withOutputs(pages, options.out);
  if (list.length === 0) throw new InputError('batch: no pages');
  const jobs = Math.min(options.jobs ?? defaultJobs(), list.length);
  if (!Number.isInteger(jobs) || jobs < 1) throw new InputError(`batch: jobs must be a positive integer, got ${options.jobs}`);
  const started = new Date();
  const t0 = performance.now();
  options.onStart?.(list.length, jobs);

  const pool = createPool(jobs);
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) abort.abort();

  const results: PageResult[] = new Array(list.length);
  let done = 0;
  const finish = (i: number, r: PageResult) => {
    results[i] = r;
    options.onPage?.(r, ++done, list.length);
  };
  await Promise.all(
    list.map((page, i) =>
      pool.run({ ...page, date: options.date }, { signal: abort.signal }).then(
        (r) => finish(i, r),
        (e) => {
          const cancelled = abort.signal.aborted;
          finish(i, { layout: page.layout, output: null, status: cancelled ? 'cancelled' : 'failed', ms: 0, overflowChars: 0, overflowBlocks: [], ...(cancelled ? {} : { error: `worker: ${(e as Error)?.message ?? e}` }) });
        },
      ),
    ),
  );
  options.signal?.removeEventListener('abort', onAbort);
  await pool.destroy();
  const interrupted = abort.signal.aborted;
  // A worker stopped mid-write leaves its temp file (never a partial PDF: writeFileAtomic renames whole files).
  if (interrupted) await removeTempFiles(list);

  const seconds = (performance.now() - t0) / 1000;
  const count = (s: PageResult['status']) => results.filter((r) => r.status === s).length;
  const rendered = results.filter((r) => r.status === 'ok' || r.status === 'overflow').length;
  const summary: BatchSummary = {
    started: started.toISOString(),
    interrupted,
    pages: results,
    totals: {
      pages: list.length,
      ok: count('ok'),
      overflow: count('overflow'),
      failed: count('failed'),
      cancelled: count('cancelled'),
      seconds: round(seconds, 3),
      pagesPerSecond: round(rendered / seconds, 2),
      jobs,
      peakWorkerMB: Math.max(0, ...results.map((r) => r.workerMB ?? 0)),
      peakProcessMB: round(process.resourceUsage().maxRSS / 1024, 1),
    },
  };
  const file = options.summaryFile === undefined ? join(resolve(options.out), SUMMARY_FILE) : options.summaryFile;
  if (file) await writeFileAtomic(file, JSON.stringify(summary, null, 2) + '\n');
  return summary;
}

/** Exit code of a batch: 0 all pages ok, 1 any failed or overflowed, 130 interrupted. */
export const batchExitCode = (s: BatchSummary) => (s.interrupted ? 130 : s.totals.ok === s.totals.pages ? 0 : 1);

/** Temp files of outputs a stopped worker left: writeFileAtomic (src/fsutil.ts) names them `<output>.<pid>.<time>.tmp`. */
async function removeTempFiles(pages: BatchPage[]): Promise<void> {
  const prefixes = new Map<string, Set<string>>();
  for (const p of pages) {
    const dir = dirname(p.output);
    if (!prefixes.has(dir)) prefixes.set(dir, new Set());
    prefixes.get(dir)!.add(`${basename(p.output)}.${process.pid}.`);
  }
  for (const [dir, names] of prefixes) {
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const f of files) {
      if (f.endsWith('.tmp') && [...names].some((n) => f.startsWith(n))) await rm(join(dir, f), { force: true });
    }
  }
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
