import { say as sayFor, type Say } from './say.js';
import { basename, dirname, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { PROJECT_ROOT } from '../fonts/registry.js';
import { checkDistinctOutputs, checkOutputPath, maxImage, readInput, writeFileAtomic, type NamedInput } from '../fsutil.js';
import { altoXml } from '../export/alto.js';
import { defaultFonts } from '../pipeline.js';
import { documentDate } from '../render/pdf.js';
import { formatReport } from '../report/index.js';
import { args, checkDate, fileAccess, number, one } from './options.js';

/** The original PDF: a regular file, as big as a photo may be (it holds the page's images). */
const readPdfArg = (file: string, values: { 'max-input'?: string }): Promise<Uint8Array> => readInput(file, { limit: maxImage(fileAccess(values)), kind: 'an original PDF' });
/** What derive and rebuild must never write over. */
const originalInput = (file: string): NamedInput[] => [{ path: file, role: 'the original PDF' }];

/**
 * The pages to do (--page N, or every page of the PDF) and the PDF as read for them: read once for
 * all its pages (rebuild.ts OpenedPdf). The caller closes it.
 */
async function pagesOf(bytes: Uint8Array, file: string, page: string | undefined) {
  const [{ openPdf, pageNumbers }, { openedPdf }] = await Promise.all([import('../pdf/open.js'), import('../rebuild.js')]);
  const doc = await openPdf(bytes, file);
  try {
    return { pages: pageNumbers(doc, file, page === undefined ? undefined : number('--page', page, 1, 100000, 'a page number')), count: doc.numPages, opened: openedPdf(doc, bytes) };
  } catch (e) {
    await doc.destroy();
    throw e;
  }
}

/** `banmian derive original.pdf [-o layouts/NAME.json] [--page N]`: an editable layout of the page, with its photos. */
export async function deriveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, { output: { type: 'string', short: 'o' }, page: { type: 'string' }, json: { type: 'boolean' }, 'max-input': { type: 'string' } }, 'derive');
  const say = sayFor(values);
  const file = one(positionals, 'derive <original.pdf> [-o layouts/NAME.json] [--page N]');
  const bytes = await readPdfArg(file, values);
  const { pages, count, opened } = await pagesOf(bytes, file, values.page);
  try {
    return await derivePages(bytes, file, pages, count, opened, values, say);
  } finally {
    await opened.doc.destroy();
  }
}

async function derivePages(bytes: Uint8Array, file: string, pages: number[], count: number, opened: import('../rebuild.js').OpenedPdf, values: { output?: string; json?: boolean }, say: Say): Promise<number> {
  const { derivePage, layoutName } = await import('../rebuild.js');
  const single = values.output?.endsWith('.json');
  if (single && pages.length > 1) throw new InputError(`-o ${values.output}: ${file} has ${count} pages; give --page N, or -o a folder for one layout per page`);
  const results = [];
  for (const page of pages) {
    const name = single ? basename(values.output!, '.json') : layoutName(file, page, count);
    const out = resolve(single ? values.output! : resolve(values.output ?? 'layouts', `${name}.json`));
    const schema = relative(dirname(out), resolve(PROJECT_ROOT, 'layouts/schema.json')).split('\\').join('/');
    checkOutputPath(out, originalInput(file), '-o');
    const d = await derivePage(bytes, file, page, out, { name, schema: schema.startsWith('.') ? schema : `./${schema}`, opened });
    for (const path of d.photos.keys()) checkOutputPath(path, originalInput(file), 'photo');
    // Photos first: a layout is never written naming files that are not there.
    for (const [path, data] of d.photos) await writeFileAtomic(path, data);
    await writeFileAtomic(out, JSON.stringify(d.layout, null, 2) + '\n');
    const regions = d.layout.regions?.length ?? 0;
    results.push({ page, layout: out, regions, photos: [...d.photos.keys()], faces: d.faces, notes: d.notes });
    if (!values.json) {
      say.report(`${file} page ${page}: ${d.source.blocks.length} blocks → ${regions} regions, ${d.photos.size} photos\n`);
      for (const [, reading] of Object.entries(d.faces)) say.report(`  face ${reading}\n`);
      for (const n of d.notes) say.report(`  note: ${n}\n`);
      say.report(`  wrote ${out}\n`);
    }
  }
  if (values.json) process.stdout.write(JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
  return 0;
}

/** `banmian rebuild original.pdf [-o out.pdf] [--page N] [render options]`: derive and render in one step. */
export async function rebuildCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, {
    output: { type: 'string', short: 'o' },
    page: { type: 'string' },
    date: { type: 'string' },
    json: { type: 'boolean' },
    pdfa: { type: 'boolean' },
    bleed: { type: 'string' },
    marks: { type: 'boolean' },
    ppi: { type: 'string' },
    alto: { type: 'string' },
    'max-input': { type: 'string' },
  }, 'rebuild');
  const say = sayFor(values);
  const file = one(positionals, 'rebuild <original.pdf> [-o out.pdf] [--page N]');
  checkDate(values.date);
  const bleed = values.bleed === undefined ? undefined : number('--bleed', values.bleed, 0, 20, 'mm');
  const ppi = values.ppi === undefined ? undefined : number('--ppi', values.ppi, 72, 2400, 'pixels per inch');
  const bytes = await readPdfArg(file, values);
  const { pages, count, opened } = await pagesOf(bytes, file, values.page);
  try {
    return await rebuildPages(bytes, file, pages, count, opened, { ...values, bleed, ppi }, say);
  } finally {
    await opened.doc.destroy();
  }
}

async function rebuildPages(bytes: Uint8Array, file: string, pages: number[], count: number, opened: import('../rebuild.js').OpenedPdf, values: { output?: string; json?: boolean; date?: string; pdfa?: boolean; marks?: boolean; alto?: string; bleed?: number; ppi?: number }, say: Say): Promise<number> {
  const { bleed, ppi } = values;
  if (values.output && pages.length > 1 && values.output.endsWith('.pdf')) throw new InputError(`-o ${values.output}: ${file} has ${count} pages; give --page N, or -o a folder for one PDF per page`);
  if (values.alto && pages.length > 1) throw new InputError(`--alto: ${file} has ${count} pages; give --page N`);
  const { rebuildPage, layoutName } = await import('../rebuild.js');
  let overflow = false;
  const reports = [];
  for (const page of pages) {
    const name = layoutName(file, page, count);
    const out = resolve(values.output?.endsWith('.pdf') ? values.output : resolve(values.output ?? 'output', `${name}.pdf`));
    const outputs = [{ path: out, flag: '-o' }, ...(values.alto ? [{ path: resolve(values.alto), flag: '--alto' }] : [])];
    for (const o of outputs) checkOutputPath(o.path, originalInput(file), o.flag);
    checkDistinctOutputs(outputs);
    const r = await rebuildPage(bytes, file, page, { name, date: values.date, pdfa: values.pdfa, bleed, marks: values.marks, ppi, fileName: basename(out), opened });
    const alto = values.alto ? altoXml(r.layout, r.frames, r.set, defaultFonts(), { fileName: basename(out), date: documentDate(r.layout, values.date) }) : undefined;
    await writeFileAtomic(out, r.pdf);
    if (alto) await writeFileAtomic(resolve(values.alto!), alto);
    overflow ||= r.report.overflowChars > 0;
    reports.push({ page, output: out, ...r.report });
    if (!values.json) say.report(`${formatReport(r.report)}\n  wrote ${out}\n`);
  }
  if (values.json) process.stdout.write(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n');
  return overflow ? 1 : 0;
}
