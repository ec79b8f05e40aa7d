import type { FontFace } from '../fonts/fontbook.js';
import { MM } from '../model/index.js';
import { Glyphs, type PlacedGlyph, type SetLine } from '../typeset/index.js';
import { MARK_GAP, MARK_LENGTH, type Sheet } from './sheet.js';
import { num } from './text.js';

/** Mark line weight: thin enough to place the trim exactly, well above the 0.1 pt a press can hold. */
const MARK_WEIGHT = 0.25;

/** Stroke in the registration colour `cs` (a Separation /All colour space resource): full tint on every plate. */
const registration = (cs: string) => `/${cs} CS 1 SCN`;

/**
 * Crop marks at the four trim corners, outside the bleed, as PDF operators in the sheet's
 * y-down space (pdfkit's page space), in the registration colour `cs`: every plate carries them, so
 * each separation is trimmed alike. They lie outside the bleed box, where PDF/X allows printer's marks.
 */
export function cropMarkOps(sheet: Sheet, cs: string): string[] {
  const { offset: o, width: W, height: H, bleed: b } = sheet;
  const near = b + MARK_GAP;
  const far = near + MARK_LENGTH;
  const ops = ['q', `${MARK_WEIGHT} w`, registration(cs)];
  for (const [cx, sx] of [[o, -1], [o + W, 1]] as const)
    for (const [cy, sy] of [[o, -1], [o + H, 1]] as const) {
      ops.push(`${num(cx + sx * near)} ${num(cy)} m ${num(cx + sx * far)} ${num(cy)} l S`);
      ops.push(`${num(cx)} ${num(cy + sy * near)} m ${num(cx)} ${num(cy + sy * far)} l S`);
    }
  ops.push('Q');
  return ops;
}

/** Bézier handle length for a quarter circle, as a fraction of the radius. */
const KAPPA = 0.5522847498;

/**
 * Registration targets (a circle and a cross) at the middle of the top, left and right edges, in the
 * mark area outside the bleed, in the registration colour: the press aligns the plates on them. The
 * bottom edge holds the slug line.
 */
export function registrationMarkOps(sheet: Sheet, cs: string): string[] {
  const { offset: o, width: W, height: H, bleed: b } = sheet;
  const r = 2 * MM;
  const arm = 3 * MM;
  // Centred in the crop marks' band: from MARK_GAP to MARK_GAP + MARK_LENGTH outside the bleed.
  const d = b + MARK_GAP + MARK_LENGTH / 2;
  const centres: [number, number][] = [
    [o + W / 2, o - d],
    [o - d, o + H / 2],
    [o + W + d, o + H / 2],
  ];
  const ops = ['q', `${MARK_WEIGHT} w`, registration(cs)];
  for (const [x, y] of centres) {
    const k = r * KAPPA;
    ops.push(
      `${num(x + r)} ${num(y)} m ` +
        `${num(x + r)} ${num(y + k)} ${num(x + k)} ${num(y + r)} ${num(x)} ${num(y + r)} c ` +
        `${num(x - k)} ${num(y + r)} ${num(x - r)} ${num(y + k)} ${num(x - r)} ${num(y)} c ` +
        `${num(x - r)} ${num(y - k)} ${num(x - k)} ${num(y - r)} ${num(x)} ${num(y - r)} c ` +
        `${num(x + k)} ${num(y - r)} ${num(x + r)} ${num(y - k)} ${num(x + r)} ${num(y)} c S`,
    );
    ops.push(`${num(x - arm)} ${num(y)} m ${num(x + arm)} ${num(y)} l ${num(x)} ${num(y - arm)} m ${num(x)} ${num(y + arm)} l S`);
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
  const run = { face: face.key, size, y };
  let x = x0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!face.has(cp)) continue;
    const g = face.font.glyphForCodePoint(cp);
    glyphs.push({ gid: g.id, text: ch, x, run });
    x += face.advance(cp) * size;
  }
  return { region: 'slug', column: 0, text, x: x0, y, width: x - x0, used: x - x0, glyphs: Glyphs.of(glyphs), block: 'slug', paragraph: 0, line: 0, role: 'credit' };
}
