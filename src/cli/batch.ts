import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { batchExitCode, renderBatch, SUMMARY_FILE } from '../batch/index.js';
import { formatSummary, progressReporter } from '../batch/progress.js';
import { args } from './main.js';

/** banmian batch <manifest.json | folder | glob> --out <folder> [--jobs N] [--date D] [--json] */
export async function batchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, {
    out: { type: 'string', short: 'o' },
    jobs: { type: 'string', short: 'j' },
    date: { type: 'string' },
    json: { type: 'boolean' },
  });
  // (not render.ts's one(): importing render.ts would load the whole pipeline into the main thread)
  if (positionals.length !== 1) throw new InputError('usage: banmian batch <manifest.json | folder | glob> --out <folder> [--jobs N]');
  const input = positionals[0];
  if (!values.out) throw new InputError('batch: --out <folder> is required');
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!/^\d+$/.test(values.jobs) || jobs < 1) throw new InputError(`--jobs: expected a positive whole number, got "${values.jobs}"`);
  }
  if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new InputError(`--date: expected YYYY-MM-DD, got "${values.date}"`);

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
