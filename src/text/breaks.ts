// Line-break opportunities: the Unicode Line Breaking Algorithm (UAX #14, through the `linebreak`
// package that pdfkit also uses), tailored for Chinese as W3C clreq describes. UAX #14 knows the
// classes (〖 ［ open, 〗 ］ ‼ 〜 may not begin a line, 2.2% and words stay whole); clreq adds what a
// generic algorithm cannot know: in Chinese text “ ‘ open and ” ’ close, and a few marks UAX #14
// lets begin a line must not (· ～, and at the strict level …… ——).
import LineBreaker from 'linebreak';

// UAX #14 class numbers as `linebreak` 1.x numbers them (src/classes.js): opening and closing punctuation, ideographic.
const OP = 0;
const CL = 1;
const ID = 14;

/**
 * Chinese quotation marks have a direction, which UAX #14 leaves ambiguous (class QU: no break on
 * either side). The ellipsis (class IN) may begin a line at clreq's basic level; the strict level
 * forbids it on top (see `mayNotStart`).
 */
const TAILORED = new Map<number, number>([
  [0x201c, OP], // “
  [0x2018, OP], // ‘
  [0x201d, CL], // ”
  [0x2019, CL], // ’
  [0x2026, ID], // …
  [0x22ef, ID], // ⋯
]);

class ClreqBreaker extends LineBreaker {
  protected override nextCharClass(): number {
    const tailored = TAILORED.get(this.string.charCodeAt(this.pos));
    if (tailored === undefined) return super.nextCharClass();
    this.pos++; // every tailored character is in the BMP
    return tailored;
  }
}

/** UAX #14 (tailored) over the whole of `text`: `at[i]` is 1 when a line may start at UTF-16 offset i. */
export function uax14(text: string): Uint8Array {
  const at = new Uint8Array(text.length + 1);
  const breaker = new ClreqBreaker(text);
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) at[b.position] = 1;
  at[0] = 0;
  return at;
}

/** Full-width CJK punctuation whose classes (OP, CL, CP, NS, EX, tailored quotes) decide a break from the pair alone. */
const PLAIN_MARKS = new Set([...'。，、；：？！“”‘’（）《》〈〉【】〔〕「」『』〖〗［］'].map((c) => c.charCodeAt(0)));
/** CJK ideographs (class ID) and those marks: between two of them UAX #14 looks at nothing but the pair. */
const plain = (code: number) => (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || code === 0x3007 || PLAIN_MARKS.has(code);

/**
 * Where a line may start in `text`: `at[i]` is 1 when a break is allowed before UTF-16 offset i
 * (never at 0), exactly as `uax14` says. Between two plain CJK characters the pair decides (a break
 * unless the first may not end a line or the second may not begin one, each learned from UAX #14);
 * the algorithm itself runs over each stretch of anything else with one plain character of context on
 * either side, which is all of its state that reaches across. Most of a Chinese text is plain, and this
 * is several times faster than running the algorithm over all of it (a test checks they agree).
 */
export function breakOpportunities(text: string): Uint8Array {
  const n = text.length;
  const at = new Uint8Array(n + 1);
  for (let i = 0; i < n; ) {
    const code = text.charCodeAt(i);
    if (plain(code)) {
      // By code unit (plain characters are all in the BMP): no string per character.
      const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
      if (prev >= 0 && plain(prev) && !mayNotEndCode(prev) && !mayNotStartCode(code)) at[i] = 1;
      i++;
      continue;
    }
    const s = i;
    while (i < n && !plain(text.charCodeAt(i))) i++;
    const from = Math.max(0, s - 1);
    const to = Math.min(n, i + 1);
    const w = uax14(text.slice(from, to));
    for (let p = s; p <= i && p <= n; p++) at[p] = w[p - from];
  }
  at[0] = 0;
  if (n > 0) at[n] = 1;
  return at;
}

/** Marks clreq keeps off a line start that UAX #14 lets begin one: the middle dot, the wave dash, unit signs after a number. */
const CLREQ_NO_START = new Set([...'·～%％‰℃°']);
/** Added at clreq's strict level: the ellipsis and the dash. */
const CLREQ_NO_START_STRICT = new Set([...'…⋯—⸺']);

/** Answers per BMP code point, computed once: 0 unknown, 1 no, 2 yes (typeset asks for every character). */
const noStart = new Int8Array(0x10000);
const noEnd = new Int8Array(0x10000);

/** Ideographs around a probe: a break the algorithm refuses next to one comes from the probed character's class. */
const PROBE = '中';

/**
 * CJK unified ideographs (and their extension A), all of UAX #14 class ID, which may begin and end a
 * line: most characters of a page, answered without running the algorithm for each (a cold process
 * met each new character with two runs; a test checks every one of them agrees).
 */
const ideograph = (cp: number) => (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);

function cached(table: Int8Array, c: string, compute: () => boolean): boolean {
  const cp = c.charCodeAt(0);
  if (c.length > 1) return compute(); // astral characters are rare here: no cache
  if (ideograph(cp)) return false;
  if (table[cp] === 0) table[cp] = compute() ? 2 : 1;
  return table[cp] === 2;
}

/** mayNotStart / mayNotEnd (basic level) for a BMP code unit, answered from the tables once filled. */
function mayNotStartCode(cp: number): boolean {
  if (ideograph(cp)) return false;
  return noStart[cp] ? noStart[cp] === 2 : mayNotStart(String.fromCharCode(cp));
}
function mayNotEndCode(cp: number): boolean {
  if (ideograph(cp)) return false;
  return noEnd[cp] ? noEnd[cp] === 2 : mayNotEnd(String.fromCharCode(cp));
}

/** Basic level: may `c` not begin a line? (UAX #14 classes CL, CP, EX, NS, IS… plus clreq's own.) */
export function mayNotStart(c: string, strict = false): boolean {
  if (strict && CLREQ_NO_START_STRICT.has(c)) return true;
  return cached(noStart, c, () => CLREQ_NO_START.has(c) || uax14(PROBE + c)[PROBE.length] === 0);
}

/** May `c` not end a line? (UAX #14 class OP, and the opening quotes.) */
export function mayNotEnd(c: string): boolean {
  return cached(noEnd, c, () => uax14(c + PROBE)[c.length] === 0);
}
