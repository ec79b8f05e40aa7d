// Character classes shared by ingest and typeset (W3C clreq, GB/T 15834-2011 §5).

const HAN = /[\p{Script=Han}〇]/u;
/** Per BMP code point: 0 not yet asked, 1 no, 2 yes (asked for every character typeset). */
const hanTable = new Int8Array(0x10000);
export const isHan = (c: string): boolean => {
  const cp = c.charCodeAt(0);
  if (c.length !== 1) return HAN.test(c);
  if (hanTable[cp] === 0) hanTable[cp] = HAN.test(c) ? 2 : 1;
  return hanTable[cp] === 2;
};

// Which marks may begin or end a line: src/text/breaks.ts (UAX #14 with clreq's tailoring).

/** Full-width punctuation whose glyph fills only half its em box (candidates for compression). */
export const OPENING = new Set([...'‘“（〔【《〈「『']);
export const CLOSING = new Set([...'’”）〕】》〉」』']);
export const PAUSE_STOP = new Set([...'。，、；：？！']);
/** The stops: full-width in the Kaiming style (开明式, clreq 3.1.6) while the other marks are half. */
export const KAIMING_FULL = new Set([...'。？！']);
export const QUOTES = new Set([...'‘’“”']);
/** Marks that close a sentence: a line ending in one of these may end a paragraph. */
export const SENTENCE_END = new Set([...'。！？…”’）」』!?']);
export const ARROWS = new Set([...'→←↑↓']);

/** The marks above as bits per BMP code unit: asked for every character of a page, a lookup beats hashing a fresh one-character string in three sets. */
const IS_OPENING = 1;
const IS_PUNCT = 2;
const MARKS = new Uint8Array(0x10000);
for (const c of OPENING) MARKS[c.charCodeAt(0)] |= IS_OPENING | IS_PUNCT;
for (const c of [...CLOSING, ...PAUSE_STOP]) MARKS[c.charCodeAt(0)] |= IS_PUNCT;

export const isOpening = (c: string) => c.length === 1 && (MARKS[c.charCodeAt(0)] & IS_OPENING) !== 0;
export const isPunct = (c: string) => c.length === 1 && (MARKS[c.charCodeAt(0)] & IS_PUNCT) !== 0;

/** Half-width characters: ASCII letters, digits and ASCII punctuation. */
export const isNarrow = (c: string): boolean => {
  const cp = c.codePointAt(0)!;
  return cp < 0x2000 && c !== '·';
};
export const isDigit = (c: string) => c >= '0' && c <= '9';
export const isLatinLetter = (c: string) => /[A-Za-z\u00C0-\u024F]/.test(c);
/** Characters that join into an unbreakable word: letters, digits, and number punctuation. */
export const isWordChar = (c: string) => /[A-Za-z0-9\u00C0-\u024F.,%'\-+/:&_@#°]/.test(c);

/** Width of a character in em as the original typesetter counted it (quotes were set half-width). */
export function nominalWidth(c: string): number {
  if (c === ' ') return 0.25;
  if (isNarrow(c)) return 0.5;
  if (QUOTES.has(c)) return 0.5;
  return 1;
}
