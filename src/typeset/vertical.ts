import { isDigit, isHan, isLatinLetter } from '../text/classes.js';
import type { FontFace } from '../fonts/fontbook.js';
import type { Box, ResolvedStyle } from '../model/index.js';
import { BASELINE, type FlowContext } from './flow.js';
import type { PlacedGlyph, SetLine } from './types.js';

/** Longest run of digits set upright side by side in one em (tate-chu-yoko). */
export const TATE_CHU_YOKO_MAX = 2;

interface VColumn {
  text: string;
  style: ResolvedStyle;
  styleName: string;
}

/**
 * Vertical setting: columns right to left, characters top to bottom on a 1 em pitch (spread along
 * the column when the style says so). Punctuation and brackets take the font's vertical alternates
 * (GSUB `vert`); Latin words turn 90° clockwise; numbers of up to two digits stand upright in one em.
 */
export function setVertical(columns: readonly string[], subtitle: string | undefined, box: Box, ctx: FlowContext, block: string, tcyMax = TATE_CHU_YOKO_MAX): SetLine[] {
  const cols: VColumn[] = columns.map((text) => ({ text, style: ctx.styles.vertical, styleName: 'vertical' }));
  if (subtitle) cols.push({ text: subtitle, style: ctx.styles['vertical-subtitle'], styleName: 'vertical-subtitle' });
  const lines: SetLine[] = [];
  let right = box.x + box.width;
  cols.forEach((col, ci) => {
    const style = col.style;
    const units = verticalUnits(col.text, tcyMax);
    const lengths = units.map((u) => (u.kind === 'rotated' ? rotatedLength(u.text, style, ctx) : 1));
    const ems = lengths.reduce((a, b) => a + b, 0);
    let size = style.size;
    // Shrink a column that is too long for the box; spread one that is shorter when asked (at most 1 em between characters).
    if (ems * size > box.height) size = box.height / ems;
    const extra = style.align === 'spread' && units.length > 1 ? Math.min((box.height - ems * size) / (units.length - 1), size) : 0;
    const left = right - size;
    const glyphs: PlacedGlyph[] = [];
    let top = box.y;
    units.forEach((u, k) => {
      glyphs.push(...placeUnit(u, left, top, size, style, ctx));
      top += lengths[k] * size + extra;
    });
    lines.push({ region: ctx.region, column: ci, text: col.text, x: left, y: box.y, width: size, used: top - extra - box.y, glyphs, block, paragraph: ci, line: 0, role: 'vertical' });
    const gap = Math.max(style.leading - style.size, size * 0.25);
    right = left - gap * (ci + 1 === columns.length && subtitle ? 1.5 : 1);
  });
  return lines;
}

type Unit = { kind: 'upright' | 'tcy' | 'rotated'; text: string };

/** Split column text into units: one character, a short number (tate-chu-yoko), or a Latin word/long number (rotated). */
export function verticalUnits(text: string, tcyMax = TATE_CHU_YOKO_MAX): Unit[] {
  const chars = [...text];
  const units: Unit[] = [];
  for (let i = 0; i < chars.length; ) {
    const c = chars[i];
    if (isDigit(c) || isLatinLetter(c)) {
      let j = i + 1;
      while (j < chars.length && (isDigit(chars[j]) || isLatinLetter(chars[j]) || (chars[j] === '.' && isDigit(chars[j + 1] ?? '')))) j++;
      const word = chars.slice(i, j).join('');
      const digitsOnly = /^\d+$/.test(word);
      if (digitsOnly && word.length <= tcyMax) units.push({ kind: 'tcy', text: word });
      else if (!digitsOnly && word.length === 1) units.push({ kind: 'upright', text: word });
      else units.push({ kind: 'rotated', text: word });
      i = j;
    } else {
      units.push({ kind: 'upright', text: c });
      i++;
    }
  }
  return units;
}

function rotatedLength(text: string, style: ResolvedStyle, ctx: FlowContext): number {
  let w = 0;
  for (const c of text) w += face(ctx, style, c).advance(c.codePointAt(0)!);
  return w;
}

function face(ctx: FlowContext, style: ResolvedStyle, c: string): FontFace {
  const f = ctx.fonts.faceFor(style.font, style.weight, c);
  if (!f) ctx.missing.add(c);
  return f ?? ctx.fonts.face(style.font, style.weight);
}

const verticalCache = new WeakMap<FontFace, Map<string, number>>();

/** The glyph of `c` for vertical setting: the font's `vert` alternate if it has one. */
export function verticalGlyph(f: FontFace, c: string): number {
  let cache = verticalCache.get(f);
  if (!cache) verticalCache.set(f, (cache = new Map()));
  let gid = cache.get(c);
  if (gid === undefined) {
    gid = f.font.layout(c, ['vert']).glyphs[0]?.id ?? f.font.glyphForCodePoint(c.codePointAt(0)!).id;
    cache.set(c, gid);
  }
  return gid;
}

function placeUnit(u: Unit, left: number, top: number, size: number, style: ResolvedStyle, ctx: FlowContext): PlacedGlyph[] {
  const color = style.color !== '#000000' ? style.color : undefined;
  if (u.kind === 'upright') {
    const f = face(ctx, style, u.text);
    const gid = isHan(u.text) ? f.font.glyphForCodePoint(u.text.codePointAt(0)!).id : verticalGlyph(f, u.text);
    const adv = f.font.getGlyph(gid).advanceWidth / f.font.unitsPerEm;
    // Centre narrow glyphs (a single Latin letter) in the em.
    return [{ face: f.key, gid, text: u.text, x: left + ((1 - adv) * size) / 2, y: top + BASELINE * size, size, ...(color && { color }) }];
  }
  const glyphs = [...u.text].map((c) => {
    const f = face(ctx, style, c);
    const g = f.font.glyphForCodePoint(c.codePointAt(0)!);
    return { f, gid: g.id, c, adv: g.advanceWidth / f.font.unitsPerEm };
  });
  const total = glyphs.reduce((s, g) => s + g.adv, 0);
  if (u.kind === 'tcy') {
    const scaleX = total > 1 ? 1 / total : 1;
    let x = left + ((1 - total * scaleX) * size) / 2;
    return glyphs.map((g) => {
      const out: PlacedGlyph = { face: g.f.key, gid: g.gid, text: g.c, x, y: top + BASELINE * size, size, ...(scaleX !== 1 && { scaleX }), ...(color && { color }) };
      x += g.adv * size * scaleX;
      return out;
    });
  }
  // Rotated 90° clockwise: the baseline runs down the column, the letters' tops face right.
  let y = top;
  const baselineX = left + 0.22 * size;
  return glyphs.map((g) => {
    const out: PlacedGlyph = { face: g.f.key, gid: g.gid, text: g.c, x: baselineX, y, size, rotate: 90, ...(color && { color }) };
    y += g.adv * size;
    return out;
  });
}
