import { basename, dirname, resolve } from 'node:path';
import zlib, { type ZlibOptions } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { FontBook } from '../fonts/fontbook.js';
import type { Frame } from '../layout/index.js';
import { MM, type Box, type Layout } from '../model/index.js';
import type { SetText } from '../typeset/index.js';
import { BLACK, toCmyk, type Cmyk } from './color.js';
import { prepareImage } from './images.js';
import { cropMarkOps, slugLine } from './marks.js';
import { CMYK_PROFILE_NAME, cmykProfile, documentIdHash, xmpDescriptions, type DocumentMeta } from './metadata.js';
import { extendIntoBleed, sheetFor, type Sheet } from './sheet.js';
import { paragraphs, storyTag } from './tags.js';
import { writeLines, type ContentSink, type EmbeddedFontLike } from './text.js';

/** The document date (yyyy-mm-dd): given, else the page header's, else a fixed one, so output is reproducible. */
export const documentDate = (layout: Layout, date?: string): string => date ?? layout.page.header?.date ?? '2000-01-01';

export interface RenderOptions {
  /** Document date (ISO yyyy-mm-dd); default: the page header's date, else 2000-01-01, so output is reproducible. */
  date?: string;
  /** Draw frames and the character grid. */
  debug?: boolean;
  /** Write PDF/A-2b: XMP identification and a CMYK output intent. */
  pdfa?: boolean;
  /** Bleed in mm: the sheet grows by it, tints and photos touching the trim edge run into it. */
  bleed?: number;
  /** Crop marks and a slug line outside the bleed. */
  marks?: boolean;
  /** Photo resolution at placed size (default 300 ppi; never upsampled). */
  ppi?: number;
  /** The output file's name, for the slug line (default <layout name>.pdf). */
  fileName?: string;
  /** Largest image file read, bytes (default 256 MiB). */
  maxImageBytes?: number;
}

const GRAY_PLACEHOLDER: Cmyk = [0, 0, 0, 0.35];
const pct = (c: Cmyk) => c.map((v) => v * 100) as [number, number, number, number];

/** pdfkit internals banmian writes through (no public API for raw glyph ids, the document ID or the XMP). */
interface PdfkitInternals {
  _font: EmbeddedFontLike;
  _id: Uint8Array;
  _write(data: string | Uint8Array): void;
  _finalize(): void;
  page: { fonts: Record<string, unknown>; dictionary: { data: Record<string, unknown> } };
  addContent(s: string): void;
  appendXML(xml: string): void;
  ref(data: Record<string, unknown>): { write(d: Uint8Array): void; end(): void };
  _root: { data: Record<string, unknown> };
  _addInfo(): void;
  _addColorOutputIntent(): void;
  markContent(tag: string, options?: Record<string, unknown>): void;
  markStructureContent(tag: string): unknown;
  endMarkedContent(): void;
  struct(type: string, options?: Record<string, unknown>, children?: unknown[]): PdfStruct;
  addStructure(s: PdfStruct): void;
}
interface PdfStruct {
  add(child: unknown): PdfStruct;
  end(): void;
}

/** The document title: paper, date, page and section from the page header, else the layout name. */
export function documentTitle(layout: Layout): string {
  const h = layout.page.header;
  return h ? `${h.paper} ${h.date} 第${h.page}版${h.section ? ` ${h.section}` : ''}` : layout.name;
}

/**
 * Draw the page: frames (photos, boxes, rules, strips) as artifacts, then the set text, one structure
 * element per story in reading order (Tagged PDF), then the printer's marks. Returns the PDF bytes.
 */
export async function renderPdf(layout: Layout, frames: readonly Frame[], set: SetText, fonts: FontBook, options: RenderOptions = {}): Promise<Uint8Array> {
  const { page } = layout;
  const dateText = documentDate(layout, options.date);
  const date = new Date(`${dateText}T00:00:00Z`);
  const title = documentTitle(layout);
  const sheet = sheetFor(page, (options.bleed ?? 0) * MM, !!options.marks);
  const meta: DocumentMeta = { title, date, language: 'zh-CN', source: layout.textFile ? basename(layout.textFile) : undefined, tool: 'banmian' };
  const profile = options.pdfa ? await cmykProfile() : undefined;

  const doc = new PDFDocument({
    size: [sheet.mediaWidth, sheet.mediaHeight],
    margin: 0,
    autoFirstPage: true,
    compress: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    tagged: true,
    // No default font: pdfkit would parse Helvetica's AFM metrics for every document, and banmian never draws with it.
    font: null,
    ...(options.pdfa ? { subset: 'PDF/A-2b' } : {}),
    info: { Title: title, Creator: meta.tool, Producer: meta.tool, CreationDate: date, ModDate: date },
  } as unknown as PDFKit.PDFDocumentOptions);
  const internal = doc as unknown as PdfkitInternals;
  // Same inputs, same ID: derived from the file's own bytes (and its name), not from the clock. pdfkit
  // writes the ID only in the trailer, after every other byte has gone through _write.
  const id = documentIdHash([options.fileName ?? '']);
  let hashing = true;
  const write = internal._write;
  internal._write = (data) => {
    // pdfkit's _write adds a newline to strings and writes them as latin1 bytes.
    if (hashing) id.update(typeof data === 'string' ? `${data}\n` : data);
    write.call(internal, data);
  };
  const finalize = internal._finalize;
  internal._finalize = () => {
    // The cross-reference table and trailer follow from what was written before.
    hashing = false;
    internal._id = id.digest();
    finalize.call(internal);
  };
  // XMP that matches the Info dictionary entry for entry (pdfkit's own has no ModifyDate, no language).
  internal._addInfo = () => internal.appendXML(xmpDescriptions(meta));
  if (profile) internal._addColorOutputIntent = () => addCmykOutputIntent(internal, profile);
  const pageDict = internal.page.dictionary.data;
  pageDict.TrimBox = sheet.trimBox;
  pageDict.BleedBox = sheet.bleedBox;

  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((ok, fail) => {
    doc.on('end', ok);
    doc.on('error', fail);
  });

  const slugFace = sheet.marks ? fonts.face('hei') : undefined;
  for (const face of fonts.opened()) doc.registerFont(face.key, face.font as unknown as string);
  const embedded = new Map<string, EmbeddedFontLike>();
  const useFont = (key: string) => {
    let f = embedded.get(key);
    if (!f) {
      doc.font(key);
      f = internal._font;
      embedded.set(key, f);
    }
    if (!internal.page.fonts[f.id]) internal.page.fonts[f.id] = f.ref();
    return f;
  };
  const sink = (pageHeight: number): ContentSink => ({ addContent: (s) => internal.addContent(s), useFont, pageHeight });
  const artifact = async (type: string, draw: () => void | Promise<void>) => {
    internal.markContent('Artifact', { type });
    await draw();
    internal.endMarkedContent();
  };

  // The page is drawn in trim coordinates: shift it by the bleed and mark area.
  doc.save();
  if (sheet.offset > 0) doc.translate(sheet.offset, sheet.offset);
  await artifact('Layout', async () => {
    for (const frame of frames) await drawFrame(doc, frame, layout, sheet, options);
  });
  const root = internal.struct('Document');
  internal.addStructure(root);
  const kinds = new Map(frames.map((f) => [f.id, f.kind]));
  // One element per story: the typesetter keeps an article continued in another region in one story.
  for (const story of set.stories) {
    if (story.lines.length === 0) continue;
    const element = internal.struct(storyTag(kinds.get(story.region)), { title: story.region });
    root.add(element);
    for (const para of paragraphs(story.lines)) {
      const content = internal.markStructureContent(para.tag);
      writeLines(sink(page.height), para.lines);
      internal.endMarkedContent();
      element.add(internal.struct(para.tag, {}, [content]));
    }
    element.end();
  }
  root.end();
  if (options.debug) await artifact('Layout', () => drawDebug(doc, frames, layout));
  doc.restore();

  if (sheet.marks) {
    await artifact('Pagination', () => {
      for (const op of cropMarkOps(sheet)) internal.addContent(op);
      const slug = `${options.fileName ?? `${layout.name}.pdf`}  ${dateText}  ${title}  banmian`;
      writeLines(sink(sheet.mediaHeight), [slugLine(sheet, slug, slugFace!)]);
    });
  }

  // The streams (page content, font subsets, ToUnicode maps) are compressed as the document ends.
  withDeflateOptions(DEFLATE, () => doc.end());
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Stream compression: level 4 with zlib's largest hash memory. On a CJK page most of the compressed
 * bytes are the font subset's glyph outlines, which deflate's default (level 6, memLevel 8) spends
 * ~6 ms on for 1,000 glyphs; this takes ~4 ms and the file grows by about 1.5%.
 */
const DEFLATE: ZlibOptions = { level: 4, memLevel: 9 };

/**
 * Run `fn` with pdfkit's compression using `options`: pdfkit calls zlib.deflateSync(data) with no
 * options of its own, synchronously, so the module function is swapped for the call and put back.
 */
function withDeflateOptions<T>(options: ZlibOptions, fn: () => T): T {
  const z = zlib as { deflateSync: typeof zlib.deflateSync };
  const original = z.deflateSync;
  z.deflateSync = (data, own) => original(data, { ...options, ...own });
  try {
    return fn();
  } finally {
    z.deflateSync = original;
  }
}

/** PDF/A output intent with a CMYK profile: the page is DeviceCMYK (and gray), which an sRGB intent does not cover. */
function addCmykOutputIntent(doc: PdfkitInternals, profile: Buffer) {
  const icc = doc.ref({ Length: profile.length, N: 4 });
  icc.write(profile);
  icc.end();
  const intent = doc.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    Info: new String(CMYK_PROFILE_NAME),
    OutputConditionIdentifier: new String(CMYK_PROFILE_NAME),
    DestOutputProfile: icc,
  });
  intent.end();
  doc._root.data.OutputIntents = [intent];
}

async function drawFrame(doc: PDFKit.PDFDocument, frame: Frame, layout: Layout, sheet: Sheet, { ppi, maxImageBytes }: RenderOptions) {
  const r = frame.region;
  const { x, y, width, height } = frame.box;
  // Tints and photos that touch the trim edge run on into the bleed.
  const bled = (b: Box) => extendIntoBleed(b, sheet, sheet.bleed);
  switch (r.kind) {
    case 'photo': {
      const img = bled(frame.image!);
      if (r.image) {
        const file = resolve(dirname(layout.file), r.image);
        const prepared = await prepareImage(file, img.width, img.height, { fit: r.fit, grayscale: r.grayscale, ppi, maxBytes: maxImageBytes, where: `${layout.file}: region "${r.id}"` });
        doc.image(prepared.data, img.x, img.y, { width: img.width, height: img.height });
      } else {
        doc.save().rect(img.x, img.y, img.width, img.height).fill(pct(GRAY_PLACEHOLDER)).restore();
      }
      return;
    }
    case 'box': {
      const border = frame.stroke ?? 0;
      if (r.tint) {
        const t = bled(frame.box);
        doc.save().rect(t.x, t.y, t.width, t.height).fill(pct(toCmyk(r.tint))).restore();
      }
      if (border > 0) doc.save().lineWidth(border).rect(x + border / 2, y + border / 2, width - border, height - border).stroke(pct(BLACK)).restore();
      return;
    }
    case 'strip':
      if (r.tint) {
        const t = bled(frame.box);
        doc.save().rect(t.x, t.y, t.width, t.height).fill(pct(toCmyk(r.tint))).restore();
      }
      return;
    case 'rule': {
      const weight = frame.stroke ?? 0.5;
      const color = pct(r.color ? toCmyk(r.color) : BLACK);
      doc.save().lineWidth(weight);
      if (width >= height) doc.moveTo(x, y + height / 2).lineTo(x + width, y + height / 2);
      else doc.moveTo(x + width / 2, y).lineTo(x + width / 2, y + height);
      doc.stroke(color).restore();
      return;
    }
    case 'article': {
      if (!r.columnRules || frame.columns.length < 2) return;
      doc.save().lineWidth(0.3);
      for (let k = 1; k < frame.columns.length; k++) {
        const a = frame.columns[k - 1];
        const b = frame.columns[k];
        const mid = (a.x + a.width + b.x) / 2;
        doc.moveTo(mid, b.y).lineTo(mid, b.y + b.height);
      }
      doc.stroke(pct(BLACK)).restore();
      return;
    }
  }
}

/** --debug: frame outlines and the body character grid of every text column. */
function drawDebug(doc: PDFKit.PDFDocument, frames: readonly Frame[], layout: Layout) {
  const body = layout.styles.body;
  doc.save().lineWidth(0.2);
  for (const f of frames) {
    doc.rect(f.box.x, f.box.y, f.box.width, f.box.height).stroke([0, 100, 100, 0]);
    for (const c of f.columns) {
      doc.rect(c.x, c.y, c.width, c.height).stroke([100, 0, 0, 0]);
      if (f.kind !== 'article' && f.kind !== 'box') continue;
      for (let gx = c.x + body.size; gx < c.x + c.width - 0.1; gx += body.size) doc.moveTo(gx, c.y).lineTo(gx, c.y + c.height);
      for (let gy = c.y + body.leading; gy < c.y + c.height - 0.1; gy += body.leading) doc.moveTo(c.x, gy).lineTo(c.x + c.width, gy);
      doc.stroke([30, 0, 0, 0]);
    }
  }
  doc.restore();
}
