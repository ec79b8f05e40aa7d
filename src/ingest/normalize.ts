import { isHan, isOpening, isPunct, nominalWidth } from '../text/classes.js';
import type { Dropped, FakeBoldCollapse } from './types.js';

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
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u2060\uFEFF]/u;
const SPACE = /[ \t\u00A0\u2000-\u200A\u3000]/u;
const ALNUM = /[A-Za-z0-9]/;
const CHINESE_NUMERAL = /[〇○零一二三四五六七八九十]/u;

/**
 * Clean one extracted line: NFC, drop U+FFFD and control characters (recorded in `dropped`),
 * and remove positioning gaps. A space survives, as one space, only between two Han characters
 * (names in bylines and credits) or between two Latin letters or digits (words, numbers).
 */
export function normalizeLine(raw: string, no: number, dropped: Dropped[], corrections = false): CleanLine {
  const chars = [...raw.normalize('NFC')];
  const kept: string[] = [];
  chars.forEach((c, i) => {
    if (c === '\uFFFD') dropped.push({ text: c, line: no, column: i + 1, reason: 'replacement-character' });
    else if (c === '\uFEFF' && no === 1 && i === 0) dropped.push({ text: c, line: no, column: 1, reason: 'byte-order-mark' });
    else if (CONTROL.test(c)) dropped.push({ text: c, line: no, column: i + 1, reason: 'control-character' });
    else kept.push(SPACE.test(c) ? ' ' : c);
  });
  let out = '';
  for (let i = 0; i < kept.length; i++) {
    const c = kept[i];
    if (c !== ' ') {
      out += c;
      continue;
    }
    if (out.endsWith(' ')) continue;
    const prev = out.at(-1) ?? '';
    let j = i + 1;
    while (j < kept.length && kept[j] === ' ') j++;
    const next = kept[j] ?? '';
    const realSpace = (isHan(prev) && isHan(next)) || (ALNUM.test(prev) && ALNUM.test(next));
    if (realSpace) out += ' ';
  }
  if (corrections) out = applyCorrections(out);
  return { no, text: out, width: setWidth(kept) };
}

/** Archive corrections, off by default: ○ (white circle) used as the numeral zero → 〇. */
export function applyCorrections(text: string): string {
  const chars = [...text];
  return chars
    .map((c, i) => (c === '○' && (CHINESE_NUMERAL.test(chars[i - 1] ?? '') || CHINESE_NUMERAL.test(chars[i + 1] ?? '')) ? '〇' : c))
    .join('');
}

/**
 * Undo fake-bold overprint: a Latin/digit token whose characters all come in identical pairs
 * (22001199 → 2019). Only call this on short isolated lines (headlines, subheads): in body text
 * 2200 or 1100 can be real numbers.
 */
export function collapseFakeBold(line: CleanLine, dropped: Dropped[], collapses: FakeBoldCollapse[]): CleanLine {
  const text = line.text.replace(/[A-Za-z0-9]{4,}/g, (token, offset: number) => {
    if (token.length % 2) return token;
    for (let i = 0; i < token.length; i += 2) if (token[i] !== token[i + 1]) return token;
    let to = '';
    for (let i = 0; i < token.length; i += 2) {
      to += token[i];
      dropped.push({ text: token[i + 1], line: line.no, column: offset + i + 2, reason: 'fake-bold-duplicate' });
    }
    collapses.push({ line: line.no, from: token, to });
    return to;
  });
  return { no: line.no, text, width: line.width };
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
