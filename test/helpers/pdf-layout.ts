import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Where things are on a page as pdf.js reports them, in the truth files' space (pt, from the page's
 * top-left, y down): text items with their origin, images with their boxes. For checking generated
 * pages and fixtures against their truth; not a reader (it groups nothing).
 */
export interface TextItem {
  str: string;
  /** Origin of the item: x, and y of its baseline from the top (vertical text: the top of the first glyph). */
  x: number;
  y: number;
  width: number;
  size: number;
  fontName: string;
  vertical: boolean;
  /** Position in the content stream. */
  order: number;
}

export interface PageLayout {
  width: number;
  height: number;
  items: TextItem[];
  images: { x: number; y: number; w: number; h: number }[];
  /** Text render modes set before text was shown (from the operator list). */
  renderModes: number[];
}

type M = [number, number, number, number, number, number];
const mul = (m: M, n: M): M => [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
const apply = (m: M, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Open with pdf.js (as helpers/pdf.ts openPdf does), with a password when one is given. */
export function openWith(bytes: Uint8Array, password?: string) {
  return getDocument({ data: new Uint8Array(bytes), password, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

export async function pageLayout(bytes: Uint8Array, pageNo = 1, password?: string): Promise<PageLayout> {
  const doc = await openWith(bytes, password);
  try {
    const page = await doc.getPage(pageNo);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    content.items.forEach((it, order) => {
      if (!('str' in it) || !it.str) return;
      const [a, b, , , e, f] = it.transform as number[];
      const vertical = Boolean(content.styles[it.fontName]?.vertical);
      items.push({ str: it.str, x: e, y: height - f, width: it.width, size: Math.hypot(a, b), fontName: it.fontName, vertical, order });
    });
    const ops = await page.getOperatorList();
    const images: PageLayout['images'] = [];
    const renderModes: number[] = [];
    let ctm: M = [1, 0, 0, 1, 0, 0];
    const stack: M[] = [];
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = mul(args as M, ctm);
      else if (fn === OPS.paintFormXObjectBegin) {
        stack.push(ctm);
        if (args[0]) ctm = mul(args[0] as M, ctm);
      } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.setTextRenderingMode) renderModes.push(args[0] as number);
      else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) {
        const pts = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => height - p[1]);
        images.push({ x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) });
      }
    });
    return { width, height, items, images, renderModes };
  } finally {
    await doc.destroy();
  }
}
