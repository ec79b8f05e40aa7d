import type { StoryParagraph } from '../assign/index.js';
import { breakLine, splitWord } from './breaking.js';
import { measureLine } from './line.js';
import type { Item } from './items.js';
import type { Note } from './types.js';

/** How a paragraph that came with the original's lines is broken (style or region field `breaks`). */
export type BreakMode = 'original' | 'reflow' | 'auto';

/**
 * The original's line breaks mapped onto a paragraph's items. A line of the original is a string of
 * characters to set in the column's measure, wherever it came from (the flat text's hard wraps or
 * a PDF's line boxes): only its characters count, spaces aside.
 */
export interface OriginalLines {
  /** The items, with a word the original broke across two lines split there. */
  items: Item[];
  /** Index after each line's last item. */
  ends: number[];
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13 || code === 0x3000 || code === 0xa0 || (code >= 0x2000 && code <= 0x200a);
/** The same characters as isSpace, for taking them out of a line at once. */
const SPACES = /[ \t\n\r\u3000\u00a0\u2000-\u200a]/g;

/**
 * Where each original line ends among the items, or undefined when the original lines do not hold
 * the paragraph's text (a correction changed it). A line end inside a word splits the word (the
 * original broke it there); inside a dash pair, which never splits, the pair stays on the earlier line.
 * Characters are compared in UTF-16 code units, spaces aside, in one pass.
 */
export function mapOriginal(items: readonly Item[], original: readonly string[]): OriginalLines | undefined {
  if (!original.length) return undefined;
  // The lines' characters without their spaces, one string per line joined once (not a string
  // grown by a character at a time: this runs over every paragraph a page sets).
  const bounds: number[] = []; // non-space code units up to each line's end
  const pieces: string[] = [];
  let length = 0;
  for (const line of original) {
    const k = line.replace(SPACES, '');
    pieces.push(k);
    bounds.push((length += k.length));
  }
  const want = pieces.join('');
  // The items themselves unless the original broke a word (the common case: no copy per paragraph).
  let out: Item[] | undefined;
  const ends: number[] = [];
  let count = 0; // items out so far
  let seen = 0; // non-space code units matched so far
  let line = 0;
  const last = original.length - 1;
  for (const it of items) {
    let rest: Item | undefined = it;
    while (rest) {
      // Match the item's characters against the original's; note where a line end falls inside it.
      const text = rest.text;
      let cut = -1;
      let n = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (isSpace(code)) continue;
        if (want.charCodeAt(seen + n) !== code) return undefined;
        n++;
        if (cut < 0 && line < last && seen + n === bounds[line] && i + 1 < text.length) cut = n;
      }
      if (cut > 0 && rest.kind === 'word') {
        const [head, tail] = splitWord(rest, cut);
        out ??= items.slice(0, count);
        out.push(head);
        seen += cut;
        rest = tail;
      } else {
        out?.push(rest);
        seen += n;
        rest = undefined;
      }
      count++;
      // Close every line whose characters are all out (a dash pair may close one past its boundary).
      while (line < last && seen >= bounds[line] && seen > 0) {
        ends.push(count);
        line++;
      }
    }
  }
  if (seen !== want.length) return undefined;
  ends.push(count);
  // Lines emptied by a dash pair that took their characters are merged away.
  const kept = ends.filter((e, i) => i === 0 || e > ends[i - 1]);
  return { items: out ?? (items as Item[]), ends: kept };
}

/** The first and last item of a line that are not spaces (a line never starts or ends with one). */
export function trimSpaces(items: readonly Item[], from: number, to: number): [number, number] {
  while (from < to && items[from].kind === 'space') from++;
  while (to > from + 1 && items[to - 1].kind === 'space') to--;
  return [from, to];
}

const EPS = 0.01;

/**
 * How much tighter than clreq's narrowest (marks at half an em) an original line may be and still be
 * kept: the original's typesetter may close up the character spacing a little (紧排) rather than push
 * a character down. Half an em over a line of 15 to 25 characters is 2–3% of the spacing, which the
 * eye does not see; a line further over was not set in this measure.
 */
export const TIGHT_EM = 0.5;

/** How an original line sits in a measure: it fits (at its narrowest, with the tight allowance), and how much room is left at its widest. */
export function lineRoom(items: readonly Item[], from: number, to: number, width: number, em: number): { fits: boolean; room: number } {
  const [a, b] = trimSpaces(items, from, to);
  if (b <= a) return { fits: true, room: 0 };
  const m = measureLine(items, a, b);
  return { fits: m.min <= width + TIGHT_EM * em + EPS, room: width - m.max };
}

export type Verdict = { holds: true; indent: boolean } | { holds: false; why: string };

/**
 * Does a measure hold a paragraph's original lines? Every line must fit at its narrowest (see
 * TIGHT_EM). A line may fall short of the measure where this measure's own breaker would also end it
 * there (a character pushed down so that a mark does not begin the next line); a measure wider than
 * the original's shows as lines the breaker would fill further. The original's typesetter decided
 * some breaks otherwise, so one such line in four (at least one) may stand, if no more than 2 em short.
 * The first line is indented by `indent` unless the original line is too long for that but fits without.
 */
export function judge(lines: OriginalLines, widthOf: (line: number) => number, indent: number, em: number, hardEnds: ReadonlySet<number> = new Set()): Verdict {
  const { items, ends } = lines;
  let short = 0;
  let indented = true;
  for (let i = 0, from = 0; i < ends.length; from = ends[i], i++) {
    let width = widthOf(i);
    if (i === 0 && indent > 0) {
      if (lineRoom(items, from, ends[0], width - indent, em).fits) width -= indent;
      else indented = false;
    }
    const { fits, room } = lineRoom(items, from, ends[i], width, em);
    if (!fits) return { holds: false, why: `line ${i + 1} is too long for the measure` };
    if (i === ends.length - 1 || hardEnds.has(ends[i]) || room < em / 2 - EPS) continue;
    const [a] = trimSpaces(items, from, ends[i]);
    if (breakLine(items, a, width) <= ends[i]) continue; // the breaker ends it there too
    if (room > 2 * em + EPS) return { holds: false, why: `line ${i + 1} is more than 2 em short of the measure` };
    short++;
  }
  const allowed = Math.max(1, Math.floor((ends.length - 1) / 4));
  if (short > allowed) return { holds: false, why: `${short} of ${ends.length - 1} lines fall short of the measure` };
  return { holds: true, indent: indented };
}

export interface Plan {
  mode: BreakMode;
  lines: OriginalLines;
  /** The first line is indented. */
  indent: boolean;
  /** Ends of lines the original ended early on purpose (a byline on a line of its own): set flush, never judged short. */
  hardEnds: Set<number>;
  /** The column width the paragraph was judged in. */
  width: number;
}

/** Keep the original's lines? Per the mode: undefined means break anew (with a note when 'auto' or 'original' had to give up). */
export function planOriginal(para: StoryParagraph, items: readonly Item[], mode: BreakMode, width: number, indent: number, em: number, notes: Note[]): Plan | undefined {
  if (mode === 'reflow' || !para.original?.length) return undefined;
  const lines = mapOriginal(items, para.original);
  if (!lines) {
    notes.push({ kind: 'reflowed', block: para.block, paragraph: para.index, detail: 'the text differs from the original lines' });
    return undefined;
  }
  const byline = bylineBreak(para, lines.items, indent);
  const hardEnds = new Set<number>(byline !== undefined && lines.ends.includes(byline) ? [byline] : []);
  // Set in the very measure the original lines stood in (read from the original page) and unchanged
  // (mapOriginal held), the lines are the original's own: kept as they are, as 'original' keeps them.
  const sameMeasure = para.measure !== undefined && Math.abs(para.measure - width) <= em / 2;
  if (mode === 'original' || sameMeasure) {
    const first = lineRoom(lines.items, 0, lines.ends[0], width - indent, em);
    // Where the source says how far the first line stood in (para.indent), it stands in as far again.
    const keepIndent = sameMeasure && para.indent !== undefined;
    return { mode: 'original', lines, indent: keepIndent || first.fits || !lineRoom(lines.items, 0, lines.ends[0], width, em).fits, hardEnds, width };
  }
  const verdict = judge(lines, () => width, indent, em, hardEnds);
  if (!verdict.holds) {
    notes.push({ kind: 'reflowed', block: para.block, paragraph: para.index, detail: verdict.why });
    return undefined;
  }
  return { mode, lines, indent: verdict.indent, hardEnds, width };
}

/** Does an original line sit in this measure: it fits, and (unless it ends its paragraph or a byline) falls at most 2 em short? */
export function holdsHere(lines: Plan, line: number, from: number, width: number, em: number): boolean {
  const to = lines.lines.ends[line];
  const { fits, room } = lineRoom(lines.lines.items, from, to, width, em);
  const open = line === lines.lines.ends.length - 1 || lines.hardEnds.has(to);
  return fits && (open || room <= 2 * em + EPS);
}

/**
 * Where a paragraph's byline ends among its items when it stood on a line (or lines) of its own in
 * the original, so that a line always ends there: the ingest says so (a line of names), or an original
 * line ends right after it and falls at least an em short of the paragraph's longest line (a line
 * that merely filled up there ended by chance, and a new measure may run the text on). `indent` is
 * the first line's indent.
 */
export function bylineBreak(para: StoryParagraph, items: readonly Item[], indent: number): number | undefined {
  if (para.runs.length < 2) return undefined;
  const end = (list: readonly Item[]) => {
    let k = 0;
    for (let seen = 0; k < list.length && seen < para.runs[0].text.length; k++) seen += list[k].text.length;
    return k;
  };
  if (para.runs[0].alone) return end(items);
  const lines = para.original && mapOriginal(items, para.original);
  if (!lines || lines.ends.length < 2) return undefined;
  const k = end(lines.items);
  const at = lines.ends.indexOf(k);
  if (at < 0 || at === lines.ends.length - 1) return undefined;
  const width = (i: number) => {
    const [a, b] = trimSpaces(lines.items, i ? lines.ends[i - 1] : 0, lines.ends[i]);
    return measureLine(lines.items, a, b).natural + (i === 0 ? indent : 0);
  };
  const em = items[0]?.size ?? 0;
  const longest = Math.max(...lines.ends.map((_, i) => (i === at ? 0 : width(i))));
  return width(at) <= longest - em ? k : undefined;
}
