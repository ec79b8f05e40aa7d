import { InputError } from '../errors.js';
import { openPdf, pageNumbers, type PdfDocument, type PdfPageProxy } from '../pdf/open.js';
import { readPage } from '../pdf/read.js';
import type { PdfPage } from '../pdf/types.js';
import { ingestPdfPage } from './geometry/index.js';
import type { Source } from './types.js';

export interface PdfIngest {
  source: Source;
  page: PdfPage;
  doc: PdfDocument;
  proxy: PdfPageProxy;
}

/**
 * Ingest one page of an original PDF: the page read through pdf.js, its glyphs grouped into the
 * blocks the text path makes, with their geometry. A page with no text layer (a scan) is an input
 * error; so is a page out of range.
 */
export async function ingestPdf(bytes: Uint8Array, file: string, pageNumber = 1, opened?: PdfDocument): Promise<PdfIngest> {
  // `opened`: the document the caller read already (and will close); else it is opened here.
  const doc = opened ?? (await openPdf(bytes, file));
  try {
    pageNumbers(doc, file, pageNumber);
    const { page, proxy } = await readPage(doc, pageNumber);
    if (!page.glyphs.length) throw new InputError(`${file}: no text layer on page ${pageNumber}${page.images.length ? ' (it holds only images: a scan needs OCR first)' : ''}`);
    return { source: ingestPdfPage(page), page, doc, proxy };
  } catch (e) {
    if (!opened) await doc.destroy();
    throw e;
  }
}
