import { basename, resolve } from 'node:path';
import { altoXml } from '../export/alto.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../fsutil.js';
import { defaultFonts, pageFails, renderPage, setPage } from '../pipeline.js';
import { PROJECT_ROOT } from '../fonts/registry.js';
import { loadLayout } from '../model/index.js';
import { formatReport } from '../report/index.js';
import { documentDate } from '../render/pdf.js';
import { args, checkDate, number, one } from './options.js';

export async function renderCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, {
    output: { type: 'string', short: 'o' },
    debug: { type: 'boolean' },
    date: { type: 'string' },
    json: { type: 'boolean' },
    pdfa: { type: 'boolean' },
    pdfx: { type: 'boolean' },
    'max-ink': { type: 'string' },
    condition: { type: 'string' },
    bleed: { type: 'string' },
    marks: { type: 'boolean' },
    ppi: { type: 'string' },
    alto: { type: 'string' },
  });
  const file = one(positionals, 'render <layout.json>');
  checkDate(values.date);
  const bleed = values.bleed === undefined ? undefined : number('--bleed', values.bleed, 0, 20, 'mm');
  const ppi = values.ppi === undefined ? undefined : number('--ppi', values.ppi, 72, 2400, 'pixels per inch');
  // Total ink in percent of one solid ink: 100 (K alone) to 400 (all four solid).
  const maxInk = values['max-ink'] === undefined ? undefined : number('--max-ink', values['max-ink'], 100, 400, 'percent total ink');
  if (values.alto === '') throw new InputError('--alto: expected a file name');
  const layout = loadLayout(file);
  const out = resolve(values.output ?? resolve(PROJECT_ROOT, 'output', `${layout.name}.pdf`));
  const options = { debug: values.debug, date: values.date, pdfa: values.pdfa, pdfx: values.pdfx, maxInk, condition: values.condition, bleed, marks: values.marks, ppi, fileName: basename(out) };
  const page = await renderPage(layout, options);
  // Everything is made in memory first: a failing render writes nothing, and each file is written whole or not at all.
  const alto = values.alto ? { path: resolve(values.alto), xml: altoXml(page.layout, page.frames, page.set, defaultFonts(), { fileName: basename(out), date: documentDate(page.layout, values.date) }) } : undefined;
  await writeFileAtomic(out, page.pdf);
  if (alto) await writeFileAtomic(alto.path, alto.xml);
  if (values.json) process.stdout.write(JSON.stringify({ output: out, ...(alto ? { alto: alto.path } : {}), ...page.report }, null, 2) + '\n');
  else process.stdout.write(`${formatReport(page.report)}\n  wrote ${out}${alto ? `\n  wrote ${alto.path}` : ''}\n`);
  return pageFails(page.report) ? 1 : 0;
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, { json: { type: 'boolean' } });
  const page = await setPage(one(positionals, 'check <layout.json>'));
  if (values.json) process.stdout.write(JSON.stringify(page.report, null, 2) + '\n');
  else process.stdout.write(`${formatReport(page.report)}\n`);
  return page.report.overflowChars > 0 ? 1 : 0;
}

/** A numeric option within [min, max], else a clear input error. */
