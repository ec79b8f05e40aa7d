import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { PageResult, PageTask } from './types.js';

/** Default worker count: one per core. */
export const defaultJobs = () => Math.max(1, availableParallelism());

/** A pool of `jobs` render workers (src/batch/worker.ts), started at once so their warm-up overlaps. */
export function createPool(jobs: number): Piscina<PageTask, PageResult> {
  return new Piscina<PageTask, PageResult>({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    // Queue everything: the runner holds the whole list anyway.
    maxQueue: Infinity,
    idleTimeout: 60_000,
  });
}
