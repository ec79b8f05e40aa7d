/**
 * The floor of a rendered page: the least any writer of the same PDF would spend on its bytes —
 * subsetting the same glyphs of the same fonts (fontkit, as pdfkit does), deflating the same streams
 * with the same settings, and writing the file. Printed beside the page time: what is left above it
 * is banmian's own work (ingest, layout, typesetting, the content stream, the report).
 */
import { writeFileSync } from 'node:fs';
import { inflateSync, deflateSync } from 'node:zlib';
import type { FontBook } from '../src/fonts/fontbook.js';
import { DEFLATE } from '../src/render/pdf.js';
import type { SetText } from '../src/typeset/index.js';

export interface Floor {
  ms: number;
  subsetMs: number;
  deflateMs: number;
  writeMs: number;
}

/** The FlateDecode streams of a PDF, inflated (pdfkit writes `/Length n … /Filter /FlateDecode … >>\nstream\n`). */
export function flateStreams(pdf: Uint8Array): Buffer[] {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const text = bytes.toString('latin1');
  const out: Buffer[] = [];
  const re = /<<((?:(?!>>\s*stream)[^])*?)>>\s*stream\r?\n/g;
  for (let m; (m = re.exec(text)); ) {
    const dict = m[1];
    const length = /\/Length (\d+)/.exec(dict);
    if (!length) continue;
    const start = m.index + m[0].length;
    const data = bytes.subarray(start, start + Number(length[1]));
    re.lastIndex = start + data.length;
    if (/\/Filter\s*\/FlateDecode/.test(dict)) out.push(inflateSync(data));
  }
  return out;
}

/** Each face's glyph ids in the order the page first uses them (as pdfkit's subset includes them, after .notdef). */
function glyphsByFace(set: SetText): Map<string, number[]> {
  const seen = new Map<string, Set<number>>();
  for (const story of set.stories)
    for (const line of story.lines)
      for (let k = 0; k < line.glyphs.length; k++) {
        const face = line.glyphs.run(k).face;
        let s = seen.get(face);
        if (!s) seen.set(face, (s = new Set([0])));
        s.add(line.glyphs.gid(k));
      }
  return new Map([...seen].map(([face, gids]) => [face, [...gids]]));
}

export async function floorOf(page: { pdf: Uint8Array; set: SetText }, fonts: FontBook, file: string): Promise<Floor> {
  const streams = flateStreams(page.pdf);
  const byKey = new Map(fonts.opened().map((f) => [f.key, f]));
  const t0 = performance.now();
  for (const [key, gids] of glyphsByFace(page.set)) {
    const face = byKey.get(key);
    if (!face) continue;
    const subset = (face.font as unknown as { createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array } }).createSubset();
    for (const g of gids) subset.includeGlyph(g);
    subset.encode();
  }
  const t1 = performance.now();
  for (const s of streams) deflateSync(s, DEFLATE);
  const t2 = performance.now();
  writeFileSync(file, page.pdf);
  const t3 = performance.now();
  return { ms: t3 - t0, subsetMs: t1 - t0, deflateMs: t2 - t1, writeMs: t3 - t2 };
}
