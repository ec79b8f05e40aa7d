import type { FontBook } from '../fonts/fontbook.js';
import type { Box, ResolvedStyle } from '../model/index.js';
import type { StoryParagraph } from '../assign/index.js';
import { calibrateBreaker, type Evidence, type LineBreaker } from './calibrate.js';
import { headingLines } from './headline.js';
import { itemize, type Item, type SharedItems } from './items.js';
import { fitScale } from './line.js';
import { TIGHT_EM, type BreakMode } from './original.js';
import { paragraphLines, type PlanCache } from './paragraph.js';
import type { GlyphStore } from './glyphs.js';
import { setOneLine } from './place.js';
import { fieldsOf, settle } from './setting.js';
import type { ColumnFill, FaceLog, Note, Overflow, SetLine } from './types.js';

export type { BreakMode } from './original.js';

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
  /** Where the page's glyphs are stored as lines are set. */
  glyphs: GlyphStore;
  /** Characters' items shared between their places in this story (see SharedItems). */
  places?: SharedItems;
  /** The region's `breaks`, over the paragraph style's. */
  breaks?: BreakMode;
  /** Tracking that makes the text's lines fill the region's columns (see trackingFor), for styles that do not write one. */
  tracking?: number;
  /** Each paragraph's plan for its original lines, by mode and measure (see paragraphLines). */
  plans?: PlanCache;
  /**
   * Paragraphs from this index on that are broken anew may be set tight (up to TIGHT_EM over each
   * line's measure, closed up) where that saves them a line: set when the story overflows (see setStory).
   */
  tightFrom?: number;
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

/**
 * Flow paragraphs through columns in order. Lines break against the width of the column they land
 * in. Body lines sit on the body style's line grid so that baselines align across columns; subheads
 * take a whole number of body lines. Whatever does not fit is returned as overflow, never dropped.
 *
 * A paragraph that has the original's lines keeps them as its `breaks` mode says: 'original' sets
 * each original line as one line; 'auto' does so when the measure holds them (see `judge`) and
 * reflows the paragraph otherwise, with a note saying why; 'reflow' breaks anew. Which lines a
 * paragraph has is ParagraphLines' business; this only places them, column after column.
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
  /** Move on to the first column with room for a line `height` tall; false when there is none. */
  const room = (height: number) => {
    while (col < columns.length && !fitsHeight(height)) nextColumn();
    return col < columns.length;
  };
  const lost = (para: StoryParagraph, text = para.runs.map((r) => r.text).join('')) => overflow.push({ block: para.block, paragraph: para.index, text });

  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p];
    const style = paragraphStyle(para, ctx);
    const items = itemized(para, style, ctx);
    if (!items.length) continue;
    if (para.role === 'subhead') {
      // A subhead takes whole body lines and keeps with the next line. One too wide for its column is
      // condensed a little or set on more lines, and reported: never drawn over the next column.
      const heading = headingLines(items, columns[col]?.width ?? 0, style);
      const n = heading.ranges.length;
      const slots = Math.max(1, Math.ceil((style.spaceBefore + n * style.leading + style.spaceAfter) / grid.leading - 1e-6));
      const height = slots * grid.leading;
      // Where it stood on the original page (its column, its baseline), when the source knows: set there.
      const pin = n === 1 ? para.pins?.[0] : undefined;
      const pinned = !!pin && pin.column >= col && pin.column < columns.length && pin.baseline - BASELINE * style.size >= columns[pin.column].y - 0.5 * style.size && pin.baseline <= columns[pin.column].y + columns[pin.column].height + 0.01;
      if (pinned) {
        while (col < pin!.column) nextColumn();
        cursor = pin!.baseline - BASELINE * style.size;
      } else if (cursor > (columns[col]?.y ?? 0) && !fitsHeight(height + grid.size)) nextColumn();
      if (!pinned && !fitsHeight(grid.size)) {
        lost(para);
        continue;
      }
      const box = columns[col];
      const middle = pinned ? pin!.baseline : cursor + (height - grid.leading) / 2 + BASELINE * grid.size + (grid.size - style.size) / 2;
      if (heading.scaleX < style.scale / 100) notes.push({ kind: 'condensed', block: para.block, paragraph: para.index, detail: `subhead too wide for its column, set at ${Math.round(heading.scaleX * 100)}%` });
      if (n > 1) notes.push({ kind: 'wrapped', block: para.block, paragraph: para.index, detail: `subhead too wide for its column, set on ${n} lines` });
      if (set) heading.ranges.forEach(([from, to], k) => lines.push(setOneLine(ctx.glyphs, items, from, to, box, middle + (k - (n - 1) / 2) * style.leading, style, true, para, k, ctx.region, col, heading.scaleX, pinned ? pin!.xs : undefined)));
      fills[col].linesUsed += slots;
      cursor = pinned ? middle + (1 - BASELINE) * style.size : cursor + height;
      continue;
    }
    if (style.fit !== 'none' && para.role === 'body') {
      // A paragraph in a heading style (a text region's headline): one line, fitted to the column as its `fit` says.
      if (!room(style.size)) {
        lost(para);
        continue;
      }
      const box = columns[col];
      const { scaleX } = fitScale(items, box.width, style);
      const align = style.fit === 'spread' ? 'spread' : style.align;
      // A line read from the original page stands where its characters stood.
      if (set) lines.push(setOneLine(ctx.glyphs, items, 0, items.length, box, cursor + BASELINE * style.size, { ...style, align }, align !== 'spread', para, 0, ctx.region, col, scaleX, para.pins?.length === 1 ? para.pins[0].xs : undefined));
      fills[col].linesUsed++;
      cursor += style.leading + style.spaceAfter;
      continue;
    }
    room(style.size);
    // A style's horizontal scale: lines break against the measure in unscaled units and are set scaled.
    const scaleX = style.scale / 100;
    const indent = (para.indent ?? style.indent * style.size) * scaleX;
    const mode: BreakMode = ctx.breaks ?? style.breaks;
    const breaker = () => style.lineBreaker ?? blockBreaker(para, paragraphs, columns[col]?.width ?? 0, ctx);
    const tight = ctx.tightFrom !== undefined && p >= ctx.tightFrom ? (TIGHT_EM * style.size) / scaleX : 0;
    const paragraph = paragraphLines(para, items, para.original && col < columns.length ? mode : 'reflow', (columns[col]?.width ?? 0) / scaleX, indent / scaleX, style.size, notes, ctx.plans, breaker, tight);
    while (!paragraph.done) {
      // A line kept as the original's, where the source knows where it stood: in its column, at its baseline.
      const pin = paragraph.original ? para.pins?.[paragraph.line] : undefined;
      let xs: number[] | undefined;
      if (pin && pin.column >= col && pin.column < columns.length) {
        const top = pin.baseline - BASELINE * style.size;
        const c = columns[pin.column];
        if (top >= c.y - 0.5 * style.size && top + style.size <= c.y + c.height + 0.01) {
          while (col < pin.column) nextColumn();
          cursor = top;
          xs = pin.xs;
        }
      }
      if (!room(style.size)) {
        lost(para, paragraph.rest());
        for (const rest of paragraphs.slice(p + 1)) lost(rest);
        return { lines, fills, overflow, notes };
      }
      const box = columns[col];
      const lineNo = paragraph.line;
      const shift = paragraph.indented ? indent : 0;
      const line = paragraph.next((box.width - shift) / scaleX, box.width / scaleX);
      if (set) {
        const measure = { x: box.x + shift, y: box.y, width: box.width - shift, height: box.height };
        const l = setOneLine(ctx.glyphs, line.items, line.from, line.to, measure, cursor + BASELINE * style.size, style, line.last, para, lineNo, ctx.region, col, scaleX, xs);
        if (l.condensed) notes.push({ kind: 'condensed', block: para.block, paragraph: para.index, detail: `line ${lineNo + 1} set at ${Math.round(l.condensed * 100)}% to fit its measure` });
        lines.push(l);
      }
      fills[col].linesUsed++;
      cursor += style.leading;
    }
    cursor += style.spaceAfter;
  }
  return { lines, fills, overflow, notes };
}

/** The breaker each block's text is broken with anew, once per list of paragraphs (balancing flows the same list several times). */
const breakers = new WeakMap<readonly StoryParagraph[], Map<string, LineBreaker>>();

/**
 * The breaker that sets `para`'s block as its original was set (see calibrateBreaker), judged on the
 * block's body paragraphs that came with original lines, each at the measure it stood in (a column
 * `columnWidth` wide when the source does not say).
 */
function blockBreaker(para: StoryParagraph, paragraphs: readonly StoryParagraph[], columnWidth: number, ctx: FlowContext): LineBreaker {
  let byBlock = breakers.get(paragraphs);
  if (!byBlock) breakers.set(paragraphs, (byBlock = new Map()));
  let b = byBlock.get(para.block);
  if (!b) {
    const evidence: Evidence[] = [];
    for (const p of paragraphs) {
      if (p.block !== para.block || p.role !== 'body' || !p.original) continue;
      const style = paragraphStyle(p, ctx);
      const scaleX = style.scale / 100;
      const measure = (p.measure ?? columnWidth) / scaleX;
      const indent = p.indent ?? style.indent * style.size;
      evidence.push({ para: p, items: itemized(p, style, ctx), first: measure - indent, rest: measure });
    }
    byBlock.set(para.block, (b = calibrateBreaker(evidence)));
  }
  return b;
}

/** A paragraph's items, once per context: balancing flows the same paragraphs several times. */
function itemized(para: StoryParagraph, style: ResolvedStyle, ctx: FlowContext): Item[] {
  let items = ctx.itemized?.get(para);
  if (!items) {
    items = itemize(para.runs, ctx.styles, ctx.fonts, ctx.log, style, ctx.places);
    ctx.itemized?.set(para, items);
  }
  return items;
}

export interface Flowed {
  lines: SetLine[];
  fills: ColumnFill[];
  overflow: Overflow[];
  /** Paragraphs reflowed, runs broken at the measure, lines condensed to fit. */
  notes: Note[];
}

