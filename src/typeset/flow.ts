import type { FontBook } from '../fonts/fontbook.js';
import type { Box, ResolvedStyle } from '../model/index.js';
import type { StoryParagraph } from '../assign/index.js';
import { breakLine } from './breaking.js';
import { itemize, type Item } from './items.js';
import { justifyLine } from './justify.js';
import { placeItem } from './place.js';
import type { ColumnFill, FaceLog, Overflow, PlacedGlyph, SetLine } from './types.js';

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
}

/** The style whose size and leading make the line grid of a text: its first body paragraph's. */
export function lineGrid(paragraphs: readonly StoryParagraph[], styles: Record<string, ResolvedStyle>): ResolvedStyle {
  return styles[paragraphs.find((p) => p.role === 'body')?.style ?? 'body'] ?? styles.body;
}

/**
 * Flow paragraphs through columns in order. Lines break against the width of the column they land
 * in. Body lines sit on the body style's line grid so that baselines align across columns; subheads
 * take a whole number of body lines. Whatever does not fit is returned as overflow, never dropped.
 */
export function flowParagraphs(paragraphs: readonly StoryParagraph[], columns: readonly Box[], ctx: FlowContext, options: { measureOnly?: boolean } = {}): { lines: SetLine[]; fills: ColumnFill[]; overflow: Overflow[] } {
  // measureOnly: break lines and fill columns, but justify and place no glyphs (lines stays empty).
  const set = !options.measureOnly;
  const lines: SetLine[] = [];
  const fills: ColumnFill[] = columns.map((box) => ({ box, linesUsed: 0, linesAvailable: 0 }));
  const overflow: Overflow[] = [];
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
    const style = ctx.styles[para.style] ?? ctx.styles.body;
    let items = ctx.itemized?.get(para);
    if (!items) {
      items = itemize(para.runs, ctx.styles, ctx.fonts, ctx.log, style);
      ctx.itemized?.set(para, items);
    }
    if (!items.length) continue;
    if (para.role === 'subhead') {
      // A subhead takes whole body lines and keeps with the next line.
      const slots = Math.max(1, Math.ceil((style.spaceBefore + style.leading + style.spaceAfter) / grid.leading - 1e-6));
      const height = slots * grid.leading;
      if (cursor > (columns[col]?.y ?? 0) && !fitsHeight(height + grid.size)) nextColumn();
      if (!fitsHeight(grid.size)) {
        overflow.push({ block: para.block, paragraph: para.index, text: para.runs.map((r) => r.text).join('') });
        continue;
      }
      const box = columns[col];
      const baseline = cursor + (height - grid.leading) / 2 + BASELINE * grid.size + (grid.size - style.size) / 2;
      if (set) lines.push(setOneLine(items, 0, items.length, box, baseline, style, true, para, 0, ctx.region, col));
      fills[col].linesUsed += slots;
      cursor += height;
      continue;
    }
    let start = 0;
    let lineNo = 0;
    while (start < items.length) {
      while (col < columns.length && !fitsHeight(style.size)) nextColumn();
      if (col >= columns.length) {
        overflow.push({ block: para.block, paragraph: para.index, text: items.slice(start).map((i) => i.text).join('') });
        for (const rest of paragraphs.slice(p + 1)) overflow.push({ block: rest.block, paragraph: rest.index, text: rest.runs.map((r) => r.text).join('') });
        return { lines, fills, overflow };
      }
      const box = columns[col];
      const indent = lineNo === 0 ? style.indent * style.size : 0;
      const measure = { ...box, x: box.x + indent, width: box.width - indent };
      // Leading spaces never start a line.
      while (start < items.length && items[start].kind === 'space') start++;
      if (start >= items.length) break;
      const end = breakLine(items, start, measure.width);
      const last = end >= items.length;
      if (set) lines.push(setOneLine(items, start, end, measure, cursor + BASELINE * style.size, style, last, para, lineNo, ctx.region, col));
      fills[col].linesUsed++;
      cursor += style.leading;
      start = end;
      lineNo++;
    }
    cursor += style.spaceAfter;
  }
  return { lines, fills, overflow };
}

export function setOneLine(items: readonly Item[], from: number, to: number, box: Box, baseline: number, style: ResolvedStyle, last: boolean, para: { block: string; index: number; role: SetLine['role'] }, lineNo: number, region: string, column: number, scaleX = 1): SetLine {
  let end = to;
  while (end > from + 1 && items[end - 1].kind === 'space') end--;
  const { x, w, used } = justifyLine(items, from, end, box.width / scaleX, style.align, last);
  const glyphs: PlacedGlyph[] = [];
  let text = '';
  for (let k = from; k < end; k++) {
    placeItem(items[k], box.x + x[k - from] * scaleX, baseline, w[k - from], scaleX, glyphs);
    text += items[k].text;
  }
  return { region, column, text, x: box.x, y: baseline, width: box.width, used: used * scaleX, glyphs, block: para.block, paragraph: para.index, line: lineNo, role: para.role };
}
