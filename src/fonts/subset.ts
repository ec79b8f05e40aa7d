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
  loca: { offsets: number[] };
  hmtx: { metrics: LazyList<Metric>; bearings: LazyList<number> };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  directory: { tables: Record<string, unknown> };
}
interface SubsetInternals {
  font: FontInternals;
  glyphs: number[];
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: Metric[] };
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

/** A lean font's subset reads all its outlines first, in as few reads as the file allows. */
function encode(this: SubsetInternals): Uint8Array {
  const source = this.font[GLYPHS];
  const offsets = this.font.loca.offsets;
  if (source) source.prefetch(this.glyphs.map((gid) => ({ gid, start: offsets[gid], end: offsets[gid + 1] })));
  return (Object.getPrototypeOf(this) as Record<symbol, SubsetInternals['encode']>)[ORIGINAL_ENCODE].call(this);
}

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
