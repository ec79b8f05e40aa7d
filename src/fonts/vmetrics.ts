import type { FontFace } from './fontbook.js';

/**
 * Vertical advances read from the font's own vhea/vmtx tables. fontkit misreads vhea version 1.1
 * (numOfLongVerMetrics comes out 0, so every advanceHeight is 0); the tables are small and simple, so
 * banmian reads them itself: vhea.numOfLongVerMetrics at offset 34, then vmtx records of
 * (uint16 advanceHeight, int16 topSideBearing), the last advance repeating for the remaining glyphs.
 */
interface VerticalMetrics {
  advance(gid: number): number;
}

const cache = new WeakMap<FontFace, VerticalMetrics | null>();

interface RawFont {
  directory?: { tables?: Record<string, { offset: number; length: number } | undefined> };
  stream?: { buffer?: Uint8Array };
  unitsPerEm: number;
}

function read(face: FontFace): VerticalMetrics | null {
  const font = face.font as unknown as RawFont;
  const vhea = font.directory?.tables?.vhea;
  const vmtx = font.directory?.tables?.vmtx;
  const buf = font.stream?.buffer;
  if (!vhea || !vmtx || !buf || vhea.length < 36) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const count = view.getUint16(vhea.offset + 34);
  if (count === 0 || count * 4 > vmtx.length) return null;
  const upem = font.unitsPerEm;
  return { advance: (gid) => view.getUint16(vmtx.offset + 4 * Math.min(gid, count - 1)) / upem };
}

/** The vertical advance of a glyph in em, from vmtx; 1 em when the font has no vertical metrics. */
export function verticalAdvance(face: FontFace, gid: number): number {
  let m = cache.get(face);
  if (m === undefined) cache.set(face, (m = read(face)));
  return m ? m.advance(gid) : 1;
}
