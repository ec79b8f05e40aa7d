import { isDigit, isHan, isOpening, isPunct, isWordChar, QUOTES, KAIMING_FULL } from '../text/classes.js';
import { breakOpportunities, mayNotEnd, mayNotStart } from '../text/breaks.js';
import type { FontBook, FontFace, StandIn } from '../fonts/fontbook.js';
import type { ResolvedStyle } from '../model/index.js';
import type { Run } from '../assign/index.js';
import type { FaceLog } from './types.js';

/** How far one side of an item may shrink or stretch (its blank, for a full-width mark), in points. */
export interface Side {
  shrink: number;
  stretch: number;
  /** How far it may shrink when this side is a line edge (a mark at the line end may lose its blank). */
  edge: number;
}

const FIXED: Side = Object.freeze({ shrink: 0, stretch: 0, edge: 0 });

/** An unbreakable piece of a line: one Han character, one punctuation mark, a Latin word or a number, a dash pair. */
export interface Item {
  text: string;
  face: FontFace;
  size: number;
  /** Natural width in points. */
  width: number;
  /** What the item may give or take on its start (left) and end (right) side. */
  start: Side;
  end: Side;
  /** Opening marks draw their ink in the right half: when narrower than 1 em, shift left. */
  opening: boolean;
  /** Item is punctuation whose width may change (compression or expansion). */
  punct: boolean;
  /** Line-breaking classes. */
  noStart: boolean;
  noEnd: boolean;
  /** Breaking is allowed before this item (false inside words and between a number and its unit). */
  breakBefore: boolean;
  /** Space after the item that disappears at a line end (Han–Latin spacing, tracking). */
  glue: number;
  /** How much of the glue may go when a line is overfull (Han–Latin spacing: clreq allows 0 to ¼ em). */
  glueShrink: number;
  style: ResolvedStyle;
  /** Glyph ids and advances (em) for the item's characters, for drawing (gid -1: a character no face has, not drawn). */
  glyphs: { gid: number; text: string; advance: number }[];
  /** fill: a tab (U+0009) pushes what follows to the line's end (a signature set flush right on a paragraph's last line). */
  kind: 'han' | 'punct' | 'word' | 'dash' | 'space' | 'fill' | 'other';
}

/** The narrowest an item may be inside a line and at the line end (for tests and reports). */
export const minWidth = (it: Item): number => it.width - it.start.shrink - it.end.shrink;
export const minWidthAtEnd = (it: Item): number => it.width - it.start.shrink - it.end.edge;

/** Characters of a number that take the font's half-width form when style.digits is 'half'. */
const HALF_WIDTH_DIGIT = /[0-9.,%:+\-/]/;

const DASH_PAIR = /^(——|⸺|……)/u;
/** The first characters DASH_PAIR can match. */
const DASH_START = new Set(['—', '⸺', '…']);

/**
 * Settings that belong to the paragraph, not to a run (as kinsoku and mojikumi do in InDesign): a
 * run-in byline breaks and compresses its punctuation the way the paragraph it heads does.
 */
const PARAGRAPH_LEVEL = ['punctuation', 'quotes', 'adjacentMarks', 'pushIn', 'kinsoku', 'latinSpacing', 'latinSpacingMin', 'digits', 'keepTogether', 'tracking'] as const;
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

/**
 * Split runs into items and measure them with the style's face; paragraph-level settings come from
 * `paragraph` when given. The steps, as in Typst's inline layout: collect the text's pieces at its
 * break opportunities (UAX #14 with clreq's tailoring), shape each piece into an item, then prepare
 * the spacing between items (adjacent marks, Han–Latin spacing, tracking) and the words kept together.
 */
export function itemize(runs: readonly Run[], styles: Record<string, ResolvedStyle>, fonts: FontBook, log: FaceLog, paragraph?: ResolvedStyle, places?: SharedItems): Item[] {
  const own = (it: Item): Item => (places?.shared.has(it) ? copyItem(it, it.style) : it);
  const text = runs.length === 1 ? runs[0].text : runs.map((r) => r.text).join('');
  const opportunities = breakOpportunities(text);
  const items: Item[] = [];
  // The item each UTF-16 offset of the text belongs to (for the words kept together).
  const owner = new Int32Array(text.length);
  let offset = 0;
  for (const run of runs) {
    const style = runStyle(styles[run.style] ?? styles.body, paragraph);
    collect(run.text, offset, opportunities, (start, length, kind, opportunity) => {
      let it = kind === 'char' ? charItem(text, start, length, style, fonts, log, places, opportunity) : kind === 'dash' ? dashItem(text.slice(start, start + length), style, fonts, log) : wordItem(text.slice(start, start + length), style, fonts, log);
      const before = breakBefore(it, opportunity);
      if (it.breakBefore !== before) (it = own(it)).breakBefore = before;
      owner.fill(items.length, start, start + length);
      items.push(it);
    });
    offset += run.text.length;
  }
  // Tracking is the same glue after every character but the last: a character's shared item has a
  // tracked twin, shared too, so that tracking costs no copy per place.
  const track = (it: Item): Item => {
    const add = it.style.tracking * it.size;
    if (!places?.shared.has(it)) {
      // The place's own item (a word, or a copy a neighbour made): tracked where it stands.
      it.glue += add;
      return it;
    }
    let twin = places.tracked.get(it);
    if (!twin) {
      twin = copyItem(it, it.style);
      twin.glue += add;
      places.tracked.set(it, twin);
      places.shared.add(twin);
    }
    return twin;
  };
  prepare(items, own, track);
  keepTogether(items, text, owner, paragraph?.keepTogether ?? [], own);
  // A tab goes with what follows it: the line may end before it, never right after it.
  for (let k = 0; k + 1 < items.length; k++) if (items[k].kind === 'fill') ((items[k] = own(items[k])).breakBefore = true), ((items[k + 1] = own(items[k + 1])).breakBefore = false);
  return items;
}

/**
 * Items shared between places: a character's item as shaped for a style stands wherever the
 * character does in the text `places` serves (a story), until something about one place changes it
 * (its break, its neighbours' spacing): then that place gets its own copy (`own` in itemize). Most
 * characters never do, so a story holds one item per character and style rather than one per place:
 * less for the garbage collector to copy on a long story. Kept per story, not across pages: a cache
 * that outlived its pages would hold their items until the next full collection.
 */
export interface SharedItems {
  byStyle: Map<ResolvedStyle, Map<number, Item>>;
  /** A shared item's twin with its style's tracking after it (every place but a paragraph's last has it). */
  tracked: Map<Item, Item>;
  shared: Set<Item>;
}
export const sharedItems = (): SharedItems => ({ byStyle: new Map(), tracked: new Map(), shared: new Set() });

const DIGIT_DASH = new Set([...'—-–'].map((c) => c.charCodeAt(0)));
const TRAILING_WORD_PUNCT = new Set([...'.,:/'].map((c) => c.charCodeAt(0)));

/**
 * The pieces of one run's text (starting at `offset` in the paragraph), given to `emit` as offset,
 * length, kind and whether UAX #14 allows a break before: dash pairs, words and numbers (runs of
 * Latin letters and digits with no break opportunity inside; a number range such as 2017—2019 stays
 * whole, trailing . , : / stand alone), and single characters.
 */
function collect(text: string, offset: number, opportunities: Uint8Array, emit: (start: number, length: number, kind: 'dash' | 'word' | 'char', opportunity: boolean) => void): void {
  // By code unit: no string per character (this runs over every character of a page).
  const n = text.length;
  const code = (i: number) => (i >= 0 && i < n ? text.charCodeAt(i) : 0);
  const digit = (i: number) => code(i) >= 0x30 && code(i) <= 0x39;
  const range = (j: number) => DIGIT_DASH.has(code(j)) && digit(j - 1) && digit(j + 1);
  for (let i = 0; i < n; ) {
    const c = code(i);
    const opportunity = opportunities[offset + i] === 1;
    // Only a dash or an ellipsis can start a pair: no two-character string for every other character.
    const dash = DASH_START_CODES.has(c) ? DASH_PAIR.exec(text.slice(i, i + 2)) : null;
    if (dash) {
      emit(offset + i, dash[0].length, 'dash', opportunity);
      i += dash[0].length;
      continue;
    }
    if (WORD[c] && !TRAILING_WORD_PUNCT.has(c)) {
      // Word characters are all in the BMP: code units are characters here.
      let j = i + 1;
      while (j < n && (WORD[code(j)] || range(j)) && (opportunities[offset + j] !== 1 || range(j) || range(j - 1))) j++;
      while (j > i + 1 && TRAILING_WORD_PUNCT.has(code(j - 1))) j--;
      emit(offset + i, j - i, 'word', opportunity);
      i = j;
      continue;
    }
    const length = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    emit(offset + i, length, 'char', opportunity);
    i += length;
  }
}

/** isWordChar per code unit below U+0250 (no word character lies above). */
const WORD = Uint8Array.from({ length: 0x250 }, (_, c) => (isWordChar(String.fromCharCode(c)) ? 1 : 0));
const DASH_START_CODES = new Set([...DASH_START].map((c) => c.charCodeAt(0)));

/**
 * May a line begin at this item? UAX #14's answer, with clreq on top: at kinsoku 'none' anywhere
 * but inside a word; a space always (the line ends before it and the space is dropped); at the
 * strict level never before …… or ——.
 */
function breakBefore(it: Item, opportunity: boolean): boolean {
  if (it.kind === 'space') return true;
  if (it.style.kinsoku === 'none') return true;
  if (it.noStart) return false;
  return opportunity;
}

/** Adjacent marks, Han–Latin spacing and tracking: what depends on an item's neighbours. */
function prepare(items: Item[], own: (it: Item) => Item, track: (it: Item) => Item): void {
  for (let k = 1; k < items.length; k++) {
    const it = items[k];
    let prev = items[k - 1];
    // Two adjacent full-width marks (。” ，“ ）、) take 1.5 em: the blank between them goes.
    if (prev.punct && it.punct && it.style.adjacentMarks === 'compress') {
      const squeeze = !prev.opening && prev.width > prev.size * 0.51 ? k - 1 : it.opening && it.width > it.size * 0.51 ? k : -1;
      if (squeeze >= 0) {
        const m = (items[squeeze] = own(items[squeeze]));
        setMark(m, 0.5 * m.size, 0.5 * m.size, m.size, 0.5 * m.size);
        prev = items[k - 1];
      }
    }
    // Han–Latin spacing may close on a tight line down to the style's least (clreq: to nothing).
    if ((it.kind === 'word' && prev.kind === 'han') || (prev.kind === 'word' && it.kind === 'han')) {
      const glue = prev.style.latinSpacing * prev.size;
      const shrink = Math.max(0, glue - prev.style.latinSpacingMin * prev.size);
      // A copy only where the spacing is not what the item has already (a style with no spacing keeps the shared item).
      if (prev.glue !== glue || prev.glueShrink !== shrink) ((prev = items[k - 1] = own(prev)).glue = glue), (prev.glueShrink = shrink);
    }
    // Tracking: extra space after every character but the line's last (it does not shrink).
    if (prev.style.tracking) items[k - 1] = track(prev);
  }
}

/** Words the style never breaks across lines (e.g. leaders' names, as Chinese newspapers require). `owner[i]` is the item of text offset i. */
function keepTogether(items: Item[], text: string, owner: Int32Array, words: readonly string[], own: (it: Item) => Item): void {
  for (const w of words) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) {
      for (let k = owner[i] + 1; k <= owner[i + w.length - 1]; k++) if (items[k].breakBefore) (items[k] = own(items[k])).breakBefore = false;
    }
  }
}

/** The face that sets `c` in this style: the style's own or a fallback (logged); if none has it, the style's face and `c` is logged missing. */
export function faceOf(c: string, style: ResolvedStyle, fonts: FontBook, log: FaceLog): FontFace {
  const found = lookFace(c, style, fonts);
  logFace(c, found, log);
  return found.face;
}

/** The face for `c` in a style, and what a page's log must hear of it: the fallback face it came from, or that no face has it. */
interface FoundFace {
  face: FontFace;
  fallback?: string;
  missing?: boolean;
  standIn?: { key: string; value: StandIn };
}

function lookFace(c: string, style: ResolvedStyle, fonts: FontBook): FoundFace {
  const face = fonts.faceFor(style.font, style.weight, c);
  if (!face) return { face: fonts.face(style.font, style.weight), missing: true };
  if (face.role === style.font) return { face };
  // A face of another role: the role's own face lacks `c`, or the role has no face at all (a stand-in, reported once).
  const standIn = fonts.standIn(style.font, style.weight);
  return { face, fallback: face.key, ...(standIn && { standIn: { key: `${style.font}-${style.weight}`, value: standIn } }) };
}

function logFace(c: string, found: FoundFace, log: FaceLog): void {
  if (found.missing) log.missing.add(c);
  if (found.fallback) {
    let set = log.fallbacks.get(found.fallback);
    if (!set) log.fallbacks.set(found.fallback, (set = new Set()));
    set.add(c);
    if (found.standIn && log.standIns) log.standIns.set(found.standIn.key, found.standIn.value);
  }
}

function base(text: string, face: FontFace, style: ResolvedStyle, width: number, kind: Item['kind']): Item {
  return {
    text,
    face,
    size: style.size,
    width,
    start: FIXED,
    end: FIXED,
    opening: false,
    punct: false,
    noStart: false,
    noEnd: false,
    breakBefore: true,
    glue: 0,
    glueShrink: 0,
    style,
    glyphs: [],
    kind,
  };
}

/**
 * A character's item depends only on the character and a few fields of its style (the shape key):
 * it is shaped once per font book, shape key and character, and copied with the style it is set in
 * (a paragraph's neighbours change only the copy's own glue, sides and break). Pages set from one
 * template share the shapes. The face lookup is replayed into each page's log, so a page still
 * reports its fallbacks and missing characters.
 */
const shaped = new WeakMap<FontBook, Map<string, Map<number, { item: Item; found: FoundFace }>>>();
const shapeKeys = new WeakMap<ResolvedStyle, string>();

/** The style fields a character's shape depends on (see shapeChar). */
function shapeKey(style: ResolvedStyle): string {
  let k = shapeKeys.get(style);
  if (k === undefined) shapeKeys.set(style, (k = [style.font, style.weight, style.size, style.kinsoku, style.quotes, style.punctuation, style.pushIn].join('|')));
  return k;
}

/**
 * The character at `start` (one or two code units) of `text`, shaped: looked up by code point, no
 * string made unless it is new. Shared (with `places`) as it breaks where it stands: one item for
 * its places with a break opportunity before them and one for those without.
 */
function charItem(text: string, start: number, length: number, style: ResolvedStyle, fonts: FontBook, log: FaceLog, places: SharedItems | undefined, opportunity: boolean): Item {
  let byKey = shaped.get(fonts);
  if (!byKey) shaped.set(fonts, (byKey = new Map()));
  const key = shapeKey(style);
  let byChar = byKey.get(key);
  if (!byChar) byKey.set(key, (byChar = new Map()));
  const cp = length === 2 ? text.codePointAt(start)! : text.charCodeAt(start);
  let s = byChar.get(cp);
  if (!s) {
    const c = String.fromCodePoint(cp);
    // A tab draws nothing: no face to find (and none to report missing).
    const found: FoundFace = c === '\t' || FIXED_SPACES[c] !== undefined ? { face: fonts.face(style.font, style.weight) } : lookFace(c, style, fonts);
    s = { item: shapeChar(c, style, found.face), found };
    byChar.set(cp, s);
  }
  if (s.found.missing || s.found.fallback) logFace(s.item.text, s.found, log);
  if (!places) return copyItem(s.item, style);
  // The character's item in this very style, shared by all its places (see SharedItems).
  let inStyle = places.byStyle.get(style);
  if (!inStyle) places.byStyle.set(style, (inStyle = new Map()));
  const before = breakBefore(s.item, opportunity);
  // Keyed by code point and break: marks that may not start a line never break before them, and
  // shared with the break they have, they need no copy of their own in each place.
  const place = cp * 2 + (before ? 1 : 0);
  let it = inStyle.get(place);
  if (!it) {
    it = copyItem(s.item, style);
    it.breakBefore = before;
    inStyle.set(place, it);
    places.shared.add(it);
  }
  return it;
}

/**
 * A shaped character's copy for one place in a paragraph, written field by field: one object of a
 * fixed shape, where a spread copy also boxed each fractional number anew (V8 keeps a double field
 * in a box of its own). Items live as long as their story is set, so their size is what the
 * garbage collector copies on a long page.
 */
const copyItem = (t: Item, style: ResolvedStyle): Item => ({
  text: t.text,
  face: t.face,
  size: t.size,
  width: t.width,
  start: t.start,
  end: t.end,
  opening: t.opening,
  punct: t.punct,
  noStart: t.noStart,
  noEnd: t.noEnd,
  breakBefore: t.breakBefore,
  glue: t.glue,
  glueShrink: t.glueShrink,
  style,
  glyphs: t.glyphs,
  kind: t.kind,
});

const FIXED_SPACES: Record<string, number> = { '\u2002': 1 / 2, '\u2003': 1, '\u2004': 1 / 3, '\u2005': 1 / 4, '\u2006': 1 / 6, '\u2007': 1 / 2, '\u2008': 1 / 4, '\u2009': 1 / 5, '\u200A': 1 / 8 };

function shapeChar(c: string, style: ResolvedStyle, face: FontFace): Item {
  const em = style.size;
  const cp = c.codePointAt(0)!;
  const glyph = face.font.glyphForCodePoint(cp);
  const adv = glyph.advanceWidth / face.font.unitsPerEm;
  if (c === ' ') return base(c, face, style, 0.5 * em, 'space');
  // Spaces of a set width (U+2002–U+200A, as the original's gaps are kept): blank, their width by Unicode's definition.
  const fixed = FIXED_SPACES[c];
  if (fixed !== undefined) return base(c, face, style, fixed * em, 'space');
  // At least an em between a line's text and what a tab pushes to its end; a tab that begins a line
  // (a signature or a byline set flush right on a line of its own) has no text to keep away from and
  // takes no room of its own: the edge gives up all of its em.
  if (c === '\t') return { ...base(c, face, style, em, 'fill'), start: { shrink: 0, stretch: 0, edge: em }, glyphs: [] };
  const halfable = isPunct(c) && adv >= 0.99;
  const it = base(c, face, style, adv * em, isHan(c) ? 'han' : halfable ? 'punct' : 'other');
  // A character no face has keeps an em of space but draws nothing (no .notdef box); it is reported as missing.
  it.glyphs = face.has(cp) ? [{ gid: glyph.id, text: c, advance: adv }] : [];
  if (!face.has(cp)) it.width = em;
  if (style.kinsoku !== 'none') {
    it.noStart = mayNotStart(c, style.kinsoku === 'strict');
    it.noEnd = mayNotEnd(c);
  }
  if (halfable) {
    it.punct = true;
    it.opening = isOpening(c);
    const half = QUOTES.has(c) ? style.quotes === 'half' : style.punctuation === 'compressed' || (style.punctuation === 'kaiming' && !KAIMING_FULL.has(c));
    // compressed: marks take ½ em and widen when a line is justified. full: marks keep their em; to
    // push a prohibited mark in, clreq compresses marks anywhere in the line (pushIn 'compress') or,
    // as some typesetters do, only the mark at the line end (pushIn 'line-end').
    const width = half ? 0.5 * em : em;
    const min = half || style.pushIn === 'compress' ? 0.5 * em : em;
    setMark(it, width, min, em, it.opening ? min : 0.5 * em);
  }
  return it;
}

/**
 * Give a mark its width and the room its blank allows: `min` inside a line, `max` when widened,
 * `minEnd` as a line's last item. The blank is on the start side of an opening mark and on the end
 * side of every other mark, so only a closing or pause mark can lose more at the line end.
 */
function setMark(it: Item, width: number, min: number, max: number, minEnd: number): void {
  it.width = width;
  const blank: Side = { shrink: width - min, stretch: max - width, edge: width - (it.opening ? min : minEnd) };
  if (it.opening) [it.start, it.end] = [blank, FIXED];
  else [it.start, it.end] = [FIXED, blank];
}

function wordItem(text: string, style: ResolvedStyle, fonts: FontBook, log: FaceLog): Item {
  const glyphs: Item['glyphs'] = [];
  let face: FontFace | null = null;
  let w = 0;
  for (const c of text) {
    const f = faceOf(c, style, fonts, log);
    face ??= f;
    // Half-width digits come from the font's own hwid forms (½ em), as a newspaper counts them.
    const { gid, advance } =
      style.digits === 'half' && HALF_WIDTH_DIGIT.test(c) ? f.featureGlyph(c, 'hwid') : style.digits === 'full' && isDigit(c) ? f.featureGlyph(c, 'fwid') : { gid: f.font.glyphForCodePoint(c.codePointAt(0)!).id, advance: f.advance(c.codePointAt(0)!) };
    // A character no face has is reported (faceOf) and not drawn (gid -1).
    // One entry per character (a word may be split where the original broke it); gid -1 draws nothing.
    glyphs.push({ gid: f.has(c.codePointAt(0)!) ? gid : -1, text: c, advance });
    w += advance;
  }
  const it = base(text, face!, style, w * style.size, 'word');
  it.glyphs = glyphs;
  if (style.kinsoku !== 'none') it.noStart = mayNotStart(text[0]);
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
