import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { batchExitCode, renderBatch, SUMMARY_FILE } from '../batch/index.js';
import { formatSummary, progressReporter } from '../batch/progress.js';
import { ACCESS_OPTIONS, args, checkDate, fileAccess, number, one } from './options.js';

/** Signals that stop a batch cleanly: the summary is finalised, workers stopped, temp files removed. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_EXIT: Record<(typeof STOP_SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** banmian batch <manifest.json | folder | glob> --out <folder> [--jobs N] [--page-timeout S] [--force] [--root DIR] [--max-input MB] [--date D] [--json] */
export async function batchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, {
    out: { type: 'string', short: 'o' },
    jobs: { type: 'string', short: 'j' },
    date: { type: 'string' },
    json: { type: 'boolean' },
    force: { type: 'boolean' },
    'page-timeout': { type: 'string' },
    ...ACCESS_OPTIONS,
  }, 'batch');
  const input = one(positionals, 'batch <manifest.json | folder | glob> --out <folder> [--jobs N]');
  if (!values.out) throw new InputError('batch: --out <folder> is required');
  const jobs = values.jobs === undefined ? undefined : number('--jobs', values.jobs, 1, 1024, 'worker threads');
  if (jobs !== undefined && !Number.isInteger(jobs)) throw new InputError(`--jobs: expected a whole number, got "${values.jobs}"`);
  const pageTimeout = values['page-timeout'] === undefined ? undefined : number('--page-timeout', values['page-timeout'], 1, 86_400, 'seconds');
  checkDate(values.date);
  const access = fileAccess(values);

  const quiet = !!values.quiet;
  const progress = quiet ? { start() {}, page() {}, end() {} } : progressReporter();
  const stop = new AbortController();
  // First signal: cancel queued pages, stop running ones, clean up, finalise the summary. Second: leave now.
  const handlers = STOP_SIGNALS.map((sig) => {
    const handler = () => {
      if (stop.signal.aborted) process.exit(SIGNAL_EXIT[sig]);
      // After SIGHUP the terminal may be gone: a failed progress write must not stop the clean-up.
      process.stderr.on('error', () => {});
      process.stderr.write(`\nbanmian batch: ${sig === 'SIGINT' ? 'interrupted' : sig}, stopping workers…\n`);
      stop.abort(sig);
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  try {
    const summary = await renderBatch(input, {
      ...access,
      out: values.out,
      jobs,
      date: values.date,
      force: values.force,
      pageTimeout,
      signal: stop.signal,
      onNote: (note) => process.stderr.write(`banmian batch: ${note}\n`),
      onStart: (total, n) => progress.start(total, n),
      onPage: (r, done, total) => progress.page(r, done, total),
    });
    progress.end(summary);
    const file = join(resolve(values.out), SUMMARY_FILE);
    const code = batchExitCode(summary);
    if (!quiet) process.stdout.write(values.json ? JSON.stringify(summary, null, 2) + '\n' : formatSummary(summary, file));
    else if (code !== 0) process.stderr.write(`banmian batch: ${summary.totals.overflow} overflow, ${summary.totals.failed} failed, ${summary.totals.cancelled} cancelled of ${summary.totals.pages} pages (${file})\n`);
    // Stopped by a signal: exit now, even if something (a worker stuck in a system call) would keep the process up.
    if (summary.interrupted) setTimeout(() => process.exit(code), 1000).unref();
    return code;
  } finally {
    for (const [sig, handler] of handlers) process.off(sig, handler);
  }
}
