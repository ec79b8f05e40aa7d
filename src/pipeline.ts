import { assign } from './assign/index.js';
import { InputError } from './errors.js';
import { FontBook } from './fonts/fontbook.js';
import { checkUnderRoot, maxImage, maxInput, readInput, type FileAccess } from './fsutil.js';
import type { Source } from './ingest/index.js';
import { layoutPage, layoutReady, overlaps, type Frame } from './layout/index.js';
import { loadLayout, type Layout } from './model/index.js';
import { PDFX_VERSION, printSettings, renderDocument, type RenderOptions } from './render/pdf.js';
import { buildReport, preflight, resolutionWarnings, type PageReport } from './report/index.js';
import { typesetPage, type SetText } from './typeset/index.js';
import { ingestText } from './textfile.js';

export interface PageOptions extends RenderOptions, FileAccess {
  /** Fonts to reuse across pages (one per process or worker). */
  fonts?: FontBook;
  /** The extracted text, if not read from the layout's `text` file. */
  text?: string | Uint8Array;
  /** A text file to read instead of the layout's `text` (a batch manifest may name one per page); it must lie under `root`. */
  textFile?: string;
  /** The source already read (rebuild reads the original PDF once for derive and render). */
  source?: Source;
}

export interface SetPage {
  layout: Layout;
  source: Source;
  frames: Frame[];
  set: SetText;
  report: PageReport;
  timings: Record<'ingest' | 'model' | 'layout' | 'typeset', number>;
}

let sharedFonts: FontBook | undefined;
/** The process-wide font book: fonts are parsed once per process (or worker), not once per page. */
export const defaultFonts = () => (sharedFonts ??= new FontBook());

/** Everything up to, not including, the PDF: load, ingest, assign, lay out, typeset, report. */
export async function setPage(layoutOrFile: string | Layout, options: PageOptions = {}): Promise<SetPage> {
  const t0 = performance.now();
  const layout = typeof layoutOrFile === 'string' ? loadLayout(layoutOrFile, options) : layoutOrFile;
  const t1 = performance.now();
  const fonts = options.fonts ?? defaultFonts();
  fonts.prefetch(Object.values(layout.styles));
  const source = options.source ?? (await readSource(layout, options));
  const t2 = performance.now();
  const { stories, hints, unplaced } = assign(source, layout);
  await layoutReady();
  const frames = layoutPage(layout, hints);
  const t3 = performance.now();
  await fonts.prefetched();
  const set = typesetPage(stories, frames, layout.styles, fonts);
  fonts.dropPrefetched();
  const t4 = performance.now();
  const warnings = overlaps(frames).map(([a, b]) => `warning: regions "${a}" and "${b}" overlap`);
  const report = buildReport(layout.name, source, frames, set, unplaced, warnings);
  return { layout, source, frames, set, report, timings: { model: t1 - t0, ingest: t2 - t1, layout: t3 - t2, typeset: t4 - t3 } };
}

/** The layout's text: from its original PDF page (PDF front door) or from its extracted text file. */
async function readSource(layout: Layout, options: PageOptions): Promise<Source> {
  if (layout.original && options.text === undefined && options.textFile === undefined) {
    const { pdf, page } = layout.original;
    // An original page PDF may be as big as a photo (it holds the page's images).
    const bytes = await readInput(pdf, { where: `${layout.file}: original.pdf`, limit: maxImage(options), kind: 'an original PDF' });
    const { ingestPdf } = await import('./ingest/pdf.js');
    const read = await ingestPdf(bytes, pdf, page);
    await read.doc.destroy();
    return read.source;
  }
  let text = options.text;
  const textFile = options.textFile ?? layout.textFile;
  if (text === undefined) {
    if (!textFile) throw new InputError(`${layout.file}: text: the layout names no text file (or original PDF)`);
    if (options.textFile) checkUnderRoot(options.textFile, options, `${layout.file}: text`);
    text = await readInput(textFile, { where: `${layout.file}: text`, limit: maxInput(options), kind: 'a text file' });
  }
  // Messages about the text name the layout and the field that names it.
  return ingestText(text, { corrections: layout.corrections }, textFile ? `${layout.file}: text: ${textFile}` : `${layout.file}: text`);
}

/** The whole pipeline: a page's PDF bytes and its report, with the preflight of the written page. */
export async function renderPage(layoutOrFile: string | Layout, options: PageOptions = {}): Promise<SetPage & { pdf: Uint8Array; renderMs: number }> {
  // Bad print options fail before any work.
  const { condition, maxInk } = printSettings(options);
  const page = await setPage(layoutOrFile, options);
  const t = performance.now();
  const { pdf, facts } = await renderDocument(page.layout, page.frames, page.set, options.fonts ?? defaultFonts(), { maxImageBytes: maxImage(options), ...options });
  page.report.preflight = preflight(facts, { pdfx: condition && { version: PDFX_VERSION, condition: condition.id }, pdfa: options.pdfa, maxInk });
  page.report.warnings.push(...resolutionWarnings(page.report.preflight.images));
  return { ...page, pdf, renderMs: performance.now() - t };
}

/** Whether a rendered page fails what was asked of it: text overflow, or under PDF/X a failed preflight. */
export const pageFails = (report: PageReport): boolean => report.overflowChars > 0 || (report.preflight?.standard === PDFX_VERSION && !report.preflight.passed);
