import { isOpening, isPunct, KAIMING_FULL, PAUSE_STOP } from '../../text/classes.js';
import type { Setting } from '../setting.js';
import type { Block } from '../types.js';

/**
 * How a block read from the original page was set, from where its characters stood (each character's
 * origin, LineBox.xs): a digit, a mark or a quote takes the room from its origin to the next
 * character's; a Han character followed by a digit or letter shows the Han–Latin spacing. The
 * flat-text path has to infer this from line widths; the page shows it directly.
 *
 * Justification widens the room after marks (that is where a justifier puts slack first), so the
 * median over the block decides, and each verdict needs a few observations.
 */
const MIN_OBSERVATIONS = 3;
/** Between half an em and a full em: below this a digit, mark or quote was set half-width. */
const HALF_BELOW = 0.75;
/**
 * A full mark inside a line narrower than this gave up part of its blank to fit the line: a tenth of
 * an em, more than measurement or a tight line's close-up (characters at about 0.94 em) takes.
 */
const COMPRESSED_BELOW = 0.9;
/**
 * Half-width digit forms are exactly ½ em; digits further off than this are the face's own
 * proportional figures (a CJK face's run about 0.55 em), and set as such they keep the line's count.
 */
const HALF_FORM = 0.03;

/** A mark, quote or bracket that may stand right before another one: the first of an adjacent pair (any mark may follow it). */
const pairFirst = (c: string) => isPunct(c) && !isOpening(c);
const QUOTE = /[”’]/;
const DIGIT = /[0-9]/;
const LATIN = /[A-Za-z0-9]/;
const HAN = /\p{Script=Han}/u;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

export function settingFromPlaces(b: Block): Setting | undefined {
  const g = b.geometry;
  if (!g) return undefined;
  const digits: number[] = [], pauses: number[] = [], ends: number[] = [], quotes: number[] = [], spacing: number[] = [], pairs: number[] = [];
  for (const box of g.lineBoxes.flat()) {
    if (!box.xs) continue;
    const chars = [...box.text.replace(/\s+/g, '')];
    const em = box.size;
    for (let i = 0; i + 1 < chars.length; i++) {
      const room = (box.xs[i + 1] - box.xs[i]) / em;
      const c = chars[i], next = chars[i + 1];
      if (DIGIT.test(c) && DIGIT.test(next)) digits.push(room);
      else if (PAUSE_STOP.has(c) && HAN.test(next)) (KAIMING_FULL.has(c) ? ends : pauses).push(room);
      else if (pairFirst(c) && isPunct(next)) pairs.push(room);
      else if (QUOTE.test(c) && HAN.test(next)) quotes.push(room);
      else if (HAN.test(c) && LATIN.test(next)) spacing.push(room - 1);
    }
  }
  const s: Setting = {};
  // Two digits side by side already say it (a number is rarely set otherwise within one block).
  if (digits.length >= 2) {
    const m = median(digits);
    s.digits = m >= HALF_BELOW ? 'full' : Math.abs(m - 0.5) <= HALF_FORM ? 'half' : 'proportional';
  }
  const marks = [...pauses, ...ends];
  if (marks.length >= MIN_OBSERVATIONS) {
    s.punctuation = median(marks) < HALF_BELOW ? 'compressed' : 'full';
    // Kaiming (开明式): the pauses half, the sentence ends full (clreq 3.1.6).
    if (pauses.length >= MIN_OBSERVATIONS && ends.length >= MIN_OBSERVATIONS && median(pauses) < HALF_BELOW && median(ends) >= HALF_BELOW) s.punctuation = 'kaiming';
    // Marks set full that a line compressed to fit it show up narrower inside the line (half, or part
    // of the way when a justifier shares the squeeze out); a typesetter that compresses only the mark
    // at the line end never leaves one narrower there.
    const full = s.punctuation === 'full' ? marks : s.punctuation === 'kaiming' ? ends : [];
    if (full.length >= MIN_OBSERVATIONS) s.pushIn = full.some((r) => r < COMPRESSED_BELOW) ? 'compress' : 'line-end';
  }
  // Two marks side by side (”。 ，“): the first gives up its blank, or both keep their em.
  if (pairs.length >= MIN_OBSERVATIONS) s.adjacentMarks = median(pairs) < HALF_BELOW ? 'compress' : 'keep';
  if (quotes.length >= MIN_OBSERVATIONS) s.quotes = median(quotes) < HALF_BELOW ? 'half' : 'full';
  // clreq's Han–Latin spacing is ¼ em; less than an eighth is none.
  if (spacing.length >= MIN_OBSERVATIONS) {
    s.latinSpacing = median(spacing) > 0.125 ? 0.25 : 0;
    // How far a tight line closed it: some typesetters never do, Typst down to ⅛ em, clreq to nothing.
    if (s.latinSpacing) s.latinSpacingMin = Math.max(0, Math.min(0.25, Math.floor(Math.min(...spacing) * 100) / 100));
  }
  return Object.keys(s).length ? s : undefined;
}
