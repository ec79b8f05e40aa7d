import { relative } from 'node:path';
import type { BatchSummary, PageResult } from './types.js';

export interface ProgressReporter {
  start(total: number, jobs: number): void;
  page(result: PageResult, done: number, total: number): void;
  end(summary: BatchSummary): void;
}

/** A bar on a terminal, one plain line per page otherwise (logs, CI). */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

const name = (r: PageResult) => relative(process.cwd(), r.output ?? r.kept ?? r.layout) || r.layout;

function describe(r: PageResult): string {
  if (r.status === 'failed') return `failed   ${relative(process.cwd(), r.layout)}: ${r.error}`;
  if (r.status === 'overflow') return `overflow ${name(r)} (${r.overflowChars} chars in ${(r.overflowRegions?.length ? r.overflowRegions : r.overflowBlocks).join(', ')}${r.kept ? '; kept the earlier PDF, --force replaces it' : ''})`;
  return `${r.status.padEnd(8)} ${name(r)}`;
}

/** Rate and time left from pages done so far. */
function pace(start: number, done: number, total: number): { rate: number; left: number } {
  const s = (performance.now() - start) / 1000;
  const rate = s > 0 ? done / s : 0;
  return { rate, left: rate > 0 ? (total - done) / rate : Infinity };
}

const clock = (s: number) => (!isFinite(s) ? '--:--' : `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`);

/**
 * Both reporters count the pages set (ok, overflow, failed), not the pages a stopped batch cancelled:
 * after Ctrl-C the bar stays where the work stopped ("12/32, 20 cancelled"), never at 32/32.
 */
class LineProgress implements ProgressReporter {
  private t0 = 0;
  private set = 0;
  constructor(private readonly out: NodeJS.WriteStream) {}
  start(total: number, jobs: number) {
    this.t0 = performance.now();
    this.out.write(`banmian batch: ${total} pages on ${jobs} worker${jobs > 1 ? 's' : ''}\n`);
  }
  page(r: PageResult, _done: number, total: number) {
    if (r.status === 'cancelled') return;
    const { rate } = pace(this.t0, ++this.set, total);
    this.out.write(`[${this.set}/${total}] ${describe(r)}  ${Math.round(r.ms)} ms  (${rate.toFixed(1)} pages/s)\n`);
  }
  end(summary: BatchSummary) {
    if (summary.interrupted) this.out.write(`stopped at ${this.set}/${summary.totals.pages}: ${summary.totals.cancelled} cancelled\n`);
  }
}

class BarProgress implements ProgressReporter {
  private t0 = 0;
  private last = 0;
  private width = 30;
  private set = 0;
  private cancelled = 0;
  constructor(private readonly out: NodeJS.WriteStream) {}
  start(total: number, jobs: number) {
    this.t0 = performance.now();
    this.out.write(`banmian batch: ${total} pages on ${jobs} worker${jobs > 1 ? 's' : ''}\n`);
    this.draw(total);
  }
  page(r: PageResult, _done: number, total: number) {
    if (r.status === 'cancelled') {
      this.cancelled++;
      return;
    }
    this.set++;
    // Problems stay on screen above the bar; good pages only move it.
    if (r.status === 'failed' || r.status === 'overflow') this.out.write(`\r\x1b[K${describe(r)}\n`);
    const now = performance.now();
    if (this.set === total || now - this.last > 80 || r.status !== 'ok') this.draw(total);
  }
  end(summary: BatchSummary) {
    this.draw(summary.totals.pages);
    this.out.write('\n');
  }
  private draw(total: number) {
    this.last = performance.now();
    const { rate, left } = pace(this.t0, this.set, total);
    const fill = Math.round((this.set / total) * this.width);
    const tail = this.cancelled ? `  ${this.cancelled} cancelled` : `  ${rate.toFixed(1)} pages/s  ${clock(left)} left`;
    this.out.write(`\r\x1b[K[${'#'.repeat(fill)}${'-'.repeat(this.width - fill)}] ${this.set}/${total}${tail}`);
  }
}

/** The human summary printed at the end. */
export function formatSummary(s: BatchSummary, summaryPath: string | null): string {
  const t = s.totals;
  const lines = [
    `${s.interrupted ? 'interrupted: ' : ''}${t.pages} pages: ${t.ok} ok, ${t.overflow} overflow, ${t.failed} failed${t.cancelled ? `, ${t.cancelled} cancelled` : ''}`,
    `  ${t.seconds.toFixed(1)} s, ${t.pagesPerSecond} pages/s on ${t.jobs} workers; peak ${t.peakWorkerMB} MB per worker, ${t.peakProcessMB} MB process`,
  ];
  for (const r of s.pages) if (r.status === 'failed' || r.status === 'overflow') lines.push(`  ${describe(r)}`);
  if (summaryPath) lines.push(`  summary: ${relative(process.cwd(), summaryPath) || summaryPath}`);
  return lines.join('\n') + '\n';
}
