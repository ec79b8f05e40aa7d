import type { FontBook } from '../fonts/fontbook.js';
import type { Box, ResolvedStyle } from '../model/index.js';
import type { StoryParagraph } from '../assign/index.js';
import { breakLine } from './breaking.js';
import { itemize, type Item } from './items.js';
import { justifyLine } from './justify.js';
import { fitScale, measureLine, minimumWidth, naturalWidth } from './line.js';
import { judge, lineRoom, mapOriginal, splitAtMeasure, TIGHT_EM, type OriginalLines } from './paragraph.js';
import { placeItem } from './place.js';
import { fieldsOf, settle } from './setting.js';
import type { ColumnFill, FaceLog, Note, Overflow, PlacedGlyph, SetLine } from './types.js';

/** Where the baseline sits below the top of the em box (CJK ideographic em box: 0.88 above, 0.12 below). */
export const BASELINE = 0.88;

export interface FlowContext {
  region: string;
  styles: Record<string, ResolvedStyle>;
  fonts: FontBook;
  /** Missing characters and fallbacks of this page. */
  log: FaceLog;
  /**
   * Paragraphs already itemized in this context: balancing flows the same paragraphs several times
   * into shorter columns, and items depend only on the text and styles (nothing downstream changes them).
   */
  itemized?: WeakMap<StoryParagraph, Item[]>;
  /** The region's `breaks`, over the paragraph style's. */
  breaks?: BreakMode;
  /** Tracking that makes the text's lines fill the region's columns (see trackingFor), for styles that do not write one. */
  tracking?: number;
  /** Each paragraph's plan for its original lines, by mode and measure (see cachedPlan). */
  plans?: WeakMap<StoryParagraph, { key: string; plan: Plan | undefined; notes: Note[] }>;
}

/**
 * The style a paragraph is set in: its style, with what its text shows about how it was set (and the
 * region's tracking) for every field the layout did not write.
 */
export function paragraphStyle(para: StoryParagraph, ctx: FlowContext): ResolvedStyle {
  const base = ctx.styles[para.style] ?? ctx.styles.body;
  if (para.role !== 'body' || (!para.setting && !ctx.tracking)) return base;
  return settle(base, fieldsOf(para.setting, ctx.tracking ?? 0));
}

/** The style whose size and leading make the line grid of a text: its first body paragraph's. */
export function lineGrid(paragraphs: readonly StoryParagraph[], styles: Record<string, ResolvedStyle>): ResolvedStyle {
  return styles[paragraphs.find((p) => p.role === 'body')?.style ?? 'body'] ?? styles.body;
}

/** How a paragraph that came with the original's lines is broken (style or region field `breaks`). */
export type BreakMode = 'original' | 'reflow' | 'auto';

const EPS = 0.01;

/**
 * Flow paragraphs through columns in order. Lines break against the width of the column they land
 * in. Body lines sit on the body style's line grid so that baselines align across columns; subheads
 * take a whole number of body lines. Whatever does not fit is returned as overflow, never dropped.
 *
 * A paragraph that has the original's lines keeps them as its `breaks` mode says: 'original' sets
 * each original line as one line; 'auto' does so when the measure holds them (see `judge`) and
 * reflows the paragraph otherwise, with a note saying why; 'reflow' breaks anew.
 */
export function flowParagraphs(paragraphs: readonly StoryParagraph[], columns: readonly Box[], ctx: FlowContext, options: { measureOnly?: boolean } = {}): Flowed {
  // measureOnly: break lines and fill columns, but justify and place no glyphs (lines stays empty).
  const set = !options.measureOnly;
  const lines: SetLine[] = [];
  const fills: ColumnFill[] = columns.map((box) => ({ box, linesUsed: 0, linesAvailable: 0 }));
  const overflow: Overflow[] = [];
  const notes: Note[] = [];
  const grid = lineGrid(paragraphs, ctx.styles);
  for (const f of fills) f.linesAvailable = Math.max(0, Math.floor((f.box.height - grid.size) / grid.leading + 1e-6) + 1);

  let col = 0;
  let cursor = columns[0]?.y ?? 0; // top of the next line's em box
  const fitsHeight = (height: number) => col < columns.length && cursor + height <= columns[col].y + columns[col].height + 0.01;
  const nextColumn = () => {
    col++;
    if (col < columns.length) cursor = columns[col].y;
  };

  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p];
    const style = paragraphStyle(para, ctx);
    let items = ctx.itemized?.get(para);
    if (!items) {
      items = itemize(para.runs, ctx.styles, ctx.fonts, ctx.log, style);
      ctx.itemized?.set(para, items);
    }
    if (!items.length) continue;
    if (para.role === 'subhead') {
      // A subhead takes whole body lines and keeps with the next line. One too wide for its column is
      // condensed a little or set on more lines, and reported: never drawn over the next column.
      const heading = headingLines(items, columns[col]?.width ?? 0, style);
      const slots = Math.max(1, Math.ceil((style.spaceBefore + heading.ranges.length * style.leading + style.spaceAfter) / grid.leading - 1e-6));
      const height = slots * grid.leading;
      if (cursor > (columns[col]?.y ?? 0) && !fitsHeight(height + grid.size)) nextColumn();
      if (!fitsHeight(grid.size)) {
        overflow.push({ block: para.block, paragraph: para.index, text: para.runs.map((r) => r.text).join('') });
        continue;
      }
      const box = columns[col];
      const middle = cursor + (height - grid.leading) / 2 + BASELINE * grid.size + (grid.size - style.size) / 2;
      const n = heading.ranges.length;
      if (heading.scaleX < 1) notes.push({ kind: 'condensed', block: para.block, paragraph: para.index, detail: `subhead too wide for its column, set at ${Math.round(heading.scaleX * 100)}%` });
      if (n > 1) notes.push({ kind: 'wrapped', block: para.block, paragraph: para.index, detail: `subhead too wide for its column, set on ${n} lines` });
      if (set) heading.ranges.forEach(([from, to], k) => lines.push(setOneLine(items, from, to, box, middle + (k - (n - 1) / 2) * style.leading, style, true, para, k, ctx.region, col, heading.scaleX)));
      fills[col].linesUsed += slots;
      cursor += height;
      continue;
    }
    if (style.fit !== 'none' && para.role === 'body') {
      // A paragraph in a heading style (a text region's headline): one line, fitted to the column as its `fit` says.
      while (col < columns.length && !fitsHeight(style.size)) nextColumn();
      if (col >= columns.length) {
        overflow.push({ block: para.block, paragraph: para.index, text: para.runs.map((r) => r.text).join('') });
        continue;
      }
      const box = columns[col];
      const { scaleX } = fitScale(items, box.width, style);
      const align = style.fit === 'spread' ? 'spread' : style.align;
      if (set) lines.push(setOneLine(items, 0, items.length, box, cursor + BASELINE * style.size, { ...style, align }, align !== 'spread', para, 0, ctx.region, col, scaleX));
      fills[col].linesUsed++;
      cursor += style.leading + style.spaceAfter;
      continue;
    }
    while (col < columns.length && !fitsHeight(style.size)) nextColumn();
    // A style's horizontal scale: lines break against the measure in unscaled units and are set scaled.
    const scaleX = style.scale / 100;
    const indentWidth = (style.indent * style.size) * scaleX;
    const mode: BreakMode = ctx.breaks ?? style.breaks;
    let plan = col < columns.length ? cachedPlan(para, items, mode, columns[col].width / scaleX, indentWidth / scaleX, style.size, notes, ctx) : undefined;
    let work: Item[] = plan ? plan.lines.items : items;
    let owned = false; // `work` is this flow's own copy (splitting a word never touches shared items)
    let start = 0;
    let lineNo = 0;
    while (start < work.length) {
      while (col < columns.length && !fitsHeight(style.size)) nextColumn();
      if (col >= columns.length) {
        overflow.push({ block: para.block, paragraph: para.index, text: work.slice(start).map((i) => i.text).join('') });
        for (const rest of paragraphs.slice(p + 1)) overflow.push({ block: rest.block, paragraph: rest.index, text: rest.runs.map((r) => r.text).join('') });
        return { lines, fills, overflow, notes };
      }
      const box = columns[col];
      const indent = lineNo === 0 && (plan ? plan.indent : true) ? indentWidth : 0;
      const measure = { ...box, x: box.x + indent, width: box.width - indent };
      // Leading spaces never start a line.
      while (start < work.length && work[start].kind === 'space') start++;
      if (start >= work.length) break;
      let end: number;
      const width = measure.width / scaleX;
      if (plan && plan.mode === 'auto' && box.width / scaleX !== plan.width && !holdsHere(work, start, plan.lines.ends[lineNo], width, style.size)) {
        // The original line does not sit in this column (another width): the rest is broken anew.
        notes.push({ kind: 'reflowed', block: para.block, paragraph: para.index, detail: `from line ${lineNo + 1}: a column of another width` });
        plan = undefined;
      }
      if (plan) end = plan.lines.ends[lineNo];
      else {
        end = breakLine(work, start, width);
        if (end === start + 1 && minimumWidth(work, start, end) > width + EPS) {
          // An unbreakable run longer than the measure (a URL, an ID): broken at the measure, reported.
          const split = splitAtMeasure(work[start], width);
          if (split) {
            if (!owned) (work = work.slice()), (owned = true);
            work.splice(start, 1, ...split);
            notes.push({ kind: 'broken-run', block: para.block, paragraph: para.index, detail: split[0].text });
          }
        }
      }
      const last = end >= work.length || (plan?.hardEnds.has(end) ?? false);
      if (set) {
        const line = setOneLine(work, start, end, measure, cursor + BASELINE * style.size, style, last, para, lineNo, ctx.region, col, scaleX);
        if (line.condensed) notes.push({ kind: 'condensed', block: para.block, paragraph: para.index, detail: `line ${lineNo + 1} set at ${Math.round(line.condensed * 100)}% to fit its measure` });
        lines.push(line);
      }
      fills[col].linesUsed++;
      cursor += style.leading;
      start = end;
      lineNo++;
    }
    cursor += style.spaceAfter;
  }
  return { lines, fills, overflow, notes };
}

export interface Flowed {
  lines: SetLine[];
  fills: ColumnFill[];
  overflow: Overflow[];
  /** Paragraphs reflowed, runs broken at the measure, lines condensed to fit. */
  notes: Note[];
}

interface Plan {
  mode: BreakMode;
  lines: OriginalLines;
  /** The first line is indented. */
  indent: boolean;
  /** Ends of lines the original ended early on purpose (a byline on a line of its own): set flush, never judged short. */
  hardEnds: Set<number>;
  /** The column width the paragraph was judged in. */
  width: number;
}

/** planOriginal, once per paragraph and measure: balancing flows the same paragraphs several times. */
function cachedPlan(para: StoryParagraph, items: readonly Item[], mode: BreakMode, width: number, indent: number, em: number, notes: Note[], ctx: FlowContext): Plan | undefined {
  const key = `${mode} ${width} ${indent}`;
  let c = ctx.plans?.get(para);
  if (!c || c.key !== key) {
    const own: Note[] = [];
    c = { key, plan: planOriginal(para, items, mode, width, indent, em, own), notes: own };
    ctx.plans?.set(para, c);
  }
  notes.push(...c.notes);
  return c.plan;
}

/** Keep the original's lines? Per the mode: undefined means break anew (with a note when 'auto' or 'original' had to give up). */
function planOriginal(para: StoryParagraph, items: readonly Item[], mode: BreakMode, width: number, indent: number, em: number, notes: Note[]): Plan | undefined {
  if (mode === 'reflow' || !para.original?.length) return undefined;
  const lines = mapOriginal(items, para.original);
  if (!lines) {
    notes.push({ kind: 'reflowed', block: para.block, paragraph: para.index, detail: 'the text differs from the original lines' });
    return undefined;
  }
  const hardEnds = new Set<number>();
  if (para.runs.length > 1 && para.runs[0].alone) {
    // The byline stood on lines of its own: its last line ends where its text does.
    const chars = para.runs[0].text.replace(/\s+/g, '').length;
    let seen = 0;
    for (let k = 0; k < lines.items.length && seen < chars; k++) if ((seen += lines.items[k].text.replace(/\s+/g, '').length) >= chars && lines.ends.includes(k + 1)) hardEnds.add(k + 1);
  }
  if (mode === 'original') {
    const first = lineRoom(lines.items, 0, lines.ends[0], width - indent, em);
    return { mode, lines, indent: first.fits || !lineRoom(lines.items, 0, lines.ends[0], width, em).fits, hardEnds, width };
  }
  const verdict = judge(lines, () => width, indent, em, hardEnds);
  if (!verdict.holds) {
    notes.push({ kind: 'reflowed', block: para.block, paragraph: para.index, detail: verdict.why });
    return undefined;
  }
  return { mode, lines, indent: verdict.indent, hardEnds, width };
}

/**
 * A heading in a column: one line when it fits (at the style's scale); condensed when that is enough
 * at no less than MIN_CONDENSE; otherwise broken into lines where it may break.
 */
function headingLines(items: readonly Item[], width: number, style: ResolvedStyle): { ranges: [number, number][]; scaleX: number } {
  const scale = style.scale / 100;
  const natural = naturalWidth(items, 0, items.length) * scale;
  if (natural <= width + EPS || width <= 0) return { ranges: [[0, items.length]], scaleX: scale };
  if (width / natural >= MIN_CONDENSE) return { ranges: [[0, items.length]], scaleX: (scale * width) / natural };
  const ranges: [number, number][] = [];
  for (let start = 0; start < items.length; ) {
    while (start < items.length && items[start].kind === 'space') start++;
    if (start >= items.length) break;
    const end = breakLine(items, start, width / scale);
    ranges.push([start, end]);
    start = end;
  }
  return { ranges, scaleX: scale };
}

/** Chinese headings are often set condensed (长体) to about 80%; narrower, the characters look distorted. */
const MIN_CONDENSE = 0.8;

/** Does an original line sit in this measure (fits, and at most 2 em short)? */
function holdsHere(items: readonly Item[], from: number, to: number, width: number, em: number): boolean {
  const { fits, room } = lineRoom(items, from, to, width, em);
  return fits && room <= 2 * em + EPS;
}

/** Set items [from, to) as one line in `box`; a line that cannot shrink into its box is condensed (horizontal scale), never drawn past it. */
export function setOneLine(items: readonly Item[], from: number, to: number, box: Box, baseline: number, style: ResolvedStyle, last: boolean, para: { block: string; index: number; role: SetLine['role'] }, lineNo: number, region: string, column: number, scaleX = 1): SetLine {
  let end = to;
  while (end > from + 1 && items[end - 1].kind === 'space') end--;
  // Up to TIGHT_EM over, the justifier closes up the spacing (as the original's typesetter did); beyond, the line is condensed.
  const tight = TIGHT_EM * style.size * scaleX;
  const over = (w: number) => w * scaleX > box.width + tight + EPS;
  const narrowest = over(naturalWidth(items, from, end)) ? measureLine(items, from, end).min : 0;
  const condensed = over(narrowest) ? box.width / (narrowest * scaleX) : undefined;
  if (condensed) scaleX *= condensed;
  const { x, w, used } = justifyLine(items, from, end, box.width / scaleX, style.align, last);
  const glyphs: PlacedGlyph[] = [];
  let text = '';
  for (let k = from; k < end; k++) {
    placeItem(items[k], box.x + x[k - from] * scaleX, baseline, w[k - from], scaleX, glyphs);
    text += items[k].text;
  }
  const line: SetLine = { region, column, text, x: box.x, y: baseline, width: box.width, used: used * scaleX, glyphs, block: para.block, paragraph: para.index, line: lineNo, role: para.role };
  if (condensed) line.condensed = condensed;
  return line;
}
