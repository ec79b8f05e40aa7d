import type { Setting } from '../ingest/index.js';
import type { ResolvedStyle } from '../model/index.js';

/** What a paragraph's style takes from its text's setting and its region: style fields, by name. */
export type Settled = Partial<Pick<ResolvedStyle, 'punctuation' | 'quotes' | 'adjacentMarks' | 'pushIn' | 'digits' | 'latinSpacing' | 'latinSpacingMin' | 'tracking'>>;

/**
 * The style fields a block's setting (what its text shows) stands for. Marks set full-width are
 * set so throughout: two in a row keep their 2 em, and a line holds a pushed-in mark by compressing
 * only the mark at its end.
 */
export function settingFields(setting: Setting | undefined): Settled {
  const out: Settled = {};
  if (!setting) return out;
  if (setting.punctuation) {
    out.punctuation = setting.punctuation;
    if (setting.punctuation === 'full') [out.adjacentMarks, out.pushIn] = ['keep', 'line-end'];
    // What the page's glyph positions showed outweighs what full marks usually imply.
    if (setting.adjacentMarks) out.adjacentMarks = setting.adjacentMarks;
    if (setting.pushIn) out.pushIn = setting.pushIn;
  }
  if (setting.quotes) out.quotes = setting.quotes;
  if (setting.digits) out.digits = setting.digits;
  if (setting.latinSpacing !== undefined) out.latinSpacing = setting.latinSpacing;
  if (setting.latinSpacingMin !== undefined) out.latinSpacingMin = setting.latinSpacingMin;
  return out;
}

const NO_SETTING = {};
const fieldsCache = new WeakMap<Setting, Map<number, Settled>>();

/**
 * The style fields a block's setting and a region's tracking stand for: one object per setting and
 * tracking, for as long as the setting lives, so that styles settled with it are shared by every
 * paragraph, every balancing attempt and every page set from the same text.
 */
export function fieldsOf(setting: Setting | undefined, tracking: number): Settled {
  const key = setting ?? NO_SETTING;
  let byTracking = fieldsCache.get(key);
  if (!byTracking) fieldsCache.set(key, (byTracking = new Map()));
  let f = byTracking.get(tracking);
  if (!f) byTracking.set(tracking, (f = { ...settingFields(setting), ...(tracking ? { tracking } : {}) }));
  return f;
}

/** Fields implied by `punctuation`: taken from the setting only along with it. */
const IMPLIED_BY_PUNCTUATION = new Set(['adjacentMarks', 'pushIn']);

const settled = new WeakMap<ResolvedStyle, WeakMap<Settled, ResolvedStyle>>();

/**
 * A style with the fields the layout did not write taken from `fields` (a style field written in the
 * layout always wins). Cached per style and fields object, so a story's paragraphs share one.
 */
export function settle(style: ResolvedStyle, fields: Settled): ResolvedStyle {
  let byFields = settled.get(style);
  if (!byFields) settled.set(style, (byFields = new WeakMap()));
  let s = byFields.get(fields);
  if (!s) {
    s = { ...style };
    for (const [k, v] of Object.entries(fields)) {
      if (style.written.has(k)) continue;
      if (IMPLIED_BY_PUNCTUATION.has(k) && style.written.has('punctuation')) continue;
      (s as unknown as Record<string, unknown>)[k] = v;
    }
    byFields.set(fields, s);
  }
  return s;
}

/** A line length read from the text this close to a whole number of half ems is that number. */
const SNAP_EM = 0.05;

/**
 * Tracking that makes `lineLength` characters of `size` fill a column `width` wide. With a line length
 * the layout gave along with the region's width, the tracking follows whatever it is (within sense:
 * from −¼ em, characters overlapping, to 1 em). With one only read from the text, the column is taken
 * as that measure when it is within a character of it: up to ½ em narrower (a column measured or
 * rounded a hair short: the characters close up to fit), or ½ to 1 em wider (tracked). Less than ½ em
 * wider is the slack of measuring a column by its glyphs' boxes: the lines are justified into it, and
 * tracking there would only keep a line with half-width marks (more characters, more gaps) from
 * fitting the measure it filled. A column further off is a layout of another size: nothing to track.
 */
export function trackingFor(width: number, lineLength: number | undefined, size: number, given: boolean): number {
  if (!lineLength || lineLength < 2 || size <= 0) return 0;
  // A line of full-width characters and half-width marks is a whole number of half ems: a length read
  // from the text within a few hundredths of one is that one (the rest is rounding in the positions).
  const snapped = Math.round(lineLength * 2) / 2;
  if (!given && Math.abs(snapped - lineLength) <= SNAP_EM) lineLength = snapped;
  const over = width / size - lineLength;
  const t = over / (lineLength - 1);
  if (given) return t >= -0.25 && t <= 1 ? t : 0;
  return (over >= -0.5 && over < 0) || (over >= 0.5 && over < 1) ? t : 0;
}
