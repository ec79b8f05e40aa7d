import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../fsutil.js';
import { renderPage, setPage } from '../pipeline.js';
import { PROJECT_ROOT } from '../fonts/registry.js';
import { formatReport } from '../report/index.js';
import { args } from './main.js';

export async function renderCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, {
    output: { type: 'string', short: 'o' },
    debug: { type: 'boolean' },
    date: { type: 'string' },
    json: { type: 'boolean' },
  });
  const file = one(positionals, 'render <layout.json>');
  if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new InputError(`--date: expected YYYY-MM-DD, got "${values.date}"`);
  const page = await renderPage(file, { debug: values.debug, date: values.date });
  const out = resolve(values.output ?? resolve(PROJECT_ROOT, 'output', `${page.layout.name}.pdf`));
  await writeFileAtomic(out, page.pdf);
  if (values.json) process.stdout.write(JSON.stringify({ output: out, ...page.report }, null, 2) + '\n');
  else process.stdout.write(`${formatReport(page.report)}\n  wrote ${out}\n`);
  return page.report.overflowChars > 0 ? 1 : 0;
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, { json: { type: 'boolean' } });
  const page = await setPage(one(positionals, 'check <layout.json>'));
  if (values.json) process.stdout.write(JSON.stringify(page.report, null, 2) + '\n');
  else process.stdout.write(`${formatReport(page.report)}\n`);
  return page.report.overflowChars > 0 ? 1 : 0;
}

export function one(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new InputError(`usage: banmian ${usage}`);
  return positionals[0];
}
