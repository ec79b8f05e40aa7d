import { FontBook } from '../../src/fonts/fontbook.js';
import { resolveStyles } from '../../src/model/styles.js';
import type { StyleInput } from '../../src/model/schema.js';
import { breakLine } from '../../src/typeset/breaking.js';
import { itemize, type Item } from '../../src/typeset/items.js';
import { justifyLine } from '../../src/typeset/justify.js';

export const fonts = new FontBook();
export const EM = 9; // body size 小五

export interface Line {
  text: string;
  items: Item[];
  x: number[];
  w: number[];
  used: number;
}

/** Set `text` in lines `widthEm` wide with the body style overridden by `style` (no indent), as flow.ts does. */
export function setLines(text: string, widthEm: number, style: StyleInput = {}): Line[] {
  const styles = resolveStyles({ test: { extends: 'body', indent: 0, ...style } });
  const items = itemize([{ text, style: 'test' }], styles, fonts, { missing: new Set(), fallbacks: new Map() }, styles.test);
  const lines: Line[] = [];
  for (let start = 0; start < items.length; ) {
    const end = breakLine(items, start, widthEm * EM);
    const x: number[] = [];
    const w: number[] = [];
    const used = justifyLine(items, start, end, widthEm * EM, 'justify', end >= items.length, { x, w });
    const slice = items.slice(start, end);
    lines.push({ text: slice.map((i) => i.text).join(''), items: slice, x, w, used });
    start = end;
  }
  return lines;
}
export const texts = (ls: Line[]) => ls.map((l) => l.text);
