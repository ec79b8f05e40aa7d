import { InputError } from '../errors.js';
import { importVendored } from '../vendored.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
export type PdfPageProxy = Awaited<ReturnType<PdfDocument['getPage']>>;

let pdfjs: Promise<PdfJs> | undefined;
/** pdf.js, loaded once and only by the commands that read PDFs. */
export const loadPdfJs = () => (pdfjs ??= loadWithNativeBuiltins());

/**
 * pdf.js's legacy build (the one for Node) carries core-js polyfills that replace three built-ins of
 * the whole process with JavaScript versions, because Node 20's differ from the newest standard in
 * corners nothing here touches: Array.prototype.push (array-likes with a length near 2^53),
 * JSON.stringify and JSON.parse (raw JSON, the source text given to revivers). After pdf.js loaded,
 * every push in banmian and pdf.js ran about ten times slower (a third of an `inspect`) and so did
 * the JSON of `inspect --json`. The worker half (which pdf.js runs in this thread under Node) is
 * loaded here too, so that both halves' polyfills are in place before the natives are put back.
 * Everything pdf.js only adds (Promise.withResolvers, Map.prototype.getOrInsertComputed, …) stays.
 */
async function loadWithNativeBuiltins(): Promise<PdfJs> {
  const push = Array.prototype.push;
  const { stringify, parse } = JSON;
  try {
    // The bundle holds both halves.
    return await importVendored(async () => {
      const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
      // It sets globalThis.pdfjsWorker, which pdf.js's fake worker then uses instead of importing it.
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return lib;
    }, 'pdfjs.cjs');
  } finally {
    Object.defineProperty(Array.prototype, 'push', { value: push, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(JSON, 'stringify', { value: stringify, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(JSON, 'parse', { value: parse, writable: true, configurable: true, enumerable: false });
  }
}

/** Does the buffer start like a PDF? (pdf.js is lenient; the header check makes "not a PDF" a clear message.) */
export const looksLikePdf = (bytes: Uint8Array) => {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
};

/** Open a PDF's bytes with pdf.js. Not a PDF, encrypted or broken: an InputError naming the file. */
export async function openPdf(bytes: Uint8Array, file: string): Promise<PdfDocument> {
  if (!looksLikePdf(bytes)) throw new InputError(`${file}: not a PDF (no %PDF- header)`);
  const { getDocument } = await loadPdfJs();
  try {
    // A copy: pdf.js transfers (detaches) the buffer it is given.
    return await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0, stopAtErrors: false }).promise;
  } catch (e) {
    const err = e as Error;
    if (err?.name === 'PasswordException') throw new InputError(`${file}: the PDF is encrypted with a password; decrypt it first (e.g. qpdf --decrypt --password=… in.pdf out.pdf)`);
    throw new InputError(`${file}: cannot read the PDF (${err?.message ?? String(e)})`);
  }
}

/** The pages a command should read: --page N (checked against the count) or every page. */
export function pageNumbers(doc: PdfDocument, file: string, page?: number): number[] {
  if (page === undefined) return Array.from({ length: doc.numPages }, (_, i) => i + 1);
  if (!Number.isInteger(page) || page < 1 || page > doc.numPages) throw new InputError(`${file}: --page ${page}: the PDF has ${doc.numPages} page${doc.numPages === 1 ? '' : 's'}`);
  return [page];
}
