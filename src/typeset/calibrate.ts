import type { StoryParagraph } from '../assign/index.js';
import { firstFitEnds } from './breaking.js';
import type { Item } from './items.js';
import { minimumWidth } from './line.js';
import { optimalBreaks } from './optimal.js';
import { mapOriginal, TIGHT_EM, trimSpaces } from './original.js';

export type LineBreaker = 'first-fit' | 'optimal';

/** A paragraph that came with the original's lines, itemized, and the measure it stood in. */
export interface Evidence {
  para: StoryParagraph;
  items: readonly Item[];
  /** The first line's width (the indent taken off) and the others', in the breaker's units. */
  first: number;
  rest: number;
}

/** Paragraphs of this many lines or more say something about how lines were broken (a two-line one hardly does). */
const MIN_LINES = 3;

/**
 * Which breaker sets a block the way its original was set: each is run over the block's paragraphs
 * at their own measure, and the one that reproduces more of the original lines wins. Typesetters
 * differ here (Founder fills each line in turn, compressing marks to fit; Typst and TeX choose a whole
 * paragraph's breaks at once), and the original lines the text came with show which one set it.
 * Ties, and blocks with no evidence, go to first-fit: the common newspaper setting, and the cheaper.
 */
export function calibrateBreaker(evidence: readonly Evidence[]): LineBreaker {
  let greedy = 0;
  let optimal = 0;
  for (const e of evidence) {
    const want = e.para.original;
    if (!want || want.length < MIN_LINES || !standsIn(e, want)) continue;
    const lines = want.map((l) => l.replace(/\s+/g, ''));
    greedy += matches(lines, e.items, firstFitEnds(e.items, (k) => (k ? e.rest : e.first)));
    optimal += matches(lines, e.items, optimalBreaks(e.items, 0, e.items.length, e.first, e.rest, e.first < e.rest));
  }
  return optimal > greedy ? 'optimal' : 'first-fit';
}

/**
 * Could the original lines have stood in the evidence's measure? Each must fit it at its narrowest
 * (every mark compressed; the first line without its indent, which it may have been set without),
 * or be set tight by no more than a kept original line may be (TIGHT_EM). A line wider than that
 * was set in another measure (flat text whose columns the layout changed): neither breaker can
 * reproduce such lines, and running both over the paragraph would only cost time.
 */
export function standsIn(e: Evidence, want: readonly string[]): boolean {
  const lines = mapOriginal(e.items, want);
  if (!lines) return false;
  let from = 0;
  return lines.ends.every((end) => {
    const [a, b] = trimSpaces(lines.items, from, end);
    from = end;
    return b <= a || minimumWidth(lines.items, a, b) <= e.rest + TIGHT_EM * lines.items[a].size;
  });
}

/** How many of the original lines the breaks reproduce (the same characters, spaces aside). */
function matches(lines: readonly string[], items: readonly Item[], ends: readonly number[]): number {
  let n = 0;
  let start = 0;
  ends.forEach((end, k) => {
    let text = '';
    for (let i = start; i < end; i++) if (items[i].kind !== 'space') text += items[i].text;
    if (k < lines.length && text.replace(/\s+/g, '') === lines[k]) n++;
    start = end;
  });
  return n;
}
