import { CLOSING, isDigit, isHan, isOpening, isWordChar, NOT_AT_LINE_END, NOT_AT_LINE_START_BASIC, NOT_AT_LINE_START_STRICT_EXTRA, PAUSE_STOP, QUOTES } from '../text/classes.js';
import type { FontBook, FontFace } from '../fonts/fontbook.js';
import type { ResolvedStyle } from '../model/index.js';
import type { Run } from '../assign/index.js';
import type { FaceLog } from './types.js';

/** An unbreakable piece of a line: one Han character, one punctuation mark, a Latin word or a number, a dash pair. */
export interface Item {
  text: string;
  face: FontFace;
  size: number;
  /** Widths in points: natural, and how far it may shrink or grow (punctuation only). */
  width: number;
  min: number;
  max: number;
  /** Narrowest width when the item ends a line (a full-width mark at line end may be set half-width). */
  minEnd: number;
  /** Opening marks draw their ink in the right half: when narrower than 1 em, shift left. */
  opening: boolean;
  /** Item is punctuation whose width may change (compression or expansion). */
  punct: boolean;
  /** Line-breaking classes. */
  noStart: boolean;
  noEnd: boolean;
  /** Breaking is allowed before this item (false inside words and between a number and its unit). */
  breakBefore: boolean;
  /** Space after the item that disappears at a line end (Han–Latin spacing). */
  glue: number;
  style: ResolvedStyle;
  /** Glyph ids and advances (em) for the item's characters, for drawing (may be shared between items: never changed in place). */
  glyphs: readonly { gid: number; text: string; advance: number }[];
  kind: 'han' | 'punct' | 'word' | 'dash' | 'space' | 'other';
}

/** Characters of a number that take the font's half-width form when style.digits is 'half'. */
const HALF_WIDTH_DIGIT = /[0-9.,%:+\-/]/;

const DASH_PAIR = /^(——|⸺|……)/u;
/** The first characters DASH_PAIR can match. */
const DASH_START = new Set(['—', '⸺', '…']);

/**
 * Settings that belong to the paragraph, not to a run (as kinsoku and mojikumi do in InDesign): a
 * run-in byline breaks and compresses its punctuation the way the paragraph it heads does.
 */
const PARAGRAPH_LEVEL = ['punctuation', 'quotes', 'adjacentMarks', 'pushIn', 'kinsoku', 'latinSpacing', 'digits', 'keepTogether'] as const;
const composed = new WeakMap<ResolvedStyle, WeakMap<ResolvedStyle, ResolvedStyle>>();

function runStyle(own: ResolvedStyle, paragraph: ResolvedStyle | undefined): ResolvedStyle {
  if (!paragraph || paragraph === own) return own;
  let byPara = composed.get(own);
  if (!byPara) composed.set(own, (byPara = new WeakMap()));
  let s = byPara.get(paragraph);
  if (!s) {
    s = { ...own };
    for (const k of PARAGRAPH_LEVEL) (s as unknown as Record<string, unknown>)[k] = paragraph[k];
    byPara.set(paragraph, s);
  }
  return s;
}

/** Split runs into items and measure them with the style's face; paragraph-level settings come from `paragraph` when given. */
export function itemize(runs: readonly Run[], styles: Record<string, ResolvedStyle>, fonts: FontBook, log: FaceLog, paragraph?: ResolvedStyle): Item[] {
  const items: Item[] = [];
  for (const run of runs) {
    const style = runStyle(styles[run.style] ?? styles.body, paragraph);
    const chars = [...run.text];
    for (let i = 0; i < chars.length; ) {
      const c = chars[i];
      // Only a dash or an ellipsis can start a pair: no two-character string for every other character.
      const rest = DASH_START.has(c) ? chars.slice(i, i + 2).join('') : '';
      if (rest && DASH_PAIR.test(rest)) {
        items.push(dashItem(rest, style, fonts, log));
        i += 2;
        continue;
      }
      if (isWordChar(c) && !(c === '.' || c === ',' || c === ':' || c === '/') ) {
        // Words and numbers, with 2017—2019 and 2.2% kept whole.
        let j = i + 1;
        while (j < chars.length && (isWordChar(chars[j]) || ((chars[j] === '—' || chars[j] === '-' || chars[j] === '–') && isDigit(chars[j - 1]) && isDigit(chars[j + 1] ?? '')))) j++;
        while (j > i + 1 && /[.,:/]/.test(chars[j - 1])) j--;
        items.push(wordItem(chars.slice(i, j).join(''), style, fonts, log));
        i = j;
        continue;
      }
      items.push(charItem(c, style, fonts, log));
      i++;
    }
  }
  // Han–Latin spacing, adjacent marks and break opportunities.
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    const prev = items[k - 1];
    // Two adjacent full-width marks (。” ，“ ）、) take 1.5 em: the blank between them goes.
    if (prev && prev.punct && it.punct && it.style.adjacentMarks === 'compress') {
      const squeeze = !prev.opening && prev.width > prev.size * 0.51 ? prev : it.opening && it.width > it.size * 0.51 ? it : null;
      if (squeeze) squeeze.width = squeeze.min = squeeze.minEnd = 0.5 * squeeze.size;
    }
    if (prev && it.kind === 'word' && prev.kind === 'han') prev.glue = prev.style.latinSpacing * prev.size;
    if (prev && prev.kind === 'word' && it.kind === 'han') prev.glue = prev.style.latinSpacing * prev.size;
    // Tracking: extra space after every character but the line's last.
    if (prev && prev.style.tracking) prev.glue += prev.style.tracking * prev.size;
    // A number and the % or unit sign that follows it stay together.
    if (prev && prev.kind === 'word' && /^[%％‰℃°]/u.test(it.text)) it.breakBefore = false;
  }
  keepTogether(items, paragraph?.keepTogether ?? []);
  return items;
}

/** Words the style never breaks across lines (e.g. leaders' names, as Chinese newspapers require). */
function keepTogether(items: Item[], words: readonly string[]): void {
  if (!words.length) return;
  let text = '';
  const at: number[] = []; // text offset → item index
  items.forEach((it, k) => {
    for (let i = 0; i < it.text.length; i++) at.push(k);
    text += it.text;
  });
  for (const w of words) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) {
      for (let k = at[i] + 1; k <= at[i + w.length - 1]; k++) items[k].breakBefore = false;
    }
  }
}

/** The face that sets `c` in this style: the style's own or a fallback (logged); if none has it, the style's face and `c` is logged missing. */
export function faceOf(c: string, style: ResolvedStyle, fonts: FontBook, log: FaceLog): FontFace {
  const face = fonts.faceFor(style.font, style.weight, c);
  if (face) {
    if (face.role !== style.font) {
      let set = log.fallbacks.get(face.key);
      if (!set) log.fallbacks.set(face.key, (set = new Set()));
      set.add(c);
      const standIn = log.standIns && fonts.standIn(style.font, style.weight);
      if (standIn) log.standIns!.set(`${style.font}-${style.weight}`, standIn);
    }
    return face;
  }
  log.missing.add(c);
  return fonts.face(style.font, style.weight);
}

function base(text: string, face: FontFace, style: ResolvedStyle, width: number, kind: Item['kind']): Item {
  return {
    text,
    face,
    size: style.size,
    width,
    min: width,
    max: width,
    minEnd: width,
    opening: false,
    punct: false,
    noStart: false,
    noEnd: false,
    breakBefore: true,
    glue: 0,
    style,
    glyphs: [],
    kind,
  };
}

function charItem(c: string, style: ResolvedStyle, fonts: FontBook, log: FaceLog): Item {
  const face = faceOf(c, style, fonts, log);
  const em = style.size;
  const cp = c.codePointAt(0)!;
  const info = face.charInfo(cp);
  const adv = info.advance;
  const strictStart = style.kinsoku === 'strict' && NOT_AT_LINE_START_STRICT_EXTRA.has(c);
  if (c === ' ') return base(c, face, style, 0.5 * em, 'space');
  const halfable = (PAUSE_STOP.has(c) || CLOSING.has(c) || isOpening(c)) && adv >= 0.99;
  const it = base(c, face, style, adv * em, isHan(c) ? 'han' : halfable ? 'punct' : 'other');
  // A character no face has keeps an em of space but draws nothing (no .notdef box); it is reported as missing.
  it.glyphs = info.glyphs;
  if (!info.has) it.width = it.min = it.max = it.minEnd = em;
  if (style.kinsoku !== 'none') {
    it.noStart = NOT_AT_LINE_START_BASIC.has(c) || strictStart;
    it.noEnd = NOT_AT_LINE_END.has(c);
  }
  if (halfable) {
    it.punct = true;
    it.opening = isOpening(c);
    const half = QUOTES.has(c) ? style.quotes === 'half' : style.punctuation === 'compressed';
    it.max = 1 * em;
    it.width = half ? 0.5 * em : it.max;
    // compressed: marks take ½ em and widen when a line is justified. full: marks keep their em; to
    // push a prohibited mark in, clreq compresses marks anywhere in the line (pushIn 'compress') or,
    // as some typesetters do, only the mark at the line end (pushIn 'line-end').
    it.min = half || style.pushIn === 'compress' ? 0.5 * em : it.max;
    it.minEnd = it.opening ? it.min : 0.5 * em;
  }
  return it;
}

function wordItem(text: string, style: ResolvedStyle, fonts: FontBook, log: FaceLog): Item {
  const glyphs: { gid: number; text: string; advance: number }[] = [];
  let face: FontFace | null = null;
  let w = 0;
  for (const c of text) {
    const f = faceOf(c, style, fonts, log);
    face ??= f;
    // Half-width digits come from the font's own hwid forms (½ em), as a newspaper counts them.
    const { gid, advance } = style.digits === 'half' && HALF_WIDTH_DIGIT.test(c) ? f.featureGlyph(c, 'hwid') : { gid: f.font.glyphForCodePoint(c.codePointAt(0)!).id, advance: f.advance(c.codePointAt(0)!) };
    // A character no face has is reported (faceOf) and not drawn.
    if (f.has(c.codePointAt(0)!)) glyphs.push({ gid, text: c, advance });
    w += advance;
  }
  const it = base(text, face!, style, w * style.size, 'word');
  it.glyphs = glyphs;
  if (style.kinsoku !== 'none' && /^[%％‰]/u.test(text)) it.noStart = true;
  return it;
}

/** —— and …… are 2 em and never split; —— uses the font's full-width ligature where it has one. */
function dashItem(text: string, style: ResolvedStyle, fonts: FontBook, log: FaceLog): Item {
  const face = faceOf(text[0], style, fonts, log);
  const upem = face.font.unitsPerEm;
  const run = face.font.layout(text, text[0] === '—' ? ['fwid'] : []);
  const glyphs = run.glyphs.map((g, k) => ({ gid: g.id, text: String.fromCodePoint(...(g.codePoints.length ? g.codePoints : [text.codePointAt(k)!])), advance: run.positions[k].xAdvance / upem }));
  const natural = glyphs.reduce((s, g) => s + g.advance, 0);
  const it = base(text, face, style, 2 * style.size, 'dash');
  // Stretch glyphs whose natural advance is not 2 em (a font without the ligature).
  const k = natural > 0 ? 2 / natural : 1;
  it.glyphs = glyphs.map((g) => ({ ...g, advance: g.advance * k }));
  it.noStart = style.kinsoku === 'strict';
  return it;
}
