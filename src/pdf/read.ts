import { apply, mult, type Matrix } from '../matrix.js';
import { loadPdfJs, type PdfDocument, type PdfPageProxy } from './open.js';
import type { PdfFont, PdfGlyph, PdfImage, PdfPage, PdfPath, PdfSegment, Rect } from './types.js';

const arr = (m: ArrayLike<number>): Matrix => [m[0], m[1], m[2], m[3], m[4], m[5]];

function rectOf(points: [number, number][]): Rect {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}
const intersect = (a: Rect, b: Rect): Rect => [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];

/** Private use, replacement character, controls: a glyph whose text tells nothing. */
const UNUSABLE = /[\uFFFD\uE000-\uF8FF\u{F0000}-\u{10FFFF}\u0000-\u001F\u007F-\u009F]/u;

interface GraphicsState {
  ctm: Matrix;
  clip: Rect;
  fill: string;
  stroke: string;
  lineWidth: number;
  // Text state (PDF keeps it in the graphics state).
  font: number;
  fontSize: number;
  fontMatrix: number[];
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  mode: number;
}

interface PdfJsGlyph {
  unicode: string;
  width: number;
  isSpace: boolean;
  vmetric?: number[];
}

interface PdfJsFont {
  name?: string;
  loadedName?: string;
  vertical?: boolean;
  bold?: boolean;
  black?: boolean;
  italic?: boolean;
  missingFile?: boolean;
  isType3Font?: boolean;
  fontMatrix?: number[];
  defaultVMetrics?: number[];
}

/**
 * Read one page the way a viewer draws it: replay pdf.js's operator list with our own graphics and
 * text state, so every glyph comes with the origin the content stream gave it. Glyph boxes are never
 * used (damaged fonts carry wrong advance widths); white-space glyphs only move the pen.
 */
export async function readPage(doc: PdfDocument, number: number): Promise<{ page: PdfPage; proxy: PdfPageProxy }> {
  const { OPS, AnnotationMode } = await loadPdfJs();
  const proxy = await doc.getPage(number);
  const viewport = proxy.getViewport({ scale: 1 });
  const list = await proxy.getOperatorList({ annotationMode: AnnotationMode.DISABLE });

  const glyphs: PdfGlyph[] = [];
  const images: PdfImage[] = [];
  const paths: PdfPath[] = [];
  const fonts: PdfFont[] = [];
  const fontIndex = new Map<string, number>();
  const fontObjs: PdfJsFont[] = [];

  const fontOf = (id: string): number => {
    let k = fontIndex.get(id);
    if (k !== undefined) return k;
    let f: PdfJsFont = {};
    try {
      f = proxy.commonObjs.get(id) as PdfJsFont;
    } catch {
      // A font pdf.js could not load: the glyphs keep their text and positions.
    }
    const name = (f.name ?? id).replace(/^[A-Z]{6}\+/, '');
    fonts.push({ name, vertical: !!f.vertical, bold: !!(f.bold || f.black), italic: !!f.italic, embedded: !f.missingFile, type3: !!f.isType3Font });
    fontObjs.push(f);
    k = fonts.length - 1;
    fontIndex.set(id, k);
    return k;
  };

  let gs: GraphicsState = {
    ctm: arr(viewport.transform),
    clip: [0, 0, viewport.width, viewport.height],
    fill: '#000000',
    stroke: '#000000',
    lineWidth: 1,
    font: -1,
    fontSize: 0,
    fontMatrix: [0.001, 0, 0, 0.001, 0, 0],
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    mode: 0,
  };
  const stack: GraphicsState[] = [];
  // Text object state: the text matrix and the pen, in text space (as pdf.js's canvas keeps them).
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let lineX = 0, lineY = 0, penX = 0, penY = 0;
  let pendingClip = false;
  let seq = 0;
  // Marked content (BMC/BDC … EMC) nests; a glyph belongs to the innermost sequence with an MCID.
  const marked: (number | undefined)[] = [];
  const currentMcid = () => {
    for (let i = marked.length - 1; i >= 0; i--) if (marked[i] !== undefined) return marked[i];
    return undefined;
  };

  const showText = (items: (PdfJsGlyph | number)[]) => {
    if (gs.font < 0 || gs.fontSize === 0) return;
    const f = fontObjs[gs.font];
    const vertical = !!f.vertical;
    const direction = gs.fontSize < 0 ? -1 : 1;
    const size = Math.abs(gs.fontSize);
    const widthScale = size * (f.fontMatrix ?? gs.fontMatrix)[0];
    // Text space → page: the text matrix, then the current transformation matrix.
    const toPage = mult(tm, gs.ctm);
    // Render modes 4–7 add clipping to 0–3 (7: clip only, nothing painted).
    const modeName = (['fill', 'stroke', 'fill-stroke', 'invisible'] as const)[gs.mode & 3];
    // The em on the page: the rendering matrix's vertical and horizontal scale.
    const trm = mult([size * gs.hScale, 0, 0, size, 0, gs.rise], toPage);
    const emH = Math.hypot(trm[2], trm[3]);
    const emW = Math.hypot(trm[0], trm[1]);
    const angle = (Math.atan2(-trm[1], trm[0]) * 180) / Math.PI;
    const mcid = currentMcid();
    let x = 0;
    for (const g of items) {
      if (typeof g === 'number') {
        x += (vertical ? 1 : -1) * (g * size) / 1000;
        continue;
      }
      const spacing = (g.isSpace ? gs.wordSpacing : 0) + gs.charSpacing;
      let width = g.width;
      let ox: number, oy: number;
      if (vertical) {
        const vm = g.vmetric ?? f.defaultVMetrics;
        width = vm ? -vm[0] : width;
        ox = penX;
        oy = penY + gs.rise - x;
      } else {
        ox = penX + x * gs.hScale;
        oy = penY + gs.rise;
      }
      const advance = vertical ? width * widthScale - spacing * direction : width * widthScale + spacing * direction;
      const text = g.unicode ?? '';
      if (text.trim() !== '') {
        const [px, py] = apply(toPage, ox, oy);
        glyphs.push({
          text,
          known: !UNUSABLE.test(text),
          x: px,
          y: py,
          size: emH,
          scaleX: emH > 0 ? emW / emH : 1,
          advance: (width * widthScale * (vertical ? emH : emW)) / size,
          font: gs.font,
          vertical,
          angle: Math.abs(angle) < 0.01 ? 0 : angle,
          mode: modeName,
          color: gs.fill,
          seq: seq++,
          ...(mcid !== undefined ? { mcid } : {}),
        });
      }
      x += advance;
    }
    if (vertical) penY -= x;
    else penX += x * gs.hScale;
  };

  const constructPath = (paint: number, data: ArrayLike<number> | null | undefined) => {
    const segments: PdfSegment[] = [];
    const rectangles: Rect[] = [];
    const points: [number, number][] = [];
    let hasCurves = false;
    let sub: [number, number][] = [];
    let curved = false;
    const closeSub = () => {
      // An axis-parallel quadrilateral is a rectangle (re is expanded to moveTo/lineTo/closePath).
      const pts = sub.length === 5 && Math.abs(sub[4][0] - sub[0][0]) < 0.01 && Math.abs(sub[4][1] - sub[0][1]) < 0.01 ? sub.slice(0, 4) : sub;
      if (!curved && pts.length === 4) {
        const axis = pts.every((p, i) => {
          const q = pts[(i + 1) % 4];
          return Math.abs(p[0] - q[0]) < 0.01 || Math.abs(p[1] - q[1]) < 0.01;
        });
        if (axis) rectangles.push(rectOf(pts));
      }
      sub = [];
      curved = false;
    };
    let cx = 0, cy = 0, sx = 0, sy = 0;
    const to = (x: number, y: number) => apply(gs.ctm, x, y);
    const line = (x: number, y: number) => {
      const a = to(cx, cy);
      const b = to(x, y);
      segments.push({ x0: a[0], y0: a[1], x1: b[0], y1: b[1] });
      points.push(b);
      sub.push(b);
      cx = x;
      cy = y;
    };
    const d = data ?? [];
    for (let i = 0; i < d.length; ) {
      const op = d[i++];
      if (op === 0) {
        if (sub.length) closeSub();
        cx = sx = d[i++];
        cy = sy = d[i++];
        const p = to(cx, cy);
        points.push(p);
        sub.push(p);
      } else if (op === 1) line(d[i++], d[i++]);
      else if (op === 2) {
        i += 4;
        hasCurves = curved = true;
        line(d[i++], d[i++]);
      } else if (op === 3) {
        i += 2;
        hasCurves = curved = true;
        line(d[i++], d[i++]);
      } else if (op === 4) {
        if (cx !== sx || cy !== sy) line(sx, sy);
        else sub.push(to(sx, sy));
        closeSub();
        cx = sx;
        cy = sy;
      } else break;
    }
    if (sub.length) closeSub();
    if (!points.length) return;
    const bbox = rectOf(points);
    if (pendingClip) {
      gs.clip = intersect(gs.clip, bbox);
      pendingClip = false;
    }
    const stroke = paint === OPS.stroke || paint === OPS.closeStroke || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke || paint === OPS.closeEOFillStroke;
    const fill = paint === OPS.fill || paint === OPS.eoFill || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke || paint === OPS.closeEOFillStroke;
    if (!stroke && !fill) return;
    // Line width on the page: the CTM's scale (the geometric mean of its axes).
    const scale = Math.sqrt(Math.abs(gs.ctm[0] * gs.ctm[3] - gs.ctm[1] * gs.ctm[2]));
    paths.push({
      bbox,
      segments,
      rectangles,
      hasCurves,
      ...(stroke ? { stroke: { width: gs.lineWidth * scale, color: gs.stroke } } : {}),
      ...(fill ? { fill: { color: gs.fill } } : {}),
      seq: seq++,
    });
  };

  // `m`: the image's own matrix (unit square → user space) where pdf.js folded it into a repeat or group op.
  const paintImage = (id: string, w: number, h: number, mask = false, m?: Matrix) => {
    const ctm = m ? mult(m, gs.ctm) : gs.ctm;
    const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
    const bbox = rectOf(corners);
    images.push({ id, bbox, visible: intersect(bbox, gs.clip), matrix: [...ctm], pixelWidth: w, pixelHeight: h, ...(mask ? { mask: true } : {}), seq: seq++ });
  };

  const sizing: Promise<void>[] = [];
  const { fnArray, argsArray } = list;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const a = argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...gs });
        break;
      case OPS.restore:
        if (stack.length) gs = stack.pop()!;
        break;
      case OPS.transform:
        gs.ctm = mult(a as number[], gs.ctm);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...gs });
        const [m, bbox] = a as [number[] | null, number[] | null];
        if (m) gs.ctm = mult(arr(m), gs.ctm);
        if (bbox) gs.clip = intersect(gs.clip, rectOf([apply(gs.ctm, bbox[0], bbox[1]), apply(gs.ctm, bbox[2], bbox[3]), apply(gs.ctm, bbox[0], bbox[3]), apply(gs.ctm, bbox[2], bbox[1])]));
        break;
      }
      case OPS.paintFormXObjectEnd:
      case OPS.endGroup:
        if (stack.length) gs = stack.pop()!;
        break;
      case OPS.beginGroup: {
        stack.push({ ...gs });
        const g = a[0] as { matrix?: number[] } | undefined;
        if (g?.matrix) gs.ctm = mult(arr(g.matrix), gs.ctm);
        break;
      }
      case OPS.setLineWidth:
        gs.lineWidth = a[0] as number;
        break;
      case OPS.setGState:
        for (const [key, value] of a[0] as [string, unknown][]) {
          if (key === 'LW') gs.lineWidth = value as number;
          if (key === 'Font') {
            const [fid, size] = value as [string, number];
            gs.font = fontOf(fid);
            gs.fontSize = size;
          }
        }
        break;
      case OPS.setFillRGBColor:
        gs.fill = String(a[0]);
        break;
      case OPS.setStrokeRGBColor:
        gs.stroke = String(a[0]);
        break;
      case OPS.beginText:
        tm = [1, 0, 0, 1, 0, 0];
        lineX = lineY = penX = penY = 0;
        break;
      case OPS.setFont:
        gs.font = fontOf(a[0] as string);
        gs.fontSize = a[1] as number;
        break;
      case OPS.setCharSpacing:
        gs.charSpacing = a[0] as number;
        break;
      case OPS.setWordSpacing:
        gs.wordSpacing = a[0] as number;
        break;
      case OPS.setHScale:
        gs.hScale = (a[0] as number) / 100;
        break;
      case OPS.setLeading:
        gs.leading = -(a[0] as number);
        break;
      case OPS.setTextRise:
        gs.rise = a[0] as number;
        break;
      case OPS.setTextRenderingMode:
        gs.mode = a[0] as number;
        break;
      case OPS.setTextMatrix:
        tm = arr(a[0] as ArrayLike<number>);
        lineX = lineY = penX = penY = 0;
        break;
      case OPS.moveText:
      case OPS.setLeadingMoveText:
        if (fn === OPS.setLeadingMoveText) gs.leading = a[1] as number;
        penX = lineX += a[0] as number;
        penY = lineY += a[1] as number;
        break;
      case OPS.nextLine:
        penX = lineX;
        penY = lineY += gs.leading;
        break;
      case OPS.showText:
        showText(a[0] as (PdfJsGlyph | number)[]);
        break;
      case OPS.clip:
      case OPS.eoClip:
        pendingClip = true;
        break;
      case OPS.constructPath:
        constructPath(a[0] as number, (a[1] as ArrayLike<number>[] | undefined)?.[0]);
        break;
      case OPS.beginMarkedContent:
        marked.push(undefined);
        break;
      case OPS.beginMarkedContentProps:
        // pdf.js passes [tag, MCID or null] (optional-content groups: ['OC', …], no MCID).
        marked.push(a[0] !== 'OC' && Number.isInteger(a[1]) ? (a[1] as number) : undefined);
        break;
      case OPS.endMarkedContent:
        marked.pop();
        break;
      case OPS.paintImageXObject:
        paintImage(a[0] as string, a[1] as number, a[2] as number);
        break;
      case OPS.paintInlineImageXObject: {
        const img = a[0] as { width: number; height: number };
        paintImage('', img.width, img.height);
        break;
      }
      // pdf.js's optimizer folds runs of q cm Do Q into one op: unfold them, one image per paint.
      case OPS.paintImageXObjectRepeat: {
        const [id, sx, sy, pos] = a as [string, number, number, ArrayLike<number>];
        const first = images.length;
        for (let k = 0; k + 1 < pos.length; k += 2) paintImage(id, 0, 0, false, [sx, 0, 0, sy, pos[k], pos[k + 1]]);
        // The repeat op carries no pixel size: the decoded object has it.
        const painted = images.slice(first);
        sizing.push(imageObject(proxy, id).then((o) => painted.forEach((i) => ((i.pixelWidth = o?.width ?? 0), (i.pixelHeight = o?.height ?? 0)))));
        break;
      }
      case OPS.paintInlineImageXObjectGroup: {
        const [, map] = a as [unknown, { transform: number[]; w: number; h: number }[]];
        for (const e of map) paintImage('', e.w, e.h, false, arr(e.transform));
        break;
      }
      // Stencil masks: 1-bit shapes painted in the fill colour (no colour of their own).
      case OPS.paintImageMaskXObject: {
        const img = a[0] as { data: string; width: number; height: number };
        paintImage(typeof img.data === 'string' ? img.data : '', img.width, img.height, true);
        break;
      }
      case OPS.paintImageMaskXObjectRepeat: {
        const [img, a0, b0, c0, d0, pos] = a as [{ data: string; width: number; height: number }, number, number, number, number, ArrayLike<number>];
        for (let k = 0; k + 1 < pos.length; k += 2) paintImage(typeof img.data === 'string' ? img.data : '', img.width, img.height, true, [a0, b0, c0, d0, pos[k], pos[k + 1]]);
        break;
      }
      case OPS.paintImageMaskXObjectGroup:
        for (const img of a[0] as { width: number; height: number; transform: number[] }[]) paintImage('', img.width, img.height, true, arr(img.transform));
        break;
      case OPS.paintSolidColorImageMask:
        // A one-pixel mask: pdf.js paints it as a filled unit square.
        paintImage('', 1, 1, true);
        break;
      default:
        break;
    }
  }

  await Promise.all(sizing);
  distrustBrokenMaps(glyphs, fonts.length);
  return { page: { number, width: viewport.width, height: viewport.height, glyphs, fonts, images, paths }, proxy };
}

interface PdfJsImage {
  width: number;
  height: number;
  kind: number;
  data?: Uint8Array;
  /** The image XObject's reference as pdf.js writes it ("12R", "12R3" for generation 3); none for inline images. */
  ref?: string;
}

/** pdf.js's decoded image object (undefined when it could not decode it). */
function imageObject(proxy: PdfPageProxy, id: string): Promise<PdfJsImage | undefined> {
  return new Promise((resolve) => {
    try {
      // Images used on many pages live in commonObjs (ids starting g_, as pdf.js itself tells them apart).
      const store = id.startsWith('g_') ? proxy.commonObjs : proxy.objs;
      store.get(id, (o: unknown) => resolve((o as PdfJsImage | null) ?? undefined));
    } catch {
      resolve(undefined);
    }
  });
}

/**
 * A font whose Unicode map is missing or broken gives control characters, private-use codes and
 * U+FFFD for many of its glyphs, and plausible-looking ASCII for the rest: when more than one glyph
 * in twenty of a font is unusable, none of its glyphs' text is trusted (each is reported, none set).
 * A sound map never yields an unusable character, so one stray glyph does not condemn a font.
 */
function distrustBrokenMaps(glyphs: PdfGlyph[], fontCount: number) {
  const total = new Array<number>(fontCount).fill(0);
  const bad = new Array<number>(fontCount).fill(0);
  for (const g of glyphs) {
    if (g.font < 0) continue;
    total[g.font]++;
    if (!g.known) bad[g.font]++;
  }
  for (const g of glyphs) if (g.font >= 0 && bad[g.font] > 1 && bad[g.font] > total[g.font] / 20) g.known = false;
}

/** Read a page's images' pixels as pdf.js decoded them (RGB/RGBA/gray bytes), after readPage. */
export async function imagePixels(proxy: PdfPageProxy, id: string): Promise<{ width: number; height: number; channels: 1 | 3 | 4; data: Uint8Array; ref?: string } | undefined> {
  const { ImageKind } = await loadPdfJs();
  const img = await imageObject(proxy, id);
  if (!img?.data) return undefined;
  const ref = img.ref;
  if (img.kind === ImageKind.RGB_24BPP) return { width: img.width, height: img.height, channels: 3, data: img.data, ref };
  if (img.kind === ImageKind.RGBA_32BPP) return { width: img.width, height: img.height, channels: 4, data: img.data, ref };
  if (img.kind === ImageKind.GRAYSCALE_1BPP) {
    // One bit per pixel, rows padded to bytes: expand to 8-bit gray.
    const out = new Uint8Array(img.width * img.height);
    const row = (img.width + 7) >> 3;
    for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) out[y * img.width + x] = img.data[y * row + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
    return { width: img.width, height: img.height, channels: 1, data: out, ref };
  }
  return undefined;
}


