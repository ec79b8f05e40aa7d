import type { FileAccess } from '../fsutil.js';
import type { BatchPage } from './expand.js';

/** pending: not finished yet (only in a summary written while the batch runs, or one a killed batch left). */
export type PageStatus = 'ok' | 'overflow' | 'failed' | 'cancelled' | 'pending';

/** What a worker hands back for one page (it never throws: a failure is a result). */
export interface PageResult {
  layout: string;
  /** The PDF written, or null when the page failed, was cancelled or kept an earlier file. */
  output: string | null;
  status: PageStatus;
  /** Wall time of the page in its worker, ms. */
  ms: number;
  /** Characters that did not fit their regions (the PDF is still written). */
  overflowChars: number;
  /** Blocks that overflowed. */
  overflowBlocks: string[];
  /** The regions (as the layout names them) whose text overflowed, each with the lines it is short of. */
  overflowRegions: string[];
  /** Why the page failed: one line. */
  error?: string;
  /** An earlier PDF left in place: the page overflowed and --force was not given. */
  kept?: string;
  /** The worker's memory after the page: its V8 heap plus external memory (font buffers), MB. */
  workerMB?: number;
  /** Which worker thread set the page. */
  worker?: number;
}

export interface PageTask extends BatchPage, FileAccess {
  date?: string;
  /** Replace an existing PDF even when the page overflows. */
  force?: boolean;
}

export interface BatchTotals {
  pages: number;
  ok: number;
  overflow: number;
  failed: number;
  cancelled: number;
  /** Pages not finished (while running, or left by a batch that was killed). */
  pending: number;
  seconds: number;
  pagesPerSecond: number;
  jobs: number;
  /** Peak of any worker's heap + external memory, MB. */
  peakWorkerMB: number;
  /** Peak resident memory of the whole process (main thread and all workers), MB. */
  peakProcessMB: number;
  /** Resident memory of the process when the batch started and at this summary, MB. */
  processStartMB: number;
  processMB: number;
}

/** Memory of one worker thread over the batch. */
export interface WorkerMemory {
  worker: number;
  pages: number;
  /** Heap + external memory after its first and its latest page, and the peak, MB. */
  firstMB: number;
  lastMB: number;
  peakMB: number;
}

export interface BatchSummary {
  started: string;
  /** running: written while pages are set (a summary still saying so was left by a batch that was killed). */
  state: 'running' | 'finished' | 'interrupted';
  interrupted: boolean;
  /** What stopped an interrupted batch: a signal name (SIGINT, SIGTERM, SIGHUP) or "abort". */
  stoppedBy?: string;
  /** The batch's process id (the lock file names it too). */
  pid: number;
  pages: PageResult[];
  totals: BatchTotals;
  workers: WorkerMemory[];
}
