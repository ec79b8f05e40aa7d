import { basename, dirname, resolve } from 'node:path';
import zlib, { type ZlibOptions } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { FontBook } from '../fonts/fontbook.js';
import type { Frame } from '../layout/index.js';
import { MM, type Box, type Layout } from '../model/index.js';
import type { SetText } from '../typeset/index.js';
import { InputError } from '../errors.js';
import { BLACK, isBlack, toCmyk, type Cmyk } from './color.js';
import { printingCondition, REGISTRY_NAME, type PrintingCondition } from './conditions.js';
import type { FontFacts, ImageFacts, PageFacts } from './facts.js';
import { CMYK_PROFILE_NAME, COMPACT_PROFILE_DESCRIPTION, outputProfile } from './icc.js';
import { prepareImage } from './images.js';
import { cropMarkOps, registrationMarkOps, slugLine } from './marks.js';
import { documentIdHash, xmpDescriptions, type DocumentMeta } from './metadata.js';
import { extendIntoBleed, sheetFor, type Sheet } from './sheet.js';
import { planPage, type PlanElement } from './structure.js';
import { extractionSizes, writeLines, type ContentSink, type EmbeddedFontLike } from './text.js';

/** The document date (yyyy-mm-dd): given, else the page header's, else a fixed one, so output is reproducible. */
export const documentDate = (layout: Layout, date?: string): string => date ?? layout.page.header?.date ?? '2000-01-01';

export interface RenderOptions {
  /** Document date (ISO yyyy-mm-dd); default: the page header's date, else 2000-01-01, so output is reproducible. */
  date?: string;
  /** Draw frames and the character grid. */
  debug?: boolean;
  /** Write PDF/A-2b: XMP identification and a CMYK output intent. */
  pdfa?: boolean;
  /**
   * Write PDF/X-1a:2003 (ISO 15930-4) for a registered newsprint condition: PDF 1.4, the GTS_PDFX
   * output intent naming the condition, version and Trapped keys, black text and rules overprinting,
   * photos limited to `maxInk` (default 240%). Not with `pdfa`.
   */
  pdfx?: boolean;
  /** PDF/X: the printing condition's ICC registry reference name (default IFRA26, ISO 12647-3 newsprint). */
  condition?: string;
  /** Highest total ink of photos, percent of one solid ink (default 240 with pdfx, else no limit). */
  maxInk?: number;
  /** Bleed in mm: the sheet grows by it, tints and photos touching the trim edge run into it. */
  bleed?: number;
  /** Crop marks and a slug line outside the bleed. */
  marks?: boolean;
  /** Photo resolution at placed size (default 300 ppi; never upsampled). */
  ppi?: number;
  /** The output file's name, for the slug line (default <layout name>.pdf). */
  fileName?: string;
  /** Image files held in memory (absolute path → bytes), read instead of the disk (rebuild's photos). */
  images?: ReadonlyMap<string, Uint8Array>;
  /** Largest image file read, bytes (default 256 MiB). */
  maxImageBytes?: number;
  /** Deflate the streams (default true); a proof rasterized at once is made faster without. */
  compress?: boolean;
}

const GRAY_PLACEHOLDER: Cmyk = [0, 0, 0, 0.35];
/**
 * Total ink photos are held to under PDF/X unless told otherwise: coldset newsprint absorbs little ink
 * and dries by absorption, and plants commonly hold separations to about 240% (WAN-IFRA's current
 * newspaper profile for ISO 12647-3:2013 separates to 220%; a plant's own figure wins: --max-ink).
 */
export const PDFX_MAX_INK = 240;
/** The PDF/X version this writes: PDF/X-1a:2003 (ISO 15930-4), whose version key has this value. */
export const PDFX_VERSION = 'PDF/X-1a:2003';
/** Graphics state names: black overprints (OPM 1: zero components of DeviceCMYK leave what is below), everything else knocks out. */
const GS_OVERPRINT = 'GSop';
const GS_KNOCKOUT = 'GSko';
const pct = (c: Cmyk) => c.map((v) => v * 100) as [number, number, number, number];

/** pdfkit internals banmian writes through (no public API for raw glyph ids, the document ID or the XMP). */
interface PdfkitInternals {
  _font: EmbeddedFontLike;
  _id: Uint8Array;
  _write(data: string | Uint8Array): void;
  _finalize(): void;
  version: number;
  spotColors: Record<string, { id: string }>;
  addSpotColor(name: string, c: number, m: number, y: number, k: number): void;
  page: {
    fonts: Record<string, unknown>;
    dictionary: { data: Record<string, unknown> };
    ext_gstates: Record<string, unknown>;
    resources: { data: Record<string, unknown> };
    /** The content stream's chunks, as written so far (pdfkit compresses them when the page ends). */
    content: { buffer: Uint8Array[] };
    _setTabOrder(): void;
  };
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

/** A PDF name object for pdfkit (it writes a JavaScript string in the Info dictionary as a text string). */
class PdfName {
  constructor(readonly name: string) {}
  // pdfkit writes an object it does not know by String(object); the tag keeps it from being taken for a dictionary.
  get [Symbol.toStringTag]() {
    return 'PdfName';
  }
  toString() {
    return `/${this.name}`;
  }
}

/** The document title: paper, date, page and section from the page header, else the layout name. */
export function documentTitle(layout: Layout): string {
  const h = layout.page.header;
  return h ? `${h.paper} ${h.date} 第${h.page}版${h.section ? ` ${h.section}` : ''}` : layout.name;
}

/** Draw the page and return the PDF bytes (see renderDocument). */
export async function renderPdf(layout: Layout, frames: readonly Frame[], set: SetText, fonts: FontBook, options: RenderOptions = {}): Promise<Uint8Array> {
  return (await renderDocument(layout, frames, set, fonts, options)).pdf;
}

/** The print settings that follow from the options: PDF/X condition, ink limit. */
export function printSettings(options: RenderOptions): { condition?: PrintingCondition; maxInk?: number } {
  if (options.pdfx && options.pdfa)
    throw new InputError('--pdfx and --pdfa cannot be combined: PDF/A needs an embedded output profile, and the newsprint condition PDF/X names has none in banmian; write one file of each');
  if (options.condition !== undefined && !options.pdfx) throw new InputError('--condition: only with --pdfx');
  return { condition: options.pdfx ? printingCondition(options.condition) : undefined, maxInk: options.maxInk ?? (options.pdfx ? PDFX_MAX_INK : undefined) };
}

/**
 * Draw the page: frames (photos, boxes, rules, strips) as artifacts, then the set text, one structure
 * element per story in reading order (Tagged PDF), then the printer's marks. Returns the PDF bytes and
 * what the page holds as written (for the preflight).
 */
export async function renderDocument(layout: Layout, frames: readonly Frame[], set: SetText, fonts: FontBook, options: RenderOptions = {}): Promise<{ pdf: Uint8Array; facts: PageFacts }> {
  const { page } = layout;
  const { condition, maxInk } = printSettings(options);
  const dateText = documentDate(layout, options.date);
  const date = new Date(`${dateText}T00:00:00Z`);
  const title = documentTitle(layout);
  const sheet = sheetFor(page, (options.bleed ?? 0) * MM, !!options.marks);
  // banmian does no trapping; the plant's RIP traps if it wants to.
  const pdfx = condition ? { version: PDFX_VERSION, trapped: 'False' as const } : undefined;
  const meta: DocumentMeta = { title, date, language: 'zh-CN', source: layout.textFile ? basename(layout.textFile) : undefined, tool: 'banmian', pdfx };
  const profile = options.pdfa ? outputProfile() : undefined;

  const doc = new PDFDocument({
    size: [sheet.mediaWidth, sheet.mediaHeight],
    margin: 0,
    autoFirstPage: true,
    compress: options.compress ?? true,
    // PDF/X-1a:2003 is PDF 1.4 (without its transparency).
    pdfVersion: pdfx ? '1.4' : '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    tagged: true,
    // No default font: pdfkit would parse Helvetica's AFM metrics for every document, and banmian never draws with it.
    font: null,
    ...(options.pdfa ? { subset: 'PDF/A-2b' } : {}),
    info: {
      Title: title,
      Creator: meta.tool,
      Producer: meta.tool,
      CreationDate: date,
      ModDate: date,
      ...(pdfx ? { GTS_PDFXVersion: pdfx.version, Trapped: new PdfName(pdfx.trapped) } : {}),
    },
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
  if (pdfx) {
    // Keys of PDF 1.5 and later that pdfkit writes on every page (UserUnit 1 is the default anyway;
    // Tabs only orders annotations, of which there are none).
    delete pageDict.UserUnit;
    internal.page._setTabOrder = () => {};
    internal.page.ext_gstates[GS_OVERPRINT] = extGState(internal, { Type: 'ExtGState', OP: true, op: true, OPM: 1 });
    internal.page.ext_gstates[GS_KNOCKOUT] = extGState(internal, { Type: 'ExtGState', OP: false, op: false });
  }
  const overprint = pdfx ? { black: GS_OVERPRINT, other: GS_KNOCKOUT } : undefined;
  // The marks' registration colour: ink on every separation (Separation /All over DeviceCMYK).
  if (sheet.marks) internal.addSpotColor('All', 100, 100, 100, 100);

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
  // The same subset in vertical writing mode: a second Type0 font (Identity-V) over the same CIDFont, made when the font is embedded.
  const vertical = new Map<string, EmbeddedFontLike>();
  const useVerticalFont = (key: string) => {
    const f = useFont(key);
    let v = vertical.get(key);
    if (!v) {
      const ref = internal.ref({}) as unknown as { data: Record<string, unknown>; end(): void };
      v = { id: `${f.id}V`, font: f.font, subset: f.subset, widths: f.widths, unicode: f.unicode, scale: f.scale, ref: () => ref };
      vertical.set(key, v);
      const font = f as unknown as { embed(): void; dictionary: { data: Record<string, unknown> } };
      const embed = font.embed.bind(font);
      font.embed = () => {
        embed();
        ref.data = { ...font.dictionary.data, Encoding: 'Identity-V' };
        ref.end();
      };
    }
    internal.page.fonts[v.id] ??= v.ref();
    return v;
  };
  const sink = (pageHeight: number): ContentSink => ({ addContent: (s) => internal.addContent(s), useFont, useVerticalFont, pageHeight, overprint });
  const artifact = async (type: string, draw: () => void | Promise<void>) => {
    internal.markContent('Artifact', { type });
    await draw();
    internal.endMarkedContent();
  };

  // The page is drawn in trim coordinates: shift it by the bleed and mark area.
  doc.save();
  if (sheet.offset > 0) doc.translate(sheet.offset, sheet.offset);
  const images: Record<string, DrawnImage> = {};
  const photos = preparePhotos(frames, layout, sheet, options, maxInk);
  const draw: DrawContext = {
    photo: photos,
    ppi: options.ppi,
    maxInk,
    images,
    bytes: options.images,
    maxBytes: options.maxImageBytes,
    blackOverprint: pdfx ? () => internal.addContent(`/${GS_OVERPRINT} gs`) : () => {},
  };
  const plan = planPage(set.stories, frames, layout.styles.body.leading);
  // Photos are content (Figure); the rest of the frames (rules, boxes, tints) are layout artifacts.
  const figures = new Map<string, unknown>();
  for (const frame of frames) {
    if (frame.kind === 'photo') {
      figures.set(frame.id, internal.markStructureContent('Figure'));
      await drawFrame(doc, frame, sheet, draw);
      internal.endMarkedContent();
    } else await artifact('Layout', () => drawFrame(doc, frame, sheet, draw));
  }
  const extraction = extractionSizes(set.stories.flatMap((s) => s.lines));
  const runningText = (stories: typeof plan.header, subtype: string) => {
    if (!stories.length) return;
    // The running header and footer (ISO 32000-1 §14.8.2.2.2): pagination artifacts, not part of the text.
    internal.addContent(`/Artifact <</Type /Pagination /Subtype /${subtype}>> BDC`);
    for (const s of stories) writeLines(sink(page.height), s.lines, extraction);
    internal.addContent('EMC');
  };
  runningText(plan.header, 'Header');
  const root = internal.struct('Document');
  internal.addStructure(root);
  // The text in reading order, one structure element per paragraph or heading.
  const build = (e: PlanElement): PdfStruct => {
    if (e.kind === 'figure') {
      const content = figures.get(e.region);
      return internal.struct('Figure', { alt: e.alt }, content ? [content] : []);
    }
    if (e.kind === 'text') {
      const content = internal.markStructureContent(e.tag);
      writeLines(sink(page.height), e.lines, extraction);
      internal.endMarkedContent();
      return internal.struct(e.tag, {}, [content]);
    }
    const element = internal.struct(e.tag, e.title ? { title: e.title } : {});
    for (const c of e.children) element.add(build(c));
    element.end();
    return element;
  };
  for (const e of plan.elements) root.add(build(e));
  root.end();
  runningText(plan.footer, 'Footer');
  if (options.debug) await artifact('Layout', () => drawDebug(doc, frames, layout));
  doc.restore();

  if (sheet.marks) {
    const registration = internal.spotColors.All.id;
    await artifact('Pagination', () => {
      for (const op of cropMarkOps(sheet, registration)) internal.addContent(op);
      for (const op of registrationMarkOps(sheet, registration)) internal.addContent(op);
      const slug = `${options.fileName ?? `${layout.name}.pdf`}  ${dateText}  ${title}  banmian`;
      writeLines(sink(sheet.mediaHeight), [slugLine(sheet, slug, slugFace!)]);
    });
  }

  let intents: PageFacts['outputIntents'] = [];
  if (condition) {
    // A registered condition needs no embedded profile in PDF/X-1a: the registry's data defines it.
    const intent = internal.ref({
      Type: 'OutputIntent',
      S: 'GTS_PDFX',
      OutputConditionIdentifier: new String(condition.id),
      OutputCondition: new String(condition.description),
      RegistryName: new String(REGISTRY_NAME),
      Info: new String(condition.description),
    });
    intent.end();
    internal._root.data.OutputIntents = [intent];
    intents = [{ subtype: 'GTS_PDFX', identifier: condition.id }];
  } else if (profile) intents = [{ subtype: 'GTS_PDFA1', identifier: CMYK_PROFILE_NAME, profileBytes: profile.length }];

  // The page content as written, before it is compressed: what the preflight reads.
  const content = Buffer.concat(internal.page.content.buffer).toString('latin1');
  // The streams (page content, font subsets, ToUnicode maps) are compressed as the document ends.
  withDeflateOptions(DEFLATE, () => doc.end());
  await done;
  const pdf = new Uint8Array(Buffer.concat(chunks));
  return { pdf, facts: pageFacts(internal, content, images, embedded, intents) };
}

function extGState(doc: PdfkitInternals, data: Record<string, unknown>) {
  const ref = doc.ref(data);
  ref.end();
  return ref;
}

/** The page as written: version, boxes and resources from pdfkit's objects (fonts are embedded by now). */
function pageFacts(doc: PdfkitInternals, content: string, images: Record<string, DrawnImage>, fonts: Map<string, EmbeddedFontLike>, outputIntents: PageFacts['outputIntents']): PageFacts {
  const page = doc.page.dictionary.data;
  const res = doc.page.resources.data;
  const box = (k: string) => (page[k] as number[] | undefined)?.map(Number);
  const xobjects = (res.XObject ?? {}) as Record<string, { data: Record<string, unknown> }>;
  const imageFacts: Record<string, ImageFacts> = {};
  for (const [name, ref] of Object.entries(xobjects)) {
    const d = ref.data;
    const img = images[name];
    imageFacts[name] = {
      region: img?.region ?? '?',
      width: Number(d.Width),
      height: Number(d.Height),
      colorSpace: String(d.ColorSpace),
      bitsPerComponent: Number(d.BitsPerComponent),
      filter: String(d.Filter ?? ''),
      softMask: d.SMask != null,
      maxInk: img?.maxInk ?? NaN,
      iccInData: img?.iccInData ?? false,
    };
  }
  const fontFacts: FontFacts[] = [...fonts.values()].map((f) => {
    const dict = (f as unknown as { dictionary: { data: { BaseFont: string; DescendantFonts: { data: { FontDescriptor: { data: Record<string, unknown> } } }[] } } }).dictionary.data;
    const descriptor = dict.DescendantFonts[0].data.FontDescriptor.data;
    return { name: dict.BaseFont, embedded: !!(descriptor.FontFile || descriptor.FontFile2 || descriptor.FontFile3), subset: /^[A-Z]{6}\+/.test(dict.BaseFont) };
  });
  const colorSpaces: Record<string, string[]> = {};
  for (const [name, cs] of Object.entries((res.ColorSpace ?? {}) as Record<string, unknown>)) {
    // pdfkit's spot colours: a SpotColor whose ref holds ['Separation', /name, 'DeviceCMYK', function].
    const arr = (cs as { ref?: { data: unknown[] } }).ref?.data ?? (cs as { data?: unknown[] }).data ?? [];
    colorSpaces[name] = arr.slice(0, 3).map((v) => String(v).replace(/^\//, ''));
  }
  const extGStates: Record<string, Record<string, unknown>> = {};
  for (const [name, ref] of Object.entries((res.ExtGState ?? {}) as Record<string, { data: Record<string, unknown> }>)) extGStates[name] = ref.data;
  return { pdfVersion: doc.version.toFixed(1), content, boxes: { media: box('MediaBox')!, trim: box('TrimBox'), bleed: box('BleedBox'), art: box('ArtBox') }, images: imageFacts, fonts: fontFacts, colorSpaces, extGStates, outputIntents };
}

/**
 * Stream compression: level 4 with zlib's largest hash memory. On a CJK page most of the compressed
 * bytes are the font subset's glyph outlines, which deflate's default (level 6, memLevel 8) spends
 * ~6 ms on for 1,000 glyphs; this takes ~4 ms and the file grows by about 1.5%.
 */
export const DEFLATE: ZlibOptions = { level: 4, memLevel: 9 };

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
    Info: new String(COMPACT_PROFILE_DESCRIPTION),
    OutputConditionIdentifier: new String(CMYK_PROFILE_NAME),
    DestOutputProfile: icc,
  });
  intent.end();
  doc._root.data.OutputIntents = [intent];
}

/** A photo as drawn: its region, the total ink measured on its data, whether the data carries an ICC profile (a JPEG APP2 marker). */
interface DrawnImage {
  region: string;
  maxInk: number;
  iccInData: boolean;
}

/**
 * The page's photos prepared (sharp: crop, resize, separation, JPEG) two at a time in page order, so
 * that one is made while another is made or drawn (libvips works on the thread pool; a page's photos
 * took ~100 ms each, one after the other). `get` gives a frame's result when drawing reaches it, in
 * page order, so the first failing photo is the one reported, as before. (Each job's promise has a
 * handler from the start: a failure after the page failed elsewhere is not an unhandled rejection.)
 */
function preparePhotos(frames: readonly Frame[], layout: Layout, sheet: Sheet, options: RenderOptions, maxInk: number | undefined) {
  const IN_FLIGHT = 2;
  const jobs = frames
    .filter((f) => f.region.kind === 'photo' && f.region.image)
    .map((frame) => {
      const r = frame.region as Extract<Frame['region'], { kind: 'photo' }>;
      const img = extendIntoBleed(frame.image!, sheet, sheet.bleed);
      const file = resolve(dirname(layout.file), r.image!);
      // A crop lands on the photo frame; the bleed only widens what is drawn.
      const crop = r.crop ? { part: r.crop, frame: frame.image!, clip: img } : undefined;
      return () => prepareImage(file, img.width, img.height, { fit: r.fit, crop, grayscale: r.grayscale, ppi: options.ppi, maxInk, maxBytes: options.maxImageBytes, where: `${layout.file}: region "${r.id}"`, bytes: options.images?.get(file) });
    });
  const index = new Map(frames.filter((f) => f.region.kind === 'photo' && f.region.image).map((f, i) => [f, i]));
  const results: ReturnType<typeof prepareImage>[] = [];
  let next = 0;
  let running = 0;
  const launch = () => {
    const p = jobs[next]();
    results[next++] = p;
    running++;
    const done = () => {
      running--;
      while (next < jobs.length && running < IN_FLIGHT) launch();
    };
    p.then(done, done);
  };
  while (next < jobs.length && running < IN_FLIGHT) launch();
  return (frame: Frame): ReturnType<typeof prepareImage> => {
    const i = index.get(frame);
    if (i === undefined) throw new Error(`render: frame "${frame.id}" has no photo to prepare`);
    while (next <= i) launch();
    return results[i];
  };
}

interface DrawContext {
  /** The prepared photo of a photo frame (preparePhotos). */
  photo(frame: Frame): ReturnType<typeof prepareImage>;
  ppi?: number;
  maxInk?: number;
  /** Photos drawn, by XObject name. */
  images: Record<string, DrawnImage>;
  /** Photo files already read, by path (the PDF front door hands them over). */
  bytes?: ReadonlyMap<string, Uint8Array>;
  /** Largest photo file read from disk, bytes. */
  maxBytes?: number;
  /** Set the overprint graphics state (PDF/X) for black drawn next, inside a save/restore. */
  blackOverprint(): void;
}

async function drawFrame(doc: PDFKit.PDFDocument, frame: Frame, sheet: Sheet, ctx: DrawContext) {
  const r = frame.region;
  const { x, y, width, height } = frame.box;
  // Tints and photos that touch the trim edge run on into the bleed.
  const bled = (b: Box) => extendIntoBleed(b, sheet, sheet.bleed);
  switch (r.kind) {
    case 'photo': {
      const img = bled(frame.image!);
      if (r.image) {
        const prepared = await ctx.photo(frame);
        const image = (doc as unknown as { openImage(src: Buffer): { label: string } }).openImage(prepared.data);
        ctx.images[image.label] = { region: r.id, maxInk: prepared.maxInk, iccInData: prepared.data.includes('ICC_PROFILE\0', 0, 'latin1') };
        if (prepared.placed) {
          const { draw, clip } = prepared.placed;
          doc.save().rect(clip.x, clip.y, clip.width, clip.height).clip();
          doc.image(image as unknown as Buffer, draw.x, draw.y, { width: draw.width, height: draw.height });
          doc.restore();
        } else doc.image(image as unknown as Buffer, img.x, img.y, { width: img.width, height: img.height });
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
      if (border > 0) {
        doc.save();
        ctx.blackOverprint();
        doc.lineWidth(border).rect(x + border / 2, y + border / 2, width - border, height - border).stroke(pct(BLACK)).restore();
      }
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
      const cmyk = r.color ? toCmyk(r.color) : BLACK;
      doc.save();
      if (isBlack(cmyk)) ctx.blackOverprint();
      doc.lineWidth(weight);
      if (width >= height) doc.moveTo(x, y + height / 2).lineTo(x + width, y + height / 2);
      else doc.moveTo(x + width / 2, y).lineTo(x + width / 2, y + height);
      doc.stroke(pct(cmyk)).restore();
      return;
    }
    case 'article': {
      if (!r.columnRules || frame.columns.length < 2) return;
      doc.save();
      ctx.blackOverprint();
      doc.lineWidth(0.3);
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
