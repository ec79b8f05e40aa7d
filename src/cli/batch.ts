import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { batchExitCode, renderBatch, SUMMARY_FILE } from '../batch/index.js';
import { formatSummary, progressReporter } from '../batch/progress.js';
import { args, checkDate, number, one } from './options.js';

/** banmian batch <manifest.json | folder | glob> --out <folder> [--jobs N] [--date D] [--json] */
export async function batchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, {
    out: { type: 'string', short: 'o' },
    jobs: { type: 'string', short: 'j' },
    date: { type: 'string' },
    json: { type: 'boolean' },
  });
  const input = one(positionals, 'batch <manifest.json | folder | glob> --out <folder> [--jobs N]');
  if (!values.out) throw new InputError('batch: --out <folder> is required');
  const jobs = values.jobs === undefined ? undefined : number('--jobs', values.jobs, 1, 256, 'worker threads');
  if (jobs !== undefined && !Number.isInteger(jobs)) throw new InputError(`--jobs: expected a whole number, got "${values.jobs}"`);
  checkDate(values.date);

  const progress = progressReporter();
  const stop = new AbortController();
  // First Ctrl-C: cancel queued pages, stop running ones, clean up, write the summary. Second: leave now.
  const onSigint = () => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write('\nbanmian batch: interrupted, stopping workers…\n');
    stop.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const summary = await renderBatch(input, {
      out: values.out,
      jobs,
      date: values.date,
      signal: stop.signal,
      onStart: (total, n) => progress.start(total, n),
      onPage: (r, done, total) => progress.page(r, done, total),
    });
    progress.end(summary);
    const file = join(resolve(values.out), SUMMARY_FILE);
    process.stdout.write(values.json ? JSON.stringify(summary, null, 2) + '\n' : formatSummary(summary, file));
    return batchExitCode(summary);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
