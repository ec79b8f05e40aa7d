import { basename, dirname, extname, relative, resolve } from 'node:path';
import { deriveLayout, type Derived } from './derive/index.js';
import { extractImages, openRawPdf, type RawPdf } from './pdf/images/index.js';
import type { PdfDocument } from './pdf/open.js';
import { loadRegistry } from './fonts/registry.js';
import { ingestPdf } from './ingest/pdf.js';
import type { Source } from './ingest/types.js';
import { resolveLayout } from './model/index.js';
import { renderPage, type PageOptions } from './pipeline.js';

/**
 * The PDF front door end to end: an original page → its derived layout (with the photos as files)
 * → the rebuilt page, through the same assign, typeset and render as the text path.
 */

export interface DerivedPage extends Derived {
  source: Source;
  /** Photo files for the layout: absolute path → bytes. */
  photos: Map<string, Uint8Array>;
  /** Where the layout is meant to live (its relative paths are relative to it). */
  layoutFile: string;
}

/** A layout name from a file name: letters, digits, '.', '_' and '-' only. */
export const layoutName = (pdfFile: string, page: number, pages: number) => `${basename(pdfFile, extname(pdfFile)).replace(/[^\w.-]+/g, '-') || 'page'}${pages > 1 ? `-p${page}` : ''}`;

/**
 * The PDF as the commands read it, once for all its pages: pdf.js's document, and pdf-lib's reading
 * of its objects (for the images' stored bytes), made when a page first needs it. Close it after.
 */
export interface OpenedPdf {
  doc: PdfDocument;
  raw(): Promise<RawPdf | undefined>;
}

export function openedPdf(doc: PdfDocument, bytes: Uint8Array): OpenedPdf {
  let raw: Promise<RawPdf | undefined> | undefined;
  return { doc, raw: () => (raw ??= openRawPdf(bytes)) };
}

/** Derive the layout of one page of `pdfFile`, as it would be written to `layoutFile` (`opened`: the PDF read already, left open). */
export async function derivePage(bytes: Uint8Array, pdfFile: string, page: number, layoutFile: string, options: { name?: string; schema?: string; opened?: OpenedPdf } = {}): Promise<DerivedPage> {
  const read = await ingestPdf(bytes, pdfFile, page, options.opened?.doc);
  try {
    const name = options.name ?? layoutName(pdfFile, page, read.doc.numPages);
    const dir = dirname(layoutFile);
    // The page's pictures as files: JPEGs as they are stored where their colours allow (src/pdf/images).
    const { files, placed } = await extractImages(read.page, read.proxy, await (options.opened ? options.opened.raw() : openRawPdf(bytes)));
    const photos = new Map<string, Uint8Array>();
    const rel = new Map<number, { file: string; crop?: { x: number; y: number; width: number; height: number } }>();
    read.source.page?.photos.forEach((p, i) => {
      const at = p.image && placed.find((x) => x.seq === p.image!.seq);
      if (!at || at.file === undefined || at.hidden) return;
      const f = files[at.file];
      const abs = resolve(dir, 'images', name, f.name);
      photos.set(abs, f.data);
      rel.set(i, { file: relative(dir, abs).split('\\').join('/'), ...(at.crop ? { crop: at.crop } : {}) });
    });
    const roles = Object.keys(loadRegistry().roles);
    const derived = deriveLayout(read.source, { name, pdf: relative(dir, resolve(pdfFile)).split('\\').join('/'), page, image: (i) => rel.get(i), roles, schema: options.schema });
    return { ...derived, source: read.source, photos, layoutFile };
  } finally {
    if (!options.opened) await read.doc.destroy();
  }
}

/** Derive and render in one step: nothing is written but what the caller writes. */
export async function rebuildPage(bytes: Uint8Array, pdfFile: string, page: number, options: PageOptions & { name?: string; opened?: OpenedPdf } = {}) {
  const layoutFile = resolve(dirname(resolve(pdfFile)), `${layoutName(pdfFile, page, 1)}.json`);
  const derived = await derivePage(bytes, pdfFile, page, layoutFile, { name: options.name, opened: options.opened });
  // The layout names only what the command was given (the original PDF, already read) and photos held in
  // memory: it lives beside the PDF, and the root is that folder.
  const root = dirname(resolve(pdfFile));
  const layout = resolveLayout(derived.layout, layoutFile, { root });
  const rendered = await renderPage(layout, { ...options, root, source: derived.source, images: derived.photos });
  return { derived, ...rendered };
}
