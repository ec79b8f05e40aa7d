import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { checkOutputFolder, makeOutputFolder, removeOwnTempsSync, removeStaleTemps, writeFileAtomic, type FileAccess } from '../fsutil.js';
import { expandBatch, SUMMARY_FILE, withOutputs, type BatchPage } from './expand.js';
import { lockFolder } from './lock.js';
import { createPool, planJobs } from './pool.js';
import type { BatchSummary, PageResult, PageTask, WorkerMemory } from './types.js';

export type { BatchPage } from './expand.js';
export type { BatchSummary, BatchTotals, PageResult, PageStatus, WorkerMemory } from './types.js';
export { expandBatch, SUMMARY_FILE } from './expand.js';

/**
 * Default time a page may take, seconds. A broadsheet page with photos sets in 1–3 s on one core;
 * two minutes is forty times that, and still ends a batch whose page hangs (a stuck network file system).
 */
export const DEFAULT_PAGE_TIMEOUT_S = 120;

export interface BatchOptions extends FileAccess {
  /** Folder for the PDFs (and the summary). */
  out: string;
  /** Worker threads; default one per core; capped by cores, free memory and pages. */
  jobs?: number;
  /** Document date for every page (yyyy-mm-dd). */
  date?: string;
  /** Abort to stop: queued pages are cancelled, running ones stopped, no partial file is left. A string reason (a signal name) goes into the summary. */
  signal?: AbortSignal;
  /** Seconds a page may take before its worker is stopped and the page fails (default 120). */
  pageTimeout?: number;
  /** Replace an existing PDF even when its page overflows (default: keep the earlier file). */
  force?: boolean;
  /** Called as each page finishes, in finishing order. */
  onPage?: (result: PageResult, done: number, total: number) => void;
  /** Called once the pages are known, before any is rendered. */
  onStart?: (total: number, jobs: number) => void;
  /** Notes for the user (e.g. --jobs capped). */
  onNote?: (message: string) => void;
  /** Write the summary here; default `<out>/batch-summary.json`; false: don't write it. */
  summaryFile?: string | false;
}

/** The summary is rewritten at most this often while pages finish (every page of a fast batch would be hundreds of writes a second). */
const SUMMARY_INTERVAL_MS = 500;

/**
 * Render many pages on a pool of worker threads. `pages` is a manifest, folder or glob (as on the
 * command line) or a list of layout paths / `{layout, output?, text?}`. A page that fails is a result
 * with its reason; the others go on. The summary is written when the batch starts (state "running",
 * every page "pending"), as pages finish, and when it ends, interrupted too. One batch at a time per
 * out folder (a lock file); stale temp files of killed runs are removed first.
 */
export async function renderBatch(pages: string | readonly (string | { layout: string; output?: string; text?: string })[], options: BatchOptions): Promise<BatchSummary> {
  const outDir = resolve(options.out);
  checkOutputFolder(outDir, '--out');
  const list: BatchPage[] = typeof pages === 'string' ? await expandBatch(pages, options.out, process.cwd(), options) : withOutputs(pages, options.out);
  if (list.length === 0) throw new InputError('batch: no pages');
  if (options.jobs !== undefined && !(Number.isInteger(options.jobs) && options.jobs >= 1)) throw new InputError(`batch: jobs must be a positive integer, got ${options.jobs}`);
  const timeoutS = options.pageTimeout ?? DEFAULT_PAGE_TIMEOUT_S;
  if (!(timeoutS > 0)) throw new InputError(`batch: pageTimeout must be a positive number of seconds, got ${options.pageTimeout}`);
  checkOutputsAgainstInputs(list);
  makeOutputFolder(outDir, '--out');
  const unlock = lockFolder(outDir);
  try {
    return await run(list, options, outDir, timeoutS);
  } finally {
    unlock();
  }
}

async function run(list: BatchPage[], options: BatchOptions, outDir: string, timeoutS: number): Promise<BatchSummary> {
  const outputDirs = [...new Set([outDir, ...list.map((p) => dirname(p.output))])];
  for (const dir of outputDirs) await removeStaleTemps(dir);
  const { jobs, note } = planJobs(options.jobs, list.length);
  if (note) options.onNote?.(note);
  const started = new Date();
  const t0 = performance.now();
  const rssStart = process.memoryUsage.rss();
  const results: PageResult[] = list.map((p) => ({ layout: p.layout, output: null, status: 'pending', ms: 0, overflowChars: 0, overflowBlocks: [], overflowRegions: [] }));
  const workers = new Map<number, WorkerMemory>();
  const summaryFile = options.summaryFile === undefined ? join(outDir, SUMMARY_FILE) : options.summaryFile;
  const writer = new SummaryWriter(summaryFile || null);
  const abort = new AbortController();
  const summarize = (state: BatchSummary['state']): BatchSummary => makeSummary(started, t0, rssStart, state, results, workers, jobs, abort.signal);
  await writer.write(summarize('running'));
  options.onStart?.(list.length, jobs);

  const pool = createPool(jobs);
  const onAbort = () => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  let done = 0;
  const finish = (i: number, r: PageResult) => {
    results[i] = r;
    if (r.worker !== undefined && r.workerMB !== undefined) {
      const w = workers.get(r.worker);
      if (!w) workers.set(r.worker, { worker: r.worker, pages: 1, firstMB: r.workerMB, lastMB: r.workerMB, peakMB: r.workerMB });
      else Object.assign(w, { pages: w.pages + 1, lastMB: r.workerMB, peakMB: Math.max(w.peakMB, r.workerMB) });
    }
    options.onPage?.(r, ++done, list.length);
    writer.later(() => summarize('running'));
  };
  // Each running page has a controller of its own, stopped by its timeout or by the batch's one
  // listener: a listener per page on the batch's signal (as AbortSignal.any adds in some Node
  // versions) would pass the default limit of 10 and print a MaxListenersExceededWarning.
  const running = new Set<AbortController>();
  abort.signal.addEventListener('abort', () => running.forEach((c) => c.abort()), { once: true });
  const runOne = async (i: number) => {
    const page = list[i];
    const task: PageTask = { ...page, date: options.date, root: options.root, maxInputBytes: options.maxInputBytes, force: options.force };
    // The timeout starts when the page does: pages are handed out only as workers come free.
    const stop = new AbortController();
    running.add(stop);
    let timedOut = false;
    const timeout = setTimeout(() => ((timedOut = true), stop.abort()), timeoutS * 1000);
    const t = performance.now();
    try {
      finish(i, await pool.run(task, { signal: stop.signal }));
    } catch (e) {
      const ms = Math.round(performance.now() - t);
      const base = { layout: page.layout, output: null, ms, overflowChars: 0, overflowBlocks: [], overflowRegions: [] };
      if (abort.signal.aborted) finish(i, { ...base, status: 'cancelled' });
      else if (timedOut) finish(i, { ...base, status: 'failed', error: `${page.layout}: stopped after ${timeoutS} s (--page-timeout)` });
      else finish(i, { ...base, status: 'failed', error: `${page.layout}: ${workerFailure(e)}` });
    } finally {
      clearTimeout(timeout);
      running.delete(stop);
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < list.length && !abort.signal.aborted) await runOne(next++);
    }),
  );
  for (let i = 0; i < list.length; i++) if (results[i].status === 'pending') finish(i, { ...results[i], status: 'cancelled' });
  options.signal?.removeEventListener('abort', onAbort);
  // Stopping the workers: terminate() ends JavaScript at once; a worker blocked in a system call is not waited for long.
  await Promise.race([pool.destroy(), new Promise((ok) => setTimeout(ok, 5000).unref())]);
  // A worker stopped mid-write leaves its temp file (never a partial PDF: writeFileAtomic renames whole files).
  if (abort.signal.aborted) for (const dir of outputDirs) removeOwnTempsSync(dir);
  const summary = summarize(abort.signal.aborted ? 'interrupted' : 'finished');
  await writer.final(summary);
  return summary;
}

/** A worker that died (out of memory, a crash) rather than returning a result: one line. */
function workerFailure(e: unknown): string {
  const code = (e as { code?: string })?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'the page ran out of memory in its worker';
  return `worker stopped: ${String((e as Error)?.message ?? e).split('\n')[0].slice(0, 300)}`;
}

function makeSummary(started: Date, t0: number, rssStart: number, state: BatchSummary['state'], results: PageResult[], workers: Map<number, WorkerMemory>, jobs: number, signal: AbortSignal): BatchSummary {
  const seconds = (performance.now() - t0) / 1000;
  const count = (s: PageResult['status']) => results.filter((r) => r.status === s).length;
  const rendered = count('ok') + count('overflow');
  const reason = signal.aborted ? (typeof signal.reason === 'string' ? signal.reason : 'abort') : undefined;
  return {
    started: started.toISOString(),
    state,
    interrupted: signal.aborted,
    ...(reason ? { stoppedBy: reason } : {}),
    pid: process.pid,
    pages: results.map((r) => ({ ...r })),
    totals: {
      pages: results.length,
      ok: count('ok'),
      overflow: count('overflow'),
      failed: count('failed'),
      cancelled: count('cancelled'),
      pending: count('pending'),
      seconds: round(seconds, 3),
      pagesPerSecond: round(rendered / seconds, 2),
      jobs,
      peakWorkerMB: Math.max(0, ...[...workers.values()].map((w) => w.peakMB)),
      peakProcessMB: round(process.resourceUsage().maxRSS / 1024, 1),
      processStartMB: round(rssStart / 2 ** 20, 1),
      processMB: round(process.memoryUsage.rss() / 2 ** 20, 1),
    },
    workers: [...workers.values()].sort((a, b) => a.worker - b.worker),
  };
}

/** Writes the summary file whole each time; while pages finish, at most every SUMMARY_INTERVAL_MS. */
class SummaryWriter {
  private pending: (() => BatchSummary) | null = null;
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  constructor(private readonly file: string | null) {}

  async write(summary: BatchSummary): Promise<void> {
    if (!this.file) return;
    const file = this.file;
    this.last = performance.now();
    this.writing = this.writing.then(() => writeFileAtomic(file, JSON.stringify(summary, null, 2) + '\n'));
    await this.writing;
  }

  /** Write soon (the latest state when the write happens). */
  later(make: () => BatchSummary): void {
    if (!this.file) return;
    this.pending = make;
    if (this.timer) return;
    const wait = Math.max(0, SUMMARY_INTERVAL_MS - (performance.now() - this.last));
    this.timer = setTimeout(() => {
      this.timer = null;
      const next = this.pending;
      this.pending = null;
      // A failed intermediate write is not fatal: the final one reports its error.
      if (next) this.write(next()).catch(() => {});
    }, wait);
  }

  async final(summary: BatchSummary): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    await this.writing.catch(() => {});
    await this.write(summary);
  }
}

/**
 * A page's output may not be any page's layout or text (the lists are known before anything is
 * set; the files a layout names are checked by its worker). Compared by path and, for files that
 * exist, by device and inode (a link is the same file).
 */
function checkOutputsAgainstInputs(list: BatchPage[]): void {
  const inputs = new Map<string, string>();
  const ids = new Map<string, string>();
  const add = (path: string, role: string) => {
    inputs.set(path, role);
    const s = statSync(path, { throwIfNoEntry: false });
    if (s?.isFile()) ids.set(`${s.dev}:${s.ino}`, role);
  };
  for (const p of list) {
    add(p.layout, `the layout ${p.layout}`);
    if (p.text) add(p.text, `the text ${p.text}`);
  }
  for (const p of list) {
    let role = inputs.get(p.output);
    if (!role) {
      const s = statSync(p.output, { throwIfNoEntry: false });
      if (s) role = ids.get(`${s.dev}:${s.ino}`);
    }
    if (role) throw new InputError(`${p.layout}: output ${p.output} is ${role}; refusing to overwrite an input`);
  }
}

/** Exit code of a batch: 0 all pages ok, 1 any failed or overflowed, 128 + the signal's number when a signal stopped it (130 after Ctrl-C). */
export function batchExitCode(s: BatchSummary): number {
  if (s.interrupted) return 128 + (SIGNAL_NUMBERS[s.stoppedBy ?? ''] ?? 2);
  return s.totals.ok === s.totals.pages ? 0 : 1;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
