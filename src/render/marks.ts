import type { FontFace } from '../fonts/fontbook.js';
import { MM } from '../model/index.js';
import type { PlacedGlyph, SetLine } from '../typeset/index.js';
import { BLACK, strokeOp } from './color.js';
import { MARK_GAP, MARK_LENGTH, type Sheet } from './sheet.js';
import { num } from './text.js';


/**
 * Crop marks at the four trim corners, outside the bleed, as PDF operators in the sheet's
 * y-down space (pdfkit's page space). 100% K hairlines: a registration colour would put ink
 * on all four plates, which K-only checks reject.
 */
export function cropMarkOps(sheet: Sheet): string[] {
  const { offset: o, width: W, height: H, bleed: b } = sheet;
  const near = b + MARK_GAP;
  const far = near + MARK_LENGTH;
  const ops = ['q', '0.25 w', strokeOp(BLACK)];
  for (const [cx, sx] of [[o, -1], [o + W, 1]] as const)
    for (const [cy, sy] of [[o, -1], [o + H, 1]] as const) {
      ops.push(`${num(cx + sx * near)} ${num(cy)} m ${num(cx + sx * far)} ${num(cy)} l S`);
      ops.push(`${num(cx)} ${num(cy + sy * near)} m ${num(cx)} ${num(cy + sy * far)} l S`);
    }
  ops.push('Q');
  return ops;
}

/** The slug line below the page, outside the bleed: one line of glyphs in `face`, 6 pt, sheet y-down space. */
export function slugLine(sheet: Sheet, text: string, face: FontFace): SetLine {
  const size = 6;
  const x0 = sheet.offset + 10 * MM;
  const y = sheet.offset + sheet.height + sheet.bleed + MARK_GAP + 4 * MM;
  const glyphs: PlacedGlyph[] = [];
  let x = x0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!face.has(cp)) continue;
    const g = face.font.glyphForCodePoint(cp);
    glyphs.push({ face: face.key, gid: g.id, text: ch, x, y, size });
    x += face.advance(cp) * size;
  }
  return { region: 'slug', column: 0, text, x: x0, y, width: x - x0, used: x - x0, glyphs, block: 'slug', paragraph: 0, line: 0, role: 'credit' };
}
