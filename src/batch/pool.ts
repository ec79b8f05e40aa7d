import { availableParallelism, freemem } from 'node:os';
import { Piscina } from 'piscina';
import type { PageResult, PageTask } from './types.js';

/**
 * Memory one worker needs, MB: measured 110–190 MB per worker (V8 heap, the parsed fonts and their
 * files, sharp's buffers) on broadsheet pages with photos; 256 leaves room for a heavy page.
 */
export const WORKER_BUDGET_MB = 256;

/**
 * The most heap a worker may take, MB. No page comes near it (a 4 MiB text, the largest read by
 * default, ingests in at most ~0.8 GB); a page that does fails alone instead of taking the machine down.
 * Under 2 GB on purpose: V8 scales how far it lets the heap grow between full collections with this
 * limit, and from 2 GB up it allows four times the live heap (its factor for machines it takes for
 * large). A worker keeps ~20 MB live and promotes part of every page, so at 2048 its heap and
 * external memory grew to 125–145 MB; at 1536 they stay under 110 MB. The price: full collections
 * twice as often, ~14% more CPU a page (1000 sample pages on 2 workers, young generation 24 MB:
 * 37–39 pages/s, 43–45 at 2048; the young generation below wins some of it back).
 * Memory is what the limit is for, and per-worker memory is what lets a machine run more workers.
 */
export const WORKER_HEAP_LIMIT_MB = 1536;

/** Default worker count: one per core. */
export const defaultJobs = () => Math.max(1, availableParallelism());

/** Memory free for workers now, MB: the system's available memory, or what is left of a container's limit if that is less. */
export function availableMB(): number {
  let free = freemem() / 2 ** 20;
  const limit = process.constrainedMemory?.() ?? 0;
  // Without a limit Node reports a huge number (2^64): only a real one counts.
  if (limit > 0 && limit < 2 ** 50) free = Math.min(free, (limit - process.memoryUsage.rss()) / 2 ** 20);
  return free;
}

/**
 * How many workers to start: what was asked (default one per core), but no more than the cores
 * (more threads than cores only share them, each with its own fonts in memory), the memory free for
 * WORKER_BUDGET_MB each (keeping a fifth for the rest of the system), or the pages. `note` says why
 * a request was cut.
 */
export function planJobs(requested: number | undefined, pages: number, cores = availableParallelism(), freeMB = availableMB()): { jobs: number; note?: string } {
  const byMemory = Math.max(1, Math.floor((freeMB * 0.8) / WORKER_BUDGET_MB));
  const want = requested ?? cores;
  const jobs = Math.max(1, Math.min(want, cores, byMemory, pages));
  if (requested === undefined || jobs >= Math.min(requested, pages)) return { jobs };
  const why = jobs === cores ? `${cores} core${cores > 1 ? 's' : ''}` : `${Math.round(freeMB)} MB free at ${WORKER_BUDGET_MB} MB per worker`;
  return { jobs, note: `--jobs ${requested} capped to ${jobs} (${why})` };
}

/** A pool of `jobs` render workers (src/batch/worker.ts), started at once so their warm-up overlaps. */
export function createPool(jobs: number): Piscina<PageTask, PageResult> {
  return new Piscina<PageTask, PageResult>({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    // The runner hands out at most `jobs` pages at a time (so a page's timeout starts when it does).
    maxQueue: Infinity,
    idleTimeout: 60_000,
    // The young generation at V8's 48 MB: a page allocates ~12 MB, most of it dead by the page's
    // end, and at 24 MB more of each page lived through two scavenges into the old generation, which
    // the lower heap limit above collects more often. 1000 sample pages on 2 workers: 38.7–42.7
    // pages/s at 97–109 MB a worker, against 37.4–38.9 pages/s at 86–89 MB with 24 MB.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_LIMIT_MB, maxYoungGenerationSizeMb: 48 },
  });
}
