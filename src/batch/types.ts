import type { BatchPage } from './expand.js';

export type PageStatus = 'ok' | 'overflow' | 'failed' | 'cancelled';

/** What a worker hands back for one page (it never throws: a failure is a result). */
export interface PageResult {
  layout: string;
  /** The PDF written, or null when the page failed or was cancelled. */
  output: string | null;
  status: PageStatus;
  /** Wall time of the page in its worker, ms. */
  ms: number;
  /** Characters that did not fit their regions (the PDF is still written). */
  overflowChars: number;
  /** Blocks that overflowed. */
  overflowBlocks: string[];
  /** Why the page failed. */
  error?: string;
  /** The worker's memory after the page: its V8 heap plus external memory (font buffers), MB. */
  workerMB?: number;
  /** Which worker thread set the page. */
  worker?: number;
}

export interface PageTask extends BatchPage {
  date?: string;
}

export interface BatchTotals {
  pages: number;
  ok: number;
  overflow: number;
  failed: number;
  cancelled: number;
  seconds: number;
  pagesPerSecond: number;
  jobs: number;
  /** Peak of any worker's heap + external memory, MB. */
  peakWorkerMB: number;
  /** Peak resident memory of the whole process (main thread and all workers), MB. */
  peakProcessMB: number;
}

export interface BatchSummary {
  started: string;
  interrupted: boolean;
  pages: PageResult[];
  totals: BatchTotals;
}
