import { isHan, isOpening, isPunct, nominalWidth, QUOTES } from '../text/classes.js';
import type { Correction, Dropped, FakeBoldCollapse } from './types.js';

export interface CleanLine {
  /** 1-based line number in the source. */
  no: number;
  text: string;
  /**
   * Width in em as the original typesetter set the line, read from the extraction's gaps: a
   * punctuation mark followed (or, if opening, preceded) by a gap was set full-width, one without
   * a gap was compressed to half; Han is 1, digits and Latin are 1/2.
   */
  width: number;
  /** What the extraction's gaps show about how the line was set (see GapCounts); absent where no gaps were read. */
  gaps?: GapCounts;
}

/**
 * Inside a line: full-width marks (quotes apart) with a character after them (before them, if
 * opening), and how many of those stood apart by a positioning gap; the same for quotes; and places
 * where Han meets a digit or Latin letter, and how many of those had a gap. A mark set full leaves
 * its blank as a gap; one set half only shows one where the justifier widened it.
 */
export interface GapCounts {
  marks: number;
  marksGapped: number;
  quotes: number;
  quotesGapped: number;
  latin: number;
  latinGapped: number;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u2060\uFEFF]/u;
const SPACE = /[ \t\u00A0\u2000-\u200A\u3000]/u;
/** Characters that only position text: spaces, tabs and line ends. Everything else is accounted for. */
export const isLayoutSpace = (c: string): boolean => SPACE.test(c) || c === '\n' || c === '\r';
const ALNUM = /[A-Za-z0-9]/;
const CHINESE_NUMERAL = /[〇○零一二三四五六七八九十]/u;

/**
 * Clean one extracted line: NFC, drop U+FFFD and control characters (recorded in `dropped`),
 * and remove positioning gaps. A space survives, as one space, only between two Han characters
 * (names in bylines and credits) or between two Latin letters or digits (words, numbers).
 */
export function normalizeLine(raw: string, no: number, dropped: Dropped[], corrections = false, corrected: Correction[] = []): CleanLine {
  const chars = [...raw.normalize('NFC')];
  const kept: string[] = [];
  chars.forEach((c, i) => {
    if (c === '\uFFFD') dropped.push({ text: c, line: no, column: i + 1, reason: 'replacement-character' });
    else if (c === '\uFEFF' && no === 1 && i === 0) dropped.push({ text: c, line: no, column: 1, reason: 'byte-order-mark' });
    else if (CONTROL.test(c)) dropped.push({ text: c, line: no, column: i + 1, reason: 'control-character' });
    else kept.push(SPACE.test(c) ? ' ' : c);
  });
  // Most lines of Chinese text hold no space: they are the kept characters as they are.
  let out = kept.includes(' ') ? withRealSpaces(kept) : kept.join('');
  if (corrections) out = applyCorrections(out, no, corrected);
  return { no, text: out, width: setWidth(kept), gaps: countGaps(kept) };
}

/** The characters with each run of spaces kept as one space where it is a real one (see normalizeLine), else dropped. */
function withRealSpaces(kept: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < kept.length; i++) {
    const c = kept[i];
    if (c !== ' ') {
      parts.push(c);
      continue;
    }
    const prev = parts.at(-1) ?? '';
    if (prev === ' ') continue;
    let j = i + 1;
    while (j < kept.length && kept[j] === ' ') j++;
    const next = kept[j] ?? '';
    const realSpace = (isHan(prev) && isHan(next)) || (ALNUM.test(prev) && ALNUM.test(next));
    if (realSpace) parts.push(' ');
  }
  return parts.join('');
}

function countGaps(chars: readonly string[]): GapCounts {
  const g: GapCounts = { marks: 0, marksGapped: 0, quotes: 0, quotesGapped: 0, latin: 0, latinGapped: 0 };
  const count = (mark: string, gapped: boolean) => {
    if (QUOTES.has(mark)) (g.quotes++, gapped && g.quotesGapped++);
    else (g.marks++, gapped && g.marksGapped++);
  };
  // Each character with its neighbour before it across any gap, and whether a gap stood between.
  let a = '';
  let gap = false;
  for (const b of chars) {
    if (b === ' ') {
      gap = a !== '';
      continue;
    }
    if (a) {
      // A closing or pause mark's blank follows it; an opening mark's precedes it.
      if (isPunct(a) && !isOpening(a)) count(a, gap);
      if (isOpening(b)) count(b, gap);
      if ((isHan(a) && ALNUM.test(b)) || (ALNUM.test(a) && isHan(b))) (g.latin++, gap && g.latinGapped++);
    }
    a = b;
    gap = false;
  }
  return g;
}

/**
 * Archive corrections, off by default: ○ (white circle) used as the numeral zero next to another
 * Chinese numeral → 〇. Each change is recorded (column counts characters of the cleaned line).
 */
export function applyCorrections(text: string, no = 0, corrected: Correction[] = []): string {
  const chars = [...text];
  return chars
    .map((c, i) => {
      if (c !== '○' || !(CHINESE_NUMERAL.test(chars[i - 1] ?? '') || CHINESE_NUMERAL.test(chars[i + 1] ?? ''))) return c;
      corrected.push({ line: no, column: i + 1, from: c, to: '〇' });
      return '〇';
    })
    .join('');
}

const TOKEN = /[A-Za-z0-9]{4,}/g;

function isDoubled(token: string): boolean {
  if (token.length % 2) return false;
  for (let i = 0; i < token.length; i += 2) if (token[i] !== token[i + 1]) return false;
  return true;
}

/**
 * The text with only the unmistakable fake-bold tokens undone (six characters or more, such as
 * 22001199): used to measure whether a line is short enough to be a heading. Four-character ones
 * (2200, 1100) are left alone here because they are just as likely real numbers.
 */
export function withoutLongFakeBold(text: string): string {
  return text.replace(TOKEN, (t) => (t.length >= 6 && isDoubled(t) ? t.replace(/(.)./g, '$1') : t));
}

/**
 * Undo fake-bold overprint: a Latin/digit token whose characters all come in identical pairs
 * (22001199 → 2019). Segmentation calls this only on lines it has taken as headings: in body text
 * 2200 or 1100 can be real numbers. Every collapse is recorded, every removed character dropped.
 */
export function collapseFakeBold(line: CleanLine, dropped: Dropped[], collapses: FakeBoldCollapse[]): CleanLine {
  const text = line.text.replace(TOKEN, (token, offset: number) => {
    if (!isDoubled(token)) return token;
    let to = '';
    for (let i = 0; i < token.length; i += 2) {
      to += token[i];
      dropped.push({ text: token[i + 1], line: line.no, column: offset + i + 2, reason: 'fake-bold-duplicate' });
    }
    collapses.push({ line: line.no, from: token, to });
    return to;
  });
  // Each removed duplicate was a digit or letter, half an em wide.
  return text === line.text ? line : { no: line.no, text, width: line.width - (line.text.length - text.length) / 2 };
}

function setWidth(chars: readonly string[]): number {
  let w = 0;
  chars.forEach((c, i) => {
    if (c === ' ') return;
    if (isPunct(c)) {
      const gap = isOpening(c) ? chars[i - 1] === ' ' : chars[i + 1] === ' ';
      w += gap ? 1 : 0.5;
    } else w += nominalWidth(c) === 0.5 && !isPunct(c) && c.codePointAt(0)! < 0x2000 ? 0.5 : 1;
  });
  return w;
}
