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

const MARK = /[，。、；：！？]/;
const QUOTE = /[”’]/;
const DIGIT = /[0-9]/;
const LATIN = /[A-Za-z0-9]/;
const HAN = /\p{Script=Han}/u;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

export function settingFromPlaces(b: Block): Setting | undefined {
  const g = b.geometry;
  if (!g) return undefined;
  const digits: number[] = [], marks: number[] = [], quotes: number[] = [], spacing: number[] = [];
  for (const box of g.lineBoxes.flat()) {
    if (!box.xs) continue;
    const chars = [...box.text.replace(/\s+/g, '')];
    const em = box.size;
    for (let i = 0; i + 1 < chars.length; i++) {
      const room = (box.xs[i + 1] - box.xs[i]) / em;
      const c = chars[i], next = chars[i + 1];
      if (DIGIT.test(c) && DIGIT.test(next)) digits.push(room);
      else if (MARK.test(c) && HAN.test(next)) marks.push(room);
      else if (QUOTE.test(c) && HAN.test(next)) quotes.push(room);
      else if (HAN.test(c) && LATIN.test(next)) spacing.push(room - 1);
    }
  }
  const s: Setting = {};
  // Two digits side by side already say it (a number is rarely set otherwise within one block).
  if (digits.length >= 2) s.digits = median(digits) < HALF_BELOW ? 'half' : 'full';
  if (marks.length >= MIN_OBSERVATIONS) s.punctuation = median(marks) < HALF_BELOW ? 'compressed' : 'full';
  if (quotes.length >= MIN_OBSERVATIONS) s.quotes = median(quotes) < HALF_BELOW ? 'half' : 'full';
  // clreq's Han–Latin spacing is ¼ em; less than an eighth is none.
  if (spacing.length >= MIN_OBSERVATIONS) s.latinSpacing = median(spacing) > 0.125 ? 0.25 : 0;
  return Object.keys(s).length ? s : undefined;
}
