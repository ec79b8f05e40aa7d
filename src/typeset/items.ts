import { CLOSING, isDigit, isHan, isOpening, isWordChar, NOT_AT_LINE_END, NOT_AT_LINE_START_BASIC, NOT_AT_LINE_START_STRICT_EXTRA, PAUSE_STOP, QUOTES } from '../text/classes.js';
import type { FontBook, FontFace } from '../fonts/fontbook.js';
import type { ResolvedStyle } from '../model/index.js';
import type { Run } from '../assign/index.js';

/** An unbreakable piece of a line: one Han character, one punctuation mark, a Latin word or a number, a dash pair. */
export interface Item {
  text: string;
  face: FontFace;
  size: number;
  /** Widths in points: natural, and how far it may shrink or grow (punctuation only). */
  width: number;
  min: number;
  max: number;
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
  /** Glyph ids and advances (em) for the item's characters, for drawing. */
  glyphs: { gid: number; text: string; advance: number }[];
  kind: 'han' | 'punct' | 'word' | 'dash' | 'space' | 'other';
}

const DASH_PAIR = /^(——|⸺|……)/u;

/** Split runs into items and measure them with the style's face. */
export function itemize(runs: readonly Run[], styles: Record<string, ResolvedStyle>, fonts: FontBook, missing: Set<string>): Item[] {
  const items: Item[] = [];
  for (const run of runs) {
    const style = styles[run.style] ?? styles.body;
    const chars = [...run.text];
    for (let i = 0; i < chars.length; ) {
      const c = chars[i];
      const rest = chars.slice(i, i + 2).join('');
      if (DASH_PAIR.test(rest)) {
        items.push(dashItem(rest, style, fonts, missing));
        i += 2;
        continue;
      }
      if (isWordChar(c) && !(c === '.' || c === ',' || c === ':' || c === '/') ) {
        // Words and numbers, with 2017—2019 and 2.2% kept whole.
        let j = i + 1;
        while (j < chars.length && (isWordChar(chars[j]) || ((chars[j] === '—' || chars[j] === '-' || chars[j] === '–') && isDigit(chars[j - 1]) && isDigit(chars[j + 1] ?? '')))) j++;
        while (j > i + 1 && /[.,:/]/.test(chars[j - 1])) j--;
        items.push(wordItem(chars.slice(i, j).join(''), style, fonts, missing));
        i = j;
        continue;
      }
      items.push(charItem(c, style, fonts, missing));
      i++;
    }
  }
  // Han–Latin spacing and break opportunities.
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    const prev = items[k - 1];
    if (prev && it.kind === 'word' && prev.kind === 'han') prev.glue = prev.style.latinSpacing * prev.size;
    if (prev && prev.kind === 'word' && it.kind === 'han') prev.glue = prev.style.latinSpacing * prev.size;
    // A number and the % or unit sign that follows it stay together.
    if (prev && prev.kind === 'word' && /^[%％‰℃°]/u.test(it.text)) it.breakBefore = false;
  }
  return items;
}

function faceOf(c: string, style: ResolvedStyle, fonts: FontBook, missing: Set<string>): FontFace {
  const face = fonts.faceFor(style.font, style.weight, c);
  if (face) return face;
  missing.add(c);
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

function charItem(c: string, style: ResolvedStyle, fonts: FontBook, missing: Set<string>): Item {
  const face = faceOf(c, style, fonts, missing);
  const em = style.size;
  const cp = c.codePointAt(0)!;
  const glyph = face.font.glyphForCodePoint(cp);
  const adv = glyph.advanceWidth / face.font.unitsPerEm;
  const strictStart = style.kinsoku === 'strict' && NOT_AT_LINE_START_STRICT_EXTRA.has(c);
  if (c === ' ') {
    const it = base(c, face, style, 0.5 * em, 'space');
    it.glyphs = [];
    return it;
  }
  const halfable = (PAUSE_STOP.has(c) || CLOSING.has(c) || isOpening(c)) && adv >= 0.99;
  const it = base(c, face, style, adv * em, isHan(c) ? 'han' : halfable ? 'punct' : 'other');
  it.glyphs = [{ gid: glyph.id, text: c, advance: adv }];
  if (style.kinsoku !== 'none') {
    it.noStart = NOT_AT_LINE_START_BASIC.has(c) || strictStart;
    it.noEnd = NOT_AT_LINE_END.has(c);
  }
  if (halfable) {
    it.punct = true;
    it.opening = isOpening(c);
    const half = QUOTES.has(c) ? style.quotes === 'half' : style.punctuation === 'compressed';
    it.min = 0.5 * em;
    it.max = 1 * em;
    it.width = half ? it.min : it.max;
  }
  return it;
}

function wordItem(text: string, style: ResolvedStyle, fonts: FontBook, missing: Set<string>): Item {
  const glyphs: Item['glyphs'] = [];
  let face: FontFace | null = null;
  let w = 0;
  for (const c of text) {
    const f = faceOf(c, style, fonts, missing);
    face ??= f;
    const g = f.font.glyphForCodePoint(c.codePointAt(0)!);
    const adv = g.advanceWidth / f.font.unitsPerEm;
    glyphs.push({ gid: g.id, text: c, advance: adv });
    w += adv;
  }
  const it = base(text, face!, style, w * style.size, 'word');
  it.glyphs = glyphs;
  if (style.kinsoku !== 'none' && /^[%％‰]/u.test(text)) it.noStart = true;
  return it;
}

/** —— and …… are 2 em and never split; —— uses the font's full-width ligature where it has one. */
function dashItem(text: string, style: ResolvedStyle, fonts: FontBook, missing: Set<string>): Item {
  const face = faceOf(text[0], style, fonts, missing);
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
