import type { Box, ResolvedStyle } from '../model/index.js';
import { breakLine } from './breaking.js';
import { fitScale, naturalWidth } from './line.js';
import { BASELINE, type FlowContext } from './flow.js';
import { itemize, type Item } from './items.js';
import { setOneLine } from './place.js';

import type { Overflow, SetLine } from './types.js';

const EPS = 0.01;

/**
 * Set one headline line (kicker, main, subtitle, slogan) in `box` at `top`, on one line, fitted to the
 * style's target width (default: the frame's) as its `fit` says (see fitScale). With fit 'none', text
 * too long for the width is cut where a line may break: what fits is set, the rest is overflow.
 */
export function setHeadlineLine(text: string, styleName: string, box: Box, top: number, ctx: FlowContext, block: string, overflow: Overflow[], xs?: readonly number[]): SetLine {
  const style = ctx.styles[styleName] ?? ctx.styles.headline;
  const items = itemize([{ text, style: styleName }], ctx.styles, ctx.fonts, ctx.log, style);
  const width = style.targetWidth > 0 ? Math.min(style.targetWidth, box.width) : box.width;
  const target = { ...box, x: box.x + (box.width - width) / 2, width };
  const { scaleX, fits } = fitScale(items, width, style);
  let end = items.length;
  if (!fits) {
    end = breakLine(items, 0, width / scaleX);
    overflow.push({ block, paragraph: 0, text: items.slice(end).map((i) => i.text).join('') });
  }
  // Centre the line's em box in its leading.
  const baseline = top + (style.leading - style.size) / 2 + BASELINE * style.size;
  const align = style.fit === 'spread' ? 'spread' : style.align;
  return setOneLine(ctx.glyphs, items, 0, end, target, baseline, { ...style, align }, align !== 'spread', { block, index: 0, role: 'headline' }, 0, ctx.region, 0, scaleX, fits ? xs : undefined);
}

/**
 * A heading in a column: one line when it fits (at the style's scale); condensed when that is enough
 * at no less than MIN_CONDENSE; otherwise broken into lines where it may break.
 */
export function headingLines(items: readonly Item[], width: number, style: ResolvedStyle): { ranges: [number, number][]; scaleX: number } {
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
