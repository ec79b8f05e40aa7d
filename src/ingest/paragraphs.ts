import { isNarrow, nominalWidth, SENTENCE_END } from '../text/classes.js';
import type { CleanLine } from './normalize.js';

/** Width of a line in em as the original typesetter counted it (digits, Latin and quotes half). */
export function lineWidth(text: string): number {
  let w = 0;
  for (const c of text) w += nominalWidth(c);
  return w;
}

/**
 * The widest the original could have set a line: every mark at a full em (its gap may have been lost
 * in extraction), digits and Latin at half. A line is short for certain only if even this falls short.
 */
export function widestWidth(text: string): number {
  let w = 0;
  for (const c of text) w += c === ' ' ? 0 : isNarrow(c) ? 0.5 : 1;
  return w;
}

/**
 * The most common line width in whole em (ties go to the longer), kept up to date line by line so
 * that segmentation can ask for the open block's line length after every line in constant time.
 */
export class LineLengthTally {
  private readonly counts = new Map<number, number>();
  private bestCount = 0;
  value = 0;

  add(line: CleanLine): void {
    const w = Math.round(line.width);
    if (w <= 0) return;
    const n = (this.counts.get(w) ?? 0) + 1;
    this.counts.set(w, n);
    // Counts only grow, so the mode can only move to the width just counted.
    if (n > this.bestCount || (n === this.bestCount && w > this.value)) [this.value, this.bestCount] = [w, n];
  }
}

/** The block's line length: the most common line width in whole em (ties go to the longer). */
export function inferLineLength(lines: readonly CleanLine[]): number {
  const tally = new LineLengthTally();
  for (const l of lines) tally.add(l);
  return tally.value;
}

export const endsSentence = (text: string): boolean => SENTENCE_END.has(text.trim().at(-1) ?? '');

/** Ends a sentence for certain: a full stop, or a closing quote or bracket right after one (…。” but not “放管服”). */
export const endsSentenceSurely = (text: string): boolean => /[。！？!?…](?:[”’）」』)]*)$/u.test(text.trim());

/**
 * A paragraph ends at a line that is short (at least one em under the line length, even with every
 * mark counted full: a full line whose marks show no gap is still full) and ends a sentence. A short
 * line in mid-sentence is a frame break, and the paragraph goes on.
 */
export function endsParagraph(line: CleanLine, lineLength: number): boolean {
  return endsSentence(line.text) && widestWidth(line.text) <= lineLength - 1;
}

/**
 * A full line that ends a sentence also ends the paragraph when the next line is the indented
 * first line of another: short, not itself the end of a sentence, and not cut short by a frame
 * break (the line after it follows without a blank).
 */
function nextLineIsIndented(lines: readonly CleanLine[], i: number, lineLength: number): boolean {
  const [line, next, after] = [lines[i], lines[i + 1], lines[i + 2]];
  return !!next && !!after && endsSentenceSurely(line.text) && next.width <= lineLength - 1.5 && !endsSentence(next.text) && after.no === next.no + 1;
}

/** Split a block's lines into paragraphs, keeping each paragraph's lines. */
export function splitParagraphs(lines: readonly CleanLine[], lineLength: number): CleanLine[][] {
  const paragraphs: CleanLine[][] = [];
  let current: CleanLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // An indented first line that is full and ends a sentence, with a full line after it, is not a
    // paragraph of one line: a new paragraph would start indented.
    const fullFirstLine = current.length === 0 && line.width >= lineLength - 2.5 && (lines[i + 1]?.width ?? 0) > lineLength - 1.5;
    current.push(line);
    if ((endsParagraph(line, lineLength) && !fullFirstLine) || nextLineIsIndented(lines, i, lineLength)) {
      paragraphs.push(current);
      current = [];
    }
  }
  if (current.length) paragraphs.push(current);
  return paragraphs;
}

/**
 * Join hard-wrapped lines as they are (real spaces between names kept): no space at a join, except
 * where a line ends and the next begins with a Latin letter, which is where a line broke between two words.
 */
export function joinWrapped(lines: readonly string[]): string {
  let out = lines[0] ?? '';
  for (let k = 1; k < lines.length; k++) out += (/[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(lines[k]) ? ' ' : '') + lines[k];
  return out;
}

/** Join hard-wrapped lines into body text: spaces between Han characters are gaps there. */
export function joinLines(lines: readonly string[]): string {
  return stripBodySpaces(joinWrapped(lines));
}

/** In body text only spaces between Latin letters or digits are real. */
export function stripBodySpaces(text: string): string {
  return text.replace(/ /g, (_m, i: number, s: string) => (/[A-Za-z0-9]/.test(s[i - 1] ?? '') && /[A-Za-z0-9]/.test(s[i + 1] ?? '') ? ' ' : ''));
}
