// @napi-rs/canvas is pinned to the version pdfjs-dist's optional dependency resolves to: two copies of
// the native library in one process corrupt memory when pdf.js draws images.
import * as canvas from '@napi-rs/canvas';
import { loadPdfJs, type PdfPageProxy } from '../pdf/open.js';

/** pdf.js draws through the DOM's Path2D/DOMMatrix, which the canvas package provides: installed before pdf.js loads. */
function installCanvasGlobals() {
  const g = globalThis as Record<string, unknown>;
  g.Path2D ??= canvas.Path2D;
  g.DOMMatrix ??= canvas.DOMMatrix;
  g.ImageData ??= canvas.ImageData;
}

/** Draw one page with pdf.js on a white skia canvas at `dpi` (annotations left out: they are no part of the page). */
export async function drawPage(page: PdfPageProxy, dpi: number): Promise<canvas.Canvas> {
  installCanvasGlobals();
  const { AnnotationMode } = await loadPdfJs();
  const viewport = page.getViewport({ scale: dpi / 72 });
  const surface = canvas.createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = surface.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, surface.width, surface.height);
  await page.render({ canvasContext: context as unknown as CanvasRenderingContext2D, viewport, canvas: surface as unknown as HTMLCanvasElement, annotationMode: AnnotationMode.DISABLE }).promise;
  return surface;
}

/**
 * Rasterize page 1 of a PDF to PNG with pdf.js drawing on a skia canvas: a proof staff can look at
 * without a PDF viewer.
 */
export async function rasterizePdf(pdf: Uint8Array, dpi = 60): Promise<Buffer> {
  installCanvasGlobals();
  const { getDocument } = await loadPdfJs();
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const surface = await drawPage(await doc.getPage(1), dpi);
    // Encoded by sharp (libvips): about a third of the time of the canvas's own PNG encoder, and half
    // the bytes (no alpha channel: the page is opaque).
    const sharp = (await import('sharp')).default;
    return await sharp(surface.data(), { raw: { width: surface.width, height: surface.height, channels: 4 } }).removeAlpha().png().toBuffer();
  } finally {
    await doc.destroy();
  }
}
