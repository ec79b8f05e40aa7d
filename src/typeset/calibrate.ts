import type { StoryParagraph } from '../assign/index.js';
import { firstFitEnds } from './breaking.js';
import type { Item } from './items.js';
import { optimalBreaks } from './optimal.js';

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
    if (!want || want.length < MIN_LINES) continue;
    const lines = want.map((l) => l.replace(/\s+/g, ''));
    greedy += matches(lines, e.items, firstFitEnds(e.items, (k) => (k ? e.rest : e.first)));
    optimal += matches(lines, e.items, optimalBreaks(e.items, 0, e.items.length, e.first, e.rest, e.first < e.rest));
  }
  return optimal > greedy ? 'optimal' : 'first-fit';
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
