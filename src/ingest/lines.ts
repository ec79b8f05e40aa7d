import { ARROWS, isHan, isPunct } from '../text/classes.js';
import { startsWithByline } from './byline.js';
import { endsSentence, lineWidth } from './paragraphs.js';

export type LineKind = 'vertical-char' | 'slogan' | 'caption-start' | 'credit' | 'byline' | 'text';

const CREDIT = /摄$/u;

/** What a single cleaned line looks like on its own, before context is considered. */
export function classifyLine(text: string): LineKind {
  // ○ stands for zero in years set vertically (二○一九). (Two characters are at most four code units: no list for longer lines.)
  if (text.length <= 4) {
    const chars = [...text];
    if (chars.length <= 2 && chars.some((c) => isHan(c) || c === '○') && !chars.some(isPunct)) return 'vertical-char';
  }
  if (text.startsWith('■') || text.startsWith('□') || text.startsWith('●')) return 'slogan';
  if (ARROWS.has(text[0]) || text.startsWith('图为')) return 'caption-start';
  if (CREDIT.test(text) && lineWidth(text) <= 30) return 'credit';
  if (startsWithByline(text)) return 'byline';
  return 'text';
}

/**
 * Could this line be a headline or subhead? It stands alone, is short, and does not end a clause.
 * The caller checks the context (isolated between blank lines, after a finished sentence).
 */
export function looksLikeHeading(text: string, maxWidth: number): boolean {
  const last = text.at(-1) ?? '';
  if ('。，、；：'.includes(last) || endsSentence(text) && last !== '！' && last !== '？') return false;
  if (/[。；]/u.test(text)) return false;
  const w = lineWidth(text.replace(/ /g, ''));
  return w >= 2 && w <= maxWidth;
}
