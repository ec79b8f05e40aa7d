/**
 * A minimal PDF writer for the damaged-text-layer fixtures. pdfkit (banmian's PDF library) always
 * writes a correct text layer: a ToUnicode map, /W widths taken from the font, horizontal writing.
 * The fixtures need exactly what pdfkit will not write (no ToUnicode, widths that lie, Identity-V),
 * so they spell out their objects here; fontkit (a dependency) does the font work (glyph lookup,
 * vertical alternates, subsetting), zlib the compression.
 */
import * as fontkit from 'fontkit';
import { deflateSync } from 'node:zlib';

export type Obj = string | { dict: string; data: Buffer };

export class MiniPdf {
  private objs: (Obj | undefined)[] = [];
  private pageRefs: number[] = [];
  private pagesRef: number;

  constructor() {
    this.pagesRef = this.ref();
  }

  /** Reserve an object number. */
  ref(): number {
    this.objs.push(undefined);
    return this.objs.length;
  }
  set(n: number, o: Obj) {
    this.objs[n - 1] = o;
  }
  add(o: Obj): number {
    const n = this.ref();
    this.set(n, o);
    return n;
  }
  /** A stream, Flate-compressed. */
  stream(dict: string, data: Buffer | string): number {
    const raw = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    return this.add({ dict: `${dict} /Filter /FlateDecode`, data: deflateSync(raw, { level: 9 }) });
  }

  /** A page of w × h pt with its content and resources (fonts by name → object number, images likewise). */
  page(w: number, h: number, content: string, fonts: Record<string, number>, images: Record<string, number> = {}) {
    const c = this.stream('', content);
    const font = Object.entries(fonts).map(([k, v]) => `/${k} ${v} 0 R`).join(' ');
    const xo = Object.entries(images).map(([k, v]) => `/${k} ${v} 0 R`).join(' ');
    const res = `<< ${font ? `/Font << ${font} >>` : ''} ${xo ? `/XObject << ${xo} >>` : ''} >>`;
    this.pageRefs.push(this.add(`<< /Type /Page /Parent ${this.pagesRef} 0 R /MediaBox [0 0 ${num(w)} ${num(h)}] /Resources ${res} /Contents ${c} 0 R >>`));
  }

  /** The file: header, objects, cross-reference table, trailer. Same input, same bytes. */
  bytes(title: string): Buffer {
    this.set(this.pagesRef, `<< /Type /Pages /Kids [${this.pageRefs.map((r) => `${r} 0 R`).join(' ')}] /Count ${this.pageRefs.length} >>`);
    const catalog = this.add(`<< /Type /Catalog /Pages ${this.pagesRef} 0 R >>`);
    const info = this.add(`<< /Title ${pdfString(title)} /Producer (banmian test fixtures) >>`);
    const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = chunks[0].length;
    const offsets: number[] = [];
    this.objs.forEach((o, i) => {
      if (o === undefined) throw new Error(`minipdf: object ${i + 1} reserved but never set`);
      offsets.push(offset);
      const body = typeof o === 'string' ? Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1') : Buffer.concat([Buffer.from(`${i + 1} 0 obj\n${/\/Length\s/.test(o.dict) ? o.dict : `<< ${o.dict} /Length ${o.data.length} >>`}\nstream\n`, 'latin1'), o.data, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
      chunks.push(body);
      offset += body.length;
    });
    const xref = [`xref\n0 ${this.objs.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
    chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${this.objs.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(chunks);
  }
}

export const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** A PDF text string: UTF-16BE with BOM, hex. */
export const pdfString = (s: string) => `<FEFF${[...Buffer.from(s, 'utf16le').swap16()].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()}>`;

export interface FontOptions {
  /** Write a ToUnicode map (default true). */
  toUnicode?: boolean;
  /** Identity-V: vertical writing, glyphs from the font's `vert` alternates. */
  vertical?: boolean;
  /** Width the font claims for a character, in 1/1000 em; default: the glyph's own advance. */
  claimedWidth?: (ch: string) => number | undefined;
}

export interface EmbeddedFont {
  ref: number;
  /** Hex string of 2-byte CIDs for the text. */
  encode(text: string): string;
  /** The glyph's real advance in 1/1000 em (horizontal). */
  advance(ch: string): number;
  /** What the font's /W says. */
  claimed(ch: string): number;
}

/**
 * Embed a TrueType font as a CIDFontType2 subset with the characters of `text`, Identity-H or
 * Identity-V, CID = glyph id in the subset. The subset carries no cmap (fontkit writes none), so
 * without ToUnicode nothing in the file says which character a glyph is.
 */
export function embedFont(pdf: MiniPdf, file: string, tag: string, text: string, opts: FontOptions = {}): EmbeddedFont {
  const font = open(file);
  const chars = [...new Set([...text])].filter((c) => c.trim());
  const subset = font.createSubset();
  const cid = new Map<string, number>();
  const glyphOf = (ch: string) => {
    if (opts.vertical) {
      const run = font.layout(ch, ['vert']);
      return run.glyphs[0];
    }
    return font.glyphForCodePoint(ch.codePointAt(0)!);
  };
  subset.includeGlyph(font.getGlyph(0));
  const adv = new Map<string, number>();
  for (const ch of chars) {
    const g = glyphOf(ch);
    if (!g || g.id === 0) throw new Error(`minipdf: ${file} has no glyph for ${ch}`);
    cid.set(ch, subset.includeGlyph(g) as unknown as number);
    adv.set(ch, Math.round((font.getGlyph(g.id).advanceWidth * 1000) / font.unitsPerEm));
  }
  const data = Buffer.from(subset.encode());
  const file2 = pdf.stream(`/Length1 ${data.length}`, data);
  const scale = 1000 / font.unitsPerEm;
  const bbox = font.bbox;
  const name = `${tag}+${font.postscriptName}`;
  const descriptor = pdf.add(
    `<< /Type /FontDescriptor /FontName /${name} /Flags 4 /FontBBox [${[bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)).join(' ')}] /ItalicAngle 0 /Ascent ${Math.round(font.ascent * scale)} /Descent ${Math.round(font.descent * scale)} /CapHeight ${Math.round((font.capHeight || font.ascent) * scale)} /StemV 80 /FontFile2 ${file2} 0 R >>`,
  );
  const claimed = (ch: string) => opts.claimedWidth?.(ch) ?? adv.get(ch) ?? 1000;
  const w = chars.map((ch) => `${cid.get(ch)} [${claimed(ch)}]`).join(' ');
  const cidFont = pdf.add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [${w}] /CIDToGIDMap /Identity${opts.vertical ? ' /DW2 [880 -1000]' : ''} >>`,
  );
  let toUnicode = '';
  if (opts.toUnicode !== false) {
    const entries = chars.map((ch) => `<${hex4(cid.get(ch)!)}> <${[...Buffer.from(ch, 'utf16le').swap16()].map((b) => b.toString(16).padStart(2, '0')).join('')}>`);
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
      '1 begincodespacerange <0000> <FFFF> endcodespacerange',
      `${entries.length} beginbfchar`,
      ...entries,
      'endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    toUnicode = ` /ToUnicode ${pdf.stream('', cmap)} 0 R`;
  }
  const ref = pdf.add(`<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-${opts.vertical ? 'V' : 'H'} /DescendantFonts [${cidFont} 0 R]${toUnicode} >>`);
  return {
    ref,
    encode: (text) =>
      `<${[...text]
        .filter((c) => c.trim())
        .map((c) => hex4(cid.get(c)!))
        .join('')}>`,
    advance: (ch) => adv.get(ch) ?? 1000,
    claimed,
  };
}

const fonts = new Map<string, fontkit.Font>();
/** Fonts are parsed once per process (the Noto files are 10–15 MB). */
const open = (file: string) => {
  let f = fonts.get(file);
  if (!f) fonts.set(file, (f = fontkit.openSync(file) as fontkit.Font));
  return f;
};

const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();

/** A DCT image XObject (a JPEG passes through as is). */
export function jpegImage(pdf: MiniPdf, jpeg: Buffer, width: number, height: number, gray: boolean): number {
  return pdf.add({ dict: `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /${gray ? 'DeviceGray' : 'DeviceRGB'} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>`, data: jpeg });
}
