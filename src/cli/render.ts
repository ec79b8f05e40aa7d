import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { altoXml } from '../export/alto.js';
import { InputError } from '../errors.js';
import { checkDistinctOutputs, checkOutputPath, checkReadable, maxImage, removeStaleTemps } from '../fsutil.js';
import { defaultFonts, pageFails, renderPage, setPage } from '../pipeline.js';
import { loadLayout } from '../model/index.js';
import { formatReport, resolutionWarnings } from '../report/index.js';
import { sourcePpi } from '../render/images.js';
import { documentDate } from '../render/pdf.js';
import { ACCESS_OPTIONS, args, checkDate, fileAccess, number, one } from './options.js';
import { defaultOutput, emit, STDOUT } from './output.js';
import { say as sayFor, type Say } from './say.js';
import { untilInterrupted, watchRuns, type WatchedRun } from './watch.js';

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
    force: { type: 'boolean' },
    watch: { type: 'boolean', short: 'w' },
    ...ACCESS_OPTIONS,
  }, 'render');
  const file = one(positionals, 'render <layout.json>');
  checkDate(values.date);
  const bleed = values.bleed === undefined ? undefined : number('--bleed', values.bleed, 0, 20, 'mm');
  const ppi = values.ppi === undefined ? undefined : number('--ppi', values.ppi, 72, 2400, 'pixels per inch');
  // Total ink in percent of one solid ink: 100 (K alone) to 400 (all four solid).
  const maxInk = values['max-ink'] === undefined ? undefined : number('--max-ink', values['max-ink'], 100, 400, 'percent total ink');
  if (values.alto === '') throw new InputError('--alto: expected a file name');
  if (values.output === '') throw new InputError('-o: expected a file name (or - for standard output)');
  if (values.watch && (values.output === STDOUT || values.alto === STDOUT)) throw new InputError('--watch writes files: not with -o - (standard output)');
  const access = fileAccess(values);
  const once = async (): Promise<WatchedRun> => {
    const layout = loadLayout(file, access);
    const out = values.output === STDOUT ? STDOUT : resolve(values.output ?? defaultOutput(layout.name, '.pdf'));
    const altoPath = values.alto === undefined ? undefined : values.alto === STDOUT ? STDOUT : resolve(values.alto);
    // Every output is checked before the page is set: never a device, a folder or one of the page's own files.
    const outputs = [{ path: out, flag: '-o' }, ...(altoPath ? [{ path: altoPath, flag: '--alto' }] : [])];
    for (const o of outputs) if (o.path !== STDOUT) checkOutputPath(o.path, layout.inputs, o.flag);
    checkDistinctOutputs(outputs);
    const fileName = out === STDOUT ? `${layout.name}.pdf` : basename(out);
    const options = { ...access, debug: values.debug, date: values.date, pdfa: values.pdfa, pdfx: values.pdfx, maxInk, condition: values.condition, bleed, marks: values.marks, ppi, fileName };
    const page = await renderPage(layout, options);
    // Everything is made in memory first: a failing render writes nothing, and each file is written whole or not at all.
    const alto = altoPath ? { path: altoPath, xml: altoXml(page.layout, page.frames, page.set, defaultFonts(), { fileName, date: documentDate(page.layout, values.date) }) } : undefined;
    // Reports go to stderr when a file goes to stdout.
    const say = sayFor(values, outputs.some((o) => o.path === STDOUT));
    const fails = pageFails(page.report);
    const kept = fails && !values.force ? outputs.filter((o) => o.path !== STDOUT && existsSync(o.path)).map((o) => o.path) : [];
    if (kept.length === 0) {
      for (const dir of new Set(outputs.filter((o) => o.path !== STDOUT).map((o) => dirname(o.path)))) await removeStaleTemps(dir);
      await emit(out, page.pdf);
      if (alto) await emit(alto.path, alto.xml);
    }
    const wrote = kept.length ? [] : outputs.map((o) => o.path).filter((p) => p !== STDOUT);
    if (values.json) say.report(JSON.stringify({ output: wrote.includes(out) ? out : null, ...(alto && wrote.includes(alto.path) ? { alto: alto.path } : {}), ...(kept.length ? { kept } : {}), ...page.report }, null, 2) + '\n');
    else say.report(`${formatReport(page.report)}\n${wrote.map((p) => `  wrote ${p}\n`).join('')}`);
    say.detail(details(page));
    if (fails) say.failure(`banmian: ${failureLine(page.report)}\n`);
    // A page that overflows (or fails its preflight) does not replace one that was there: the earlier file may be the good one.
    if (kept.length) process.stderr.write(`banmian: the page ${page.report.overflowChars > 0 ? 'overflows' : 'fails its preflight'}; kept the existing ${kept.join(' and ')} (--force replaces ${kept.length > 1 ? 'them' : 'it'})\n`);
    return { code: fails ? 1 : 0, inputs: page.layout.inputs.map((i) => i.path) };
  };
  return values.watch ? watching(file, once, sayFor(values)) : (await once()).code;
}

/**
 * --watch: run, then again on every change to a file the page is made from, until Ctrl-C; each run
 * prints its report, and a line says what changed and how long the new page took.
 */
export async function watching(file: string, once: () => Promise<WatchedRun>, say: Say): Promise<number> {
  const { reportError } = await import('./main.js');
  const { signal, dispose } = untilInterrupted();
  try {
    return await watchRuns({
      run: once,
      layout: file,
      signal,
      onError: async (e) => void (await reportError(e)),
      onReady: (files) => say.quiet || process.stderr.write(`banmian: watching ${file} and the ${files - 1} file${files === 2 ? '' : 's'} it names (Ctrl-C stops)\n`),
      onRerun: (changed, ms, code, cpu) => process.stderr.write(`banmian: ${changed.join(', ')} changed: ${code === 2 ? 'not set (see above)' : `done in ${Math.round(ms)} ms (CPU ${Math.round(cpu)} ms)`}; watching\n`),
    });
  } finally {
    dispose();
  }
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, { json: { type: 'boolean' }, ...ACCESS_OPTIONS }, 'check');
  const access = fileAccess(values);
  const page = await setPage(one(positionals, 'check <layout.json>'), access);
  // Images are read only when a PDF is made: check now that they could be, and how sharp they will print.
  for (const input of page.layout.inputs) if (input.kind === 'image') checkReadable(input.path, { where: input.where, limit: maxImage(access), kind: 'an image' });
  const photos = [];
  for (const f of page.frames) {
    const r = f.region;
    if (r.kind !== 'photo' || !r.image || !f.image) continue;
    photos.push({ region: r.id, ppi: await sourcePpi(resolve(dirname(page.layout.file), r.image), f.image, { fit: r.fit, crop: r.crop, maxBytes: maxImage(access), where: `${page.layout.file}: region "${r.id}"` }) });
  }
  page.report.warnings.push(...resolutionWarnings(photos));
  const say = sayFor(values);
  if (values.json) say.report(JSON.stringify(page.report, null, 2) + '\n');
  else say.report(`${formatReport(page.report)}\n`);
  say.detail(details(page));
  if (page.report.overflowChars > 0) say.failure(`banmian: ${failureLine(page.report)}\n`);
  return page.report.overflowChars > 0 ? 1 : 0;
}

/** --verbose: how long each stage took and which files the page read. */
export function details(page: { timings: Record<string, number>; renderMs?: number; layout: { inputs: readonly { kind?: string; role: string; path: string }[] } }): string {
  const ms = { ...page.timings, ...(page.renderMs !== undefined ? { render: page.renderMs } : {}) };
  return `  time: ${Object.entries(ms).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}\n${page.layout.inputs.map((i) => `  read ${i.kind ?? i.role}: ${i.path}\n`).join('')}`;
}

/** --quiet: the one line a failing page still gets. */
export function failureLine(r: { name: string; overflowChars: number; regions: readonly { region: string; overflow: number }[] }): string {
  if (r.overflowChars === 0) return `${r.name}: the page fails its preflight`;
  const over = r.regions.filter((g) => g.overflow > 0).map((g) => g.region);
  return `${r.name}: ${r.overflowChars} characters overflow (${over.join(', ')})`;
}
