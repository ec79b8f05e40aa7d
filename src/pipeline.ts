import { assign } from './assign/index.js';
import { InputError } from './errors.js';
import { FontBook } from './fonts/fontbook.js';
import { checkUnderRoot, maxImage, maxInput, readInput, type FileAccess } from './fsutil.js';
import type { Source } from './ingest/index.js';
import { layoutPage, overlaps, type Frame } from './layout/index.js';
import { loadLayout, type Layout } from './model/index.js';
import { renderPdf, type RenderOptions } from './render/pdf.js';
import { buildReport, type PageReport } from './report/index.js';
import { typesetPage, type SetText } from './typeset/index.js';
import { ingestText } from './textfile.js';

export interface PageOptions extends RenderOptions, FileAccess {
  /** Fonts to reuse across pages (one per process or worker). */
  fonts?: FontBook;
  /** The extracted text, if not read from the layout's `text` file. */
  text?: string | Uint8Array;
  /** A text file to read instead of the layout's `text` (a batch manifest may name one per page); it must lie under `root`. */
  textFile?: string;
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
  let text = options.text;
  const textFile = options.textFile ?? layout.textFile;
  if (text === undefined) {
    if (!textFile) throw new InputError(`${layout.file}: text: the layout names no text file`);
    if (options.textFile) checkUnderRoot(options.textFile, options, `${layout.file}: text`);
    text = await readInput(textFile, { where: `${layout.file}: text`, limit: maxInput(options), kind: 'a text file' });
  }
  // Messages about the text name the layout and the field that names it.
  const source = ingestText(text, { corrections: layout.corrections }, textFile ? `${layout.file}: text: ${textFile}` : `${layout.file}: text`);
  const t2 = performance.now();
  const { stories, hints, unplaced } = assign(source, layout);
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

/** The whole pipeline: a page's PDF bytes and its report. */
export async function renderPage(layoutOrFile: string | Layout, options: PageOptions = {}): Promise<SetPage & { pdf: Uint8Array; renderMs: number }> {
  const page = await setPage(layoutOrFile, options);
  const t = performance.now();
  const pdf = await renderPdf(page.layout, page.frames, page.set, options.fonts ?? defaultFonts(), { maxImageBytes: maxImage(options), ...options });
  return { ...page, pdf, renderMs: performance.now() - t };
}
