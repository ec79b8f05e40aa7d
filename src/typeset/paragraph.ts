import type { StoryParagraph } from '../assign/index.js';
import { breakLine, firstFitEnds, splitAtMeasure } from './breaking.js';
import type { Item } from './items.js';
import { minimumWidth } from './line.js';
import { optimalBreaks } from './optimal.js';
import type { LineBreaker } from './calibrate.js';
import { bylineBreak, holdsHere, planOriginal, type BreakMode, type Plan } from './original.js';
import type { Note } from './types.js';

const EPS = 0.01;

/** One line of a paragraph: items [from, to) of `items`, and whether it ends the paragraph (set flush) . */
export interface ParagraphLine {
  items: readonly Item[];
  from: number;
  to: number;
  last: boolean;
}

/**
 * The lines of one paragraph, one at a time, each against the measure of the column it lands in
 * (the flow over columns asks; this does not know about columns). Lines are the original's where the
 * plan keeps them, else what the breaker finds; a run with no break opportunity longer than the
 * measure is broken at it. What this decides beyond the breaks goes into `notes`.
 */
export class ParagraphLines {
  private items: Item[];
  private owned = false; // `items` is this paragraph's own copy (splitting a word never touches shared items)
  private start = 0;
  private lineNo = 0;
  /** The breaker lines are broken anew with, once asked. */
  private chosen?: LineBreaker;
  /** Lines broken ahead by the optimal breaker: their ends, the next one's index, the width it took for the lines after the first, and where it stopped. */
  private ahead?: { ends: number[]; next: number; rest: number; stop: number };

  constructor(
    private readonly para: StoryParagraph,
    items: Item[],
    private plan: Plan | undefined,
    private readonly em: number,
    private readonly notes: Note[],
    /** Where a line must end when the paragraph is broken anew: after a byline that stood on its own line. */
    private hardEnd?: number,
    /** The breaker lines are broken anew with, asked only when some are (it may take some working out). */
    private readonly breaker: () => LineBreaker = () => 'first-fit',
    /** How far (unscaled points) a line broken anew may run over its measure, closed up (see firstTightLine). */
    private readonly tight = 0,
    /** The first line that may be set tight (the lines before it are broken as they would be anyway). */
    private readonly tightLine = 0,
  ) {
    this.items = plan ? plan.lines.items : items;
  }

  /** Are the lines the original's (no reflow so far)? */
  get original(): boolean {
    return !!this.plan;
  }

  /** The number of the next line (0 for the first). */
  get line(): number {
    return this.lineNo;
  }

  /** Is the next line the paragraph's first, and indented? (The original's first line may show it was not.) */
  get indented(): boolean {
    return this.lineNo === 0 && (this.plan ? this.plan.indent : true);
  }

  /** Anything left to set? (Spaces never start a line.) */
  get done(): boolean {
    while (this.start < this.items.length && this.items[this.start].kind === 'space') this.start++;
    return this.start >= this.items.length;
  }

  /** The text not yet set. */
  rest(): string {
    return this.items
      .slice(this.start)
      .map((i) => i.text)
      .join('');
  }

  private optimal(): boolean {
    return (this.chosen ??= this.breaker()) === 'optimal';
  }

  /** The end of the line from `start` as the optimal breaker sets the rest of the paragraph (broken again when a column's width differs from what it assumed). */
  private optimalEnd(start: number, width: number, columnWidth: number, stop: number): number {
    const a = this.ahead;
    // A computation serves the lines after its first while their column keeps the width it took.
    if (a && a.stop === stop && a.next < a.ends.length && a.rest === width && a.ends[a.next - 1] <= start) return a.ends[a.next++];
    const rest = this.lineNo === 0 ? columnWidth : width;
    // An indented first line is narrower than its column.
    this.ahead = { ends: optimalBreaks(this.items, start, stop, width, rest, this.indented && width < columnWidth), next: 1, rest, stop };
    return this.ahead.ends[0];
  }

  /** The next line in a measure `width` wide (unscaled); call only when not `done`. */
  next(width: number, columnWidth: number): ParagraphLine {
    const { para, plan } = this;
    const start = this.start;
    if (plan && plan.mode === 'auto' && columnWidth !== plan.width && !holdsHere(plan, this.lineNo, start, width, this.em)) {
      // The original line does not sit in this column (another width): the rest is broken anew.
      this.notes.push({ kind: 'reflowed', block: para.block, paragraph: para.index, detail: `from line ${this.lineNo + 1}: a column of another width` });
      this.plan = undefined;
    }
    let end: number;
    if (this.plan) end = this.plan.lines.ends[this.lineNo];
    else {
      const stop = this.hardEnd !== undefined && start < this.hardEnd ? this.hardEnd : this.items.length;
      const t = this.lineNo >= this.tightLine ? this.tight : 0;
      end = this.optimal() ? this.optimalEnd(start, width + t, columnWidth + t, stop) : breakLine(this.items, start, width + t, stop);
      if (end === start + 1 && minimumWidth(this.items, start, end) > width + EPS) {
        // An unbreakable run longer than the measure (a URL, an ID): broken at the measure, reported.
        const split = splitAtMeasure(this.items[start], width);
        if (split) {
          if (!this.owned) (this.items = this.items.slice()), (this.owned = true);
          this.items.splice(start, 1, ...split);
          this.ahead = undefined;
          if (this.hardEnd !== undefined && this.hardEnd > start) this.hardEnd++;
          this.notes.push({ kind: 'broken-run', block: para.block, paragraph: para.index, detail: split[0].text });
        }
      }
    }
    this.start = end;
    this.lineNo++;
    const hard = this.plan ? this.plan.hardEnds.has(end) : end === this.hardEnd;
    return { items: this.items, from: start, to: end, last: end >= this.items.length || hard };
  }
}

/** Plans for the original lines, once per paragraph and measure: balancing flows the same paragraphs several times. */
export type PlanCache = WeakMap<StoryParagraph, { key: string; plan: Plan | undefined; notes: Note[]; byline?: number }>;

/** The lines of a paragraph set in `mode`, judged in a column `width` wide (unscaled) with `indent` for its first line. */
export function paragraphLines(para: StoryParagraph, items: Item[], mode: BreakMode, width: number, indent: number, em: number, notes: Note[], plans?: PlanCache, breaker?: () => LineBreaker, tight = 0): ParagraphLines {
  const key = `${mode} ${width} ${indent}`;
  let c = plans?.get(para);
  if (!c || c.key !== key) {
    const own: Note[] = [];
    const plan = planOriginal(para, items, mode, width, indent, em, own);
    c = { key, plan, notes: own, ...(!plan && { byline: bylineBreak(para, items, indent) }) };
    plans?.set(para, c);
  }
  notes.push(...c.notes);
  const from = tight && !c.plan ? firstTightLine(items, width - indent, width, tight, breaker?.() ?? 'first-fit', c.byline) : undefined;
  if (from === undefined) return new ParagraphLines(para, items, c.plan, em, notes, c.byline, breaker);
  notes.push({ kind: 'tight', block: para.block, paragraph: para.index, detail: `set tight from line ${from + 1}, up to ${(tight / em).toFixed(2)} em over a line, to save a line` });
  return new ParagraphLines(para, items, c.plan, em, notes, c.byline, breaker, tight, from);
}

/**
 * Does setting a paragraph tight save it a line, and from which line on? Its lines are counted at
 * the measure it starts in (the first line `first` wide, the rest `rest`). A compositor closes up the
 * fewest lines that take the last line's characters back: first fit sets its lines as ever up to the
 * latest line from which on, set tight, the paragraph is a line shorter. The optimal breaker chooses
 * a paragraph's breaks together, so it sets the whole paragraph tight or none of it. Undefined when
 * nothing saves a line (a paragraph is not closed up for nothing).
 */
function firstTightLine(items: readonly Item[], first: number, rest: number, tight: number, breaker: LineBreaker, hardEnd?: number): number | undefined {
  const segments = hardEnd !== undefined && hardEnd > 0 && hardEnd < items.length ? [[0, hardEnd], [hardEnd, items.length]] : [[0, items.length]];
  // Lines counted with the allowance from line `from` on (Infinity: nowhere).
  const count = (from: number) => {
    let n = 0;
    for (const [a, stop] of segments) {
      if (breaker === 'optimal') {
        const extra = from < Infinity ? tight : 0;
        n += optimalBreaks(items, a, stop, (a ? rest : first) + extra, rest + extra, a === 0 && first < rest).length;
        continue;
      }
      const before = n; // lines of the segments before this one
      n += firstFitEnds(items, (k) => (before + k ? rest : first) + (before + k >= from ? tight : 0), a, stop).length;
    }
    return n;
  };
  const lines = count(Infinity);
  if (breaker === 'optimal') return count(0) < lines ? 0 : undefined;
  for (let from = lines - 1; from >= 0; from--) if (count(from) < lines) return from;
  return undefined;
}
