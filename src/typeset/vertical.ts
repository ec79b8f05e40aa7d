import { isDigit, isHan, isLatinLetter } from '../text/classes.js';
import type { FontFace } from '../fonts/fontbook.js';
import { verticalAdvance } from '../fonts/vmetrics.js';
import type { Box, ResolvedStyle } from '../model/index.js';
import { BASELINE, type FlowContext } from './flow.js';
import { faceOf } from './items.js';
import type { PlacedGlyph, SetLine } from './types.js';

/** Longest run of digits set upright side by side in one em (tate-chu-yoko), unless the style says otherwise (up to 4). */
export const TATE_CHU_YOKO_MAX = 2;

/** Marks that lie along the line: in vertical text they need the font's vertical form, or a quarter turn. */
const ALONG_THE_LINE = new Set([...'—–-～~…‥_()[]{}<>']);

interface VColumn {
  text: string;
  style: ResolvedStyle;
  styleName: string;
}

/**
 * Vertical setting: columns right to left, characters top to bottom on a 1 em pitch plus the style's
 * tracking (spread along the column when the style says so). Punctuation and brackets take the font's vertical alternates
 * (GSUB `vert`); Latin words turn 90° clockwise; numbers of up to two digits stand upright in one em.
 */
export function setVertical(columns: readonly string[], subtitle: string | undefined, box: Box, ctx: FlowContext, block: string, styleName = 'vertical', subtitleStyle = 'vertical-subtitle', subtitleGap?: number): SetLine[] {
  const cols: VColumn[] = columns.map((text) => ({ text, style: ctx.styles[styleName], styleName }));
  if (subtitle) cols.push({ text: subtitle, style: ctx.styles[subtitleStyle], styleName: subtitleStyle });
  const lines: SetLine[] = [];
  let right = box.x + box.width;
  cols.forEach((col, ci) => {
    const style = col.style;
    const units = verticalUnits(col.text, style.tateChuYoko);
    const lengths = units.map((u) => unitLength(u, style, ctx));
    // Tracking (em) stands between characters, as in horizontal lines.
    const tracking = style.tracking * Math.max(0, units.length - 1);
    const ems = lengths.reduce((a, b) => a + b, 0) + tracking;
    let size = style.size;
    // Shrink a column that is too long for the box; spread one that is shorter when asked (at most 1 em between characters).
    if (ems * size > box.height) size = box.height / ems;
    const extra = style.align === 'spread' && units.length > 1 ? Math.min((box.height - ems * size) / (units.length - 1), size) : 0;
    const left = right - size;
    const start = ctx.glyphs.length;
    let top = box.y;
    units.forEach((u, k) => {
      // A character no font has (logged missing) keeps its place but is not drawn: glyph 0 is .notdef, an empty box.
      for (const g of placeUnit(u, left, top, size, style, ctx)) if (g.gid !== 0) ctx.glyphs.add(g.gid, g.text, g.x, g.run);
      top += (lengths[k] + style.tracking) * size + extra;
    });
    const part = subtitle && ci === columns.length ? 'subtitle' : 'main';
    lines.push({ region: ctx.region, column: ci, text: col.text, x: left, y: box.y, width: size, used: top - extra - style.tracking * size - box.y, glyphs: ctx.glyphs.since(start), block, paragraph: ci, line: 0, role: 'vertical', part });
    const gap = Math.max(style.leading - style.size, size * 0.25);
    right = left - (ci + 1 === columns.length && subtitle ? (subtitleGap ?? gap * 1.5) : gap);
  });
  return lines;
}

type Unit = { kind: 'upright' | 'tcy' | 'rotated' | 'dash'; text: string };

/** Split column text into units: one character, a short number (tate-chu-yoko), or a Latin word/long number (rotated). */
export function verticalUnits(text: string, tcyMax = TATE_CHU_YOKO_MAX): Unit[] {
  const chars = [...text];
  const units: Unit[] = [];
  for (let i = 0; i < chars.length; ) {
    const c = chars[i];
    const pair = c + (chars[i + 1] ?? '');
    if (pair === '——' || pair === '……' || pair === '⸺⸺') {
      units.push({ kind: 'dash', text: pair });
      i += 2;
      continue;
    }
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

/** Length of a unit along the column, in em: vertical advances from vmtx (fontkit's are 0), rotated text by its horizontal advances. */
function unitLength(u: Unit, style: ResolvedStyle, ctx: FlowContext): number {
  if (u.kind === 'tcy') return 1;
  if (u.kind === 'dash') {
    const v = verticalDash(face(ctx, style, u.text[0]), u.text);
    return v ? verticalAdvance(face(ctx, style, u.text[0]), v.gid) : rotatedLength(u.text, style, ctx);
  }
  if (u.kind === 'rotated' || needsTurn(face(ctx, style, u.text), u.text)) return rotatedLength(u.text, style, ctx);
  const f = face(ctx, style, u.text);
  return verticalAdvance(f, isHan(u.text) ? f.font.glyphForCodePoint(u.text.codePointAt(0)!).id : verticalGlyph(f, u.text));
}

function rotatedLength(text: string, style: ResolvedStyle, ctx: FlowContext): number {
  let w = 0;
  for (const c of text) w += face(ctx, style, c).advance(c.codePointAt(0)!);
  return w;
}

/** A mark that lies along the line and has no vertical form in the font: it is turned a quarter. */
function needsTurn(f: FontFace, c: string): boolean {
  return ALONG_THE_LINE.has(c) && verticalGlyph(f, c) === f.font.glyphForCodePoint(c.codePointAt(0)!).id;
}

const dashCache = new WeakMap<FontFace, Map<string, { gid: number } | null>>();

/**
 * The vertical form of a 2 em dash or ellipsis: the font's full-width ligature (fwid) turned by vert.
 * In Noto SC a single U+2014 has no vert alternate, but the fwid ligature of —— has one.
 */
export function verticalDash(f: FontFace, text: string): { gid: number } | null {
  let cache = dashCache.get(f);
  if (!cache) dashCache.set(f, (cache = new Map()));
  let v = cache.get(text);
  if (v === undefined) {
    const horizontal = f.font.layout(text, ['fwid']).glyphs;
    const vertical = f.font.layout(text, ['fwid', 'vert']).glyphs;
    v = vertical.length === 1 && horizontal.length === 1 && vertical[0].id !== horizontal[0].id ? { gid: vertical[0].id } : null;
    cache.set(text, v);
  }
  return v;
}

const face = (ctx: FlowContext, style: ResolvedStyle, c: string): FontFace => faceOf(c, style, ctx.fonts, ctx.log);

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
  if (u.kind === 'dash') {
    const f = face(ctx, style, u.text[0]);
    const v = verticalDash(f, u.text);
    if (v) return [{ gid: v.gid, text: u.text, x: left, run: { face: f.key, size, y: top + BASELINE * size, upright: true, ...(color && { color }) } }];
    return turned(u.text, left, top, size, style, ctx, color);
  }
  if (u.kind === 'upright' && needsTurn(face(ctx, style, u.text), u.text)) return turned(u.text, left, top, size, style, ctx, color);
  if (u.kind === 'upright') {
    const f = face(ctx, style, u.text);
    const gid = isHan(u.text) ? f.font.glyphForCodePoint(u.text.codePointAt(0)!).id : verticalGlyph(f, u.text);
    const adv = f.font.getGlyph(gid).advanceWidth / f.font.unitsPerEm;
    // Centre narrow glyphs (a single Latin letter) in the em.
    return [{ gid, text: u.text, x: left + ((1 - adv) * size) / 2, run: { face: f.key, size, y: top + BASELINE * size, upright: true, ...(color && { color }) } }];
  }
  if (u.kind === 'tcy') {
    // Half-width digit forms (hwid): two fill the em exactly; three or four are condensed into it.
    const glyphs = [...u.text].map((c) => {
      const f = face(ctx, style, c);
      const g = f.featureGlyph(c, 'hwid');
      return { f, gid: g.gid, c, adv: g.advance };
    });
    const total = glyphs.reduce((s, g) => s + g.adv, 0);
    const scaleX = total > 1 ? 1 / total : 1;
    let x = left + ((1 - total * scaleX) * size) / 2;
    const y = top + BASELINE * size;
    return glyphs.map((g) => {
      const out: PlacedGlyph = { gid: g.gid, text: g.c, x, run: { face: g.f.key, size, y, ...(scaleX !== 1 && { scaleX }), ...(color && { color }) } };
      x += g.adv * size * scaleX;
      return out;
    });
  }
  return turned(u.text, left, top, size, style, ctx, color);
}

/**
 * Text turned 90° clockwise: the baseline runs down the column, the tops of the glyphs face right.
 * Latin sits with its x-height centred; CJK marks (a dash without a vertical form) with their em box
 * (0.12 em below the baseline) filling the column.
 */
function turned(text: string, left: number, top: number, size: number, style: ResolvedStyle, ctx: FlowContext, color: string | undefined): PlacedGlyph[] {
  const glyphs = [...text].map((c) => {
    const f = face(ctx, style, c);
    const g = f.font.glyphForCodePoint(c.codePointAt(0)!);
    return { f, gid: g.id, c, adv: g.advanceWidth / f.font.unitsPerEm };
  });
  let y = top;
  const baselineX = left + (isLatinLetter(text[0]) || isDigit(text[0]) ? 0.22 : 0.12) * size;
  return glyphs.map((g) => {
    const out: PlacedGlyph = { gid: g.gid, text: g.c, x: baselineX, run: { face: g.f.key, size, y, rotate: 90, ...(color && { color }) } };
    y += g.adv * size;
    return out;
  });
}
