/**
 * Image XObjects as the PDF stores them. pdf.js hands out decoded pixels only; a JPEG can pass
 * through unchanged only from its stored bytes, so the objects are read a second time with pdf-lib
 * (@cantoo/pdf-lib, the maintained fork of pdf-lib: object streams, xref streams, broken xref
 * tables, decryption). pdf.js names each decoded image's XObject ("12R"), so an image painted on the
 * page is matched to its stream by object number, not by guessing from order or size.
 */
import type * as PdfLib from '@cantoo/pdf-lib';
import { importVendored } from '../../vendored.js';

type Lib = typeof PdfLib;
let lib: Promise<Lib> | undefined;
/** pdf-lib, loaded only when a page has images. */
const loadLib = () => (lib ??= importVendored(() => import('@cantoo/pdf-lib'), 'pdflib.cjs'));

export interface RawPdf {
  lib: Lib;
  doc: PdfLib.PDFDocument;
}

/**
 * Parse the PDF's objects. Undefined when pdf-lib cannot (a file pdf.js still reads): the images
 * then come from pdf.js's pixels, never from guessed bytes.
 */
export async function openRawPdf(bytes: Uint8Array): Promise<RawPdf | undefined> {
  const l = await loadLib();
  try {
    // parseSpeed Infinity: parse in one go rather than yielding to the event loop every 100 objects.
    // The empty user password decrypts what pdf.js opened (a PDF with only an owner password).
    const doc = await l.PDFDocument.load(bytes, { password: '', ignoreEncryption: true, updateMetadata: false, parseSpeed: Infinity, throwOnInvalidObject: false });
    return { lib: l, doc };
  } catch {
    return undefined;
  }
}

export interface ColourSpace {
  /** DeviceGray, DeviceRGB, DeviceCMYK, ICCBased, Indexed, Separation, DeviceN, CalRGB, Lab, … */
  family: string;
  /** Colour components of a sample (Indexed: 1, the palette index). */
  components: number;
  /** ICCBased: the space it stands for by its component count (DeviceGray/RGB/CMYK). */
  device?: 'DeviceGray' | 'DeviceRGB' | 'DeviceCMYK';
  /** Indexed: number of palette entries. */
  paletteSize?: number;
}

export interface ImageStream {
  /** The object reference, "12 0 R". */
  ref: string;
  /** Filters in the order they apply, without the slash: ["DCTDecode"]. */
  filters: string[];
  colourSpace?: ColourSpace;
  bitsPerComponent?: number;
  /** The /Decode array, if any. */
  decode?: number[];
  /** DCTDecode's /ColorTransform parameter, which overrides the JPEG's own (Adobe marker). */
  colorTransform?: number;
  /** A soft mask or a colour-key/stencil mask makes parts of it transparent. */
  masked: boolean;
  imageMask: boolean;
  width: number;
  height: number;
  /** The stream's bytes as stored (still encoded; decrypted by pdf-lib if the file is encrypted). */
  data: Uint8Array;
}

/** pdf.js writes a reference as "12R" (generation 0) or "12R3". */
export function parsePdfJsRef(ref: string): { num: number; gen: number } | undefined {
  const m = /^(\d+)R(\d*)$/.exec(ref);
  return m ? { num: Number(m[1]), gen: m[2] ? Number(m[2]) : 0 } : undefined;
}

/** The image XObject with pdf.js's reference, or undefined if it is not an image stream. */
export function imageStream(raw: RawPdf, pdfJsRef: string): ImageStream | undefined {
  const r = parsePdfJsRef(pdfJsRef);
  if (!r) return undefined;
  const { lib: l, doc } = raw;
  const ctx = doc.context;
  const obj = ctx.lookup(l.PDFRef.of(r.num, r.gen));
  if (!(obj instanceof l.PDFRawStream)) return undefined;
  const dict = obj.dict;
  const get = (key: string) => ctx.lookup(dict.get(l.PDFName.of(key)));
  if (String(get('Subtype')) !== '/Image') return undefined;
  const num = (v: unknown) => (v instanceof l.PDFNumber ? v.asNumber() : undefined);
  const name = (v: unknown) => (v instanceof l.PDFName ? v.decodeText() : undefined);
  const filter = get('Filter');
  const filters = filter instanceof l.PDFArray ? filter.asArray().map((f) => name(ctx.lookup(f)) ?? '') : filter ? [name(filter) ?? ''] : [];
  const decodeArr = get('Decode');
  const decode = decodeArr instanceof l.PDFArray ? decodeArr.asArray().map((v) => num(ctx.lookup(v)) ?? 0) : undefined;
  let parms = get('DecodeParms');
  if (parms instanceof l.PDFArray) parms = ctx.lookup(parms.get(filters.indexOf('DCTDecode')));
  const colorTransform = parms instanceof l.PDFDict ? num(ctx.lookup(parms.get(l.PDFName.of('ColorTransform')))) : undefined;
  const imageMask = get('ImageMask');
  return {
    ref: `${r.num} ${r.gen} R`,
    filters,
    colourSpace: colourSpace(raw, get('ColorSpace')),
    bitsPerComponent: num(get('BitsPerComponent')),
    decode,
    colorTransform,
    masked: dict.has(l.PDFName.of('SMask')) || dict.has(l.PDFName.of('Mask')),
    imageMask: imageMask instanceof l.PDFBool && imageMask.asBoolean(),
    width: num(get('Width')) ?? 0,
    height: num(get('Height')) ?? 0,
    data: obj.getContents(),
  };
}

const DEVICE: Record<number, ColourSpace['device']> = { 1: 'DeviceGray', 3: 'DeviceRGB', 4: 'DeviceCMYK' };
const COMPONENTS: Record<string, number> = { DeviceGray: 1, CalGray: 1, DeviceRGB: 3, CalRGB: 3, Lab: 3, DeviceCMYK: 4, Pattern: 0 };

function colourSpace(raw: RawPdf, v: unknown): ColourSpace | undefined {
  const { lib: l, doc } = raw;
  const ctx = doc.context;
  if (v instanceof l.PDFName) {
    const family = v.decodeText();
    return { family, components: COMPONENTS[family] ?? 0 };
  }
  if (!(v instanceof l.PDFArray) || v.size() === 0) return undefined;
  const head = ctx.lookup(v.get(0));
  if (!(head instanceof l.PDFName)) return undefined;
  const family = head.decodeText();
  if (family === 'ICCBased') {
    const s = ctx.lookup(v.get(1));
    const n = s instanceof l.PDFRawStream ? ctx.lookup(s.dict.get(l.PDFName.of('N'))) : undefined;
    const components = n instanceof l.PDFNumber ? n.asNumber() : 0;
    return { family, components, device: DEVICE[components] };
  }
  if (family === 'Indexed') {
    const hival = ctx.lookup(v.get(2));
    return { family, components: 1, paletteSize: hival instanceof l.PDFNumber ? hival.asNumber() + 1 : undefined };
  }
  if (family === 'DeviceN') {
    const names = ctx.lookup(v.get(1));
    return { family, components: names instanceof l.PDFArray ? names.size() : 0 };
  }
  if (family === 'Separation') return { family, components: 1 };
  return { family, components: COMPONENTS[family] ?? 0 };
}
