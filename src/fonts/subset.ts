import type * as fontkit from 'fontkit';
import type { GlyphSource } from './lean.js';

/**
 * A faster glyph copy for fontkit's TrueType subsetter (what pdfkit embeds with).
 *
 * fontkit's TTFSubset._addGlyph decodes every glyph's whole outline (all its points) only to learn
 * whether it is a composite, then copies the raw bytes anyway. For a CJK page of 1,000+ distinct
 * glyphs that decoding was half of the PDF render time. This version reads the contour count from
 * the glyph header, walks composite component records to renumber them (as fontkit does), and takes
 * advance and left bearing straight from hmtx. Output is byte-identical (test/batch-speed.test.ts).
 * Variable fonts keep fontkit's own path (their outlines must be re-encoded). A font held without its
 * outlines (lean.ts) gives them from its GlyphSource, read ahead for the whole subset in encode().
 */

const MORE_COMPONENTS = 0x20;
const ARG_1_AND_2_ARE_WORDS = 0x01;
const WE_HAVE_A_SCALE = 0x08;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x40;
const WE_HAVE_A_TWO_BY_TWO = 0x80;

interface Metric {
  advance: number;
  bearing: number;
}
interface LazyList<T> {
  length: number;
  get(i: number): T;
}
/** Where a lean font's outlines come from (set by useGlyphSource). */
const GLYPHS = Symbol('banmian.glyphSource');

interface FontInternals {
  [GLYPHS]?: GlyphSource;
  _variationProcessor?: unknown;
  loca: { offsets: number[]; version: number };
  stream: { buffer: Uint8Array };
  hmtx: { metrics: LazyList<Metric>; bearings: LazyList<number> };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  directory: { tables: Record<string, unknown> };
}
interface SubsetInternals {
  font: FontInternals;
  glyphs: number[];
  glyf: Uint8Array[];
  loca: { offsets: number[]; version: number };
  hmtx: { metrics: Metric[]; bearings?: number[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
  encode(): Uint8Array;
}

const ORIGINAL = Symbol('banmian.originalAddGlyph');
const ORIGINAL_ENCODE = Symbol('banmian.originalEncode');

/** fontkit's hmtx rule: glyphs past numberOfHMetrics share the last advance and have their own bearing. */
function horizontalMetric(font: FontInternals, gid: number): Metric {
  const { metrics, bearings } = font.hmtx;
  if (gid < metrics.length) return metrics.get(gid);
  const last = metrics.get(metrics.length - 1);
  return { advance: last ? last.advance : 0, bearing: bearings.get(gid - metrics.length) || 0 };
}

function addGlyph(this: SubsetInternals, gid: number): number {
  const font = this.font;
  const original = (Object.getPrototypeOf(this) as Record<symbol, SubsetInternals['_addGlyph']>)[ORIGINAL];
  if (font._variationProcessor) return original.call(this, gid);
  const start = font.loca.offsets[gid];
  const end = font.loca.offsets[gid + 1];
  const source = font[GLYPHS];
  let buffer: Uint8Array;
  if (source) buffer = source.bytes(gid, start, end);
  else {
    const stream = font._getTableStream('glyf');
    stream.pos += start;
    buffer = stream.readBuffer(end - start);
  }
  // numberOfContours < 0: a composite; renumber its components into the subset (in a copy: the
  // bytes may be a lean font's kept outline).
  if (buffer.length >= 10 && ((buffer[0] << 8) | buffer[1]) & 0x8000) {
    buffer = new Uint8Array(buffer);
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    let pos = 10;
    let flags = MORE_COMPONENTS;
    while (flags & MORE_COMPONENTS) {
      flags = view.getUint16(pos);
      view.setUint16(pos + 2, this.includeGlyph(view.getUint16(pos + 2)));
      pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) pos += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
    }
  }
  this.glyf.push(buffer);
  this.loca.offsets.push(this.offset);
  const m = horizontalMetric(font, gid);
  this.hmtx.metrics.push({ advance: m.advance, bearing: m.bearing });
  this.offset += buffer.length;
  return this.glyf.length - 1;
}

/**
 * The subset as a TrueType file, the bytes fontkit's TTFSubset.encode writes (test/batch-speed.test.ts),
 * without its generic struct encoder (a size pass, then an encode pass, field by field: ~0.5 ms a face
 * a page). fontkit writes head, hhea, loca, maxp, cvt, prep, glyf, hmtx and fpgm, each decoded and
 * encoded again: for head, hhea and maxp that is the font's own table with indexToLocFormat,
 * numberOfMetrics and numGlyphs set; for cvt, prep and fpgm the table as stored. Its directory has
 * zero checksums and no padding between tables. A lean font's outlines are read first, in as few reads
 * as the file allows. Fonts whose tables are not the sizes fontkit's structs have keep fontkit's encoder.
 */
function encode(this: SubsetInternals): Uint8Array {
  const font = this.font;
  const source = font[GLYPHS];
  const offsets = font.loca.offsets;
  if (source) source.prefetch(this.glyphs.map((gid) => ({ gid, start: offsets[gid], end: offsets[gid + 1] })));
  const fontkitEncode = () => (Object.getPrototypeOf(this) as Record<symbol, SubsetInternals['encode']>)[ORIGINAL_ENCODE].call(this);
  const raw = (tag: string) => {
    const t = font.directory.tables[tag] as { offset: number; length: number } | undefined;
    return t && font.stream.buffer.subarray(t.offset, t.offset + t.length);
  };
  const head = raw('head'), hhea = raw('hhea'), maxp = raw('maxp');
  // fontkit's structs: head 54 bytes, hhea 36, maxp version 1.0 32 (longer tables are cut to them).
  if (font._variationProcessor || !head || head.length < 54 || !hhea || hhea.length < 36 || !maxp || maxp.length < 32 || readU32(maxp, 0) !== 0x00010000) return fontkitEncode();

  this.glyf = [];
  this.offset = 0;
  this.loca = { offsets: [], version: font.loca.version };
  this.hmtx = { metrics: [] };
  // Not a for loop: _addGlyph adds a composite's components to this.glyphs as it goes.
  let i = 0;
  while (i < this.glyphs.length) this._addGlyph(this.glyphs[i++]);
  this.loca.offsets.push(this.offset);

  const version = this.loca.version;
  const tables: [string, Uint8Array | Uint8Array[]][] = [];
  const headOut = head.slice(0, 54);
  writeI16(headOut, 50, version);
  const hheaOut = hhea.slice(0, 36);
  writeU16(hheaOut, 34, this.hmtx.metrics.length);
  const maxpOut = maxp.slice(0, 32);
  writeU16(maxpOut, 4, this.glyf.length);
  const locaOffsets = this.loca.offsets;
  const loca = new Uint8Array(locaOffsets.length * (version === 0 ? 2 : 4));
  const locaView = new DataView(loca.buffer);
  // Short offsets count words, as fontkit writes them (value >>> 1, cut to 16 bits).
  for (let k = 0; k < locaOffsets.length; k++) version === 0 ? locaView.setUint16(2 * k, locaOffsets[k] >>> 1) : locaView.setUint32(4 * k, locaOffsets[k]);
  const metrics = this.hmtx.metrics;
  const hmtx = new Uint8Array(metrics.length * 4);
  const hmtxView = new DataView(hmtx.buffer);
  for (let k = 0; k < metrics.length; k++) {
    hmtxView.setUint16(4 * k, metrics[k].advance);
    hmtxView.setInt16(4 * k + 2, metrics[k].bearing);
  }
  tables.push(['head', headOut], ['hhea', hheaOut], ['loca', loca], ['maxp', maxpOut]);
  const cvt = raw('cvt '), prep = raw('prep'), fpgm = raw('fpgm');
  // fontkit reads cvt as int16s and prep, fpgm as bytes: an odd byte at a cvt table's end is dropped.
  if (cvt) tables.push(['cvt ', cvt.subarray(0, cvt.length & ~1)]);
  if (prep) tables.push(['prep', prep]);
  tables.push(['glyf', this.glyf], ['hmtx', hmtx]);
  if (fpgm) tables.push(['fpgm', fpgm]);

  const size = (t: Uint8Array | Uint8Array[]) => (Array.isArray(t) ? t.reduce((n, b) => n + b.length, 0) : t.length);
  const n = tables.length;
  const total = 12 + 16 * n + tables.reduce((sum, [, t]) => sum + size(t), 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  // fontkit's arithmetic, to the bit (Directory.preEncode).
  const maxPowerOf2 = Math.pow(2, Math.floor(Math.log(n) / Math.LN2));
  out.set([0x74, 0x72, 0x75, 0x65]); // 'true', as fontkit tags its subsets
  view.setUint16(4, n);
  view.setUint16(6, maxPowerOf2 * 16);
  view.setUint16(8, Math.log(maxPowerOf2) / Math.LN2);
  view.setUint16(10, n * 16 - maxPowerOf2 * 16);
  let at = 12 + 16 * n;
  tables.forEach(([tag, t], k) => {
    const entry = 12 + 16 * k;
    for (let c = 0; c < 4; c++) out[entry + c] = tag.charCodeAt(c);
    view.setUint32(entry + 8, at);
    view.setUint32(entry + 12, size(t));
    for (const part of Array.isArray(t) ? t : [t]) {
      out.set(part, at);
      at += part.length;
    }
  });
  return out;
}

const readU32 = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const writeU16 = (b: Uint8Array, at: number, v: number) => {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
};
const writeI16 = writeU16;

/** Install the fast glyph copy on fontkit's TrueType subset class (once per process; CFF fonts untouched). */
export function useFastSubset(font: fontkit.Font): void {
  const f = font as unknown as FontInternals & { createSubset(): object };
  if (!f.directory?.tables?.glyf) return;
  const proto = Object.getPrototypeOf(f.createSubset()) as Record<string | symbol, unknown>;
  if (proto[ORIGINAL] || typeof proto._addGlyph !== 'function' || typeof proto.encode !== 'function') return;
  proto[ORIGINAL] = proto._addGlyph;
  proto._addGlyph = addGlyph;
  proto[ORIGINAL_ENCODE] = proto.encode;
  proto.encode = encode;
}

/**
 * Give a font held without its outlines (lean.ts) their source. Its subsets need the fast glyph copy
 * (fontkit's own decodes outlines from the font's glyf table, which is not in memory).
 */
export function useGlyphSource(font: fontkit.Font, source: GlyphSource): void {
  (font as unknown as FontInternals)[GLYPHS] = source;
}

/** Put fontkit's own glyph copy back (for tests comparing the two). */
export function useFontkitSubset(font: fontkit.Font): void {
  const proto = Object.getPrototypeOf((font as unknown as { createSubset(): object }).createSubset()) as Record<string | symbol, unknown>;
  if (!proto[ORIGINAL]) return;
  proto._addGlyph = proto[ORIGINAL];
  proto.encode = proto[ORIGINAL_ENCODE];
  delete proto[ORIGINAL];
  delete proto[ORIGINAL_ENCODE];
}
