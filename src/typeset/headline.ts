import type { Box } from '../model/index.js';
import { naturalWidth } from './line.js';
import { BASELINE, setOneLine, type FlowContext } from './flow.js';
import { itemize } from './items.js';
import type { Overflow, SetLine } from './types.js';

/**
 * Set one headline line (kicker, main, subtitle, slogan) in `box` at `top`, always on one line, fitted
 * to the style's target width (default: the frame's) as the style asks:
 * - none: at the style's scale; text too long is reported as overflow;
 * - condense: horizontally scaled down when too long;
 * - scale: condensed or extended (horizontal scale) to fill the width exactly;
 * - spread: letter-spaced to fill the width (condensed first when too long).
 */
export function setHeadlineLine(text: string, styleName: string, box: Box, top: number, ctx: FlowContext, block: string, overflow: Overflow[]): SetLine {
  const style = ctx.styles[styleName] ?? ctx.styles.headline;
  const items = itemize([{ text, style: styleName }], ctx.styles, ctx.fonts, ctx.log, style);
  const natural = naturalWidth(items, 0, items.length);
  const width = style.targetWidth > 0 ? Math.min(style.targetWidth, box.width) : box.width;
  const target = { ...box, x: box.x + (box.width - width) / 2, width };
  let scaleX = style.scale / 100;
  if (style.fit === 'scale' && natural > 0) scaleX = width / natural;
  else if (natural * scaleX > width + 0.01) {
    if (style.fit === 'none') overflow.push({ block, paragraph: 0, text });
    else scaleX = width / natural;
  }
  // Centre the line's em box in its leading.
  const baseline = top + (style.leading - style.size) / 2 + BASELINE * style.size;
  const align = style.fit === 'spread' ? 'spread' : style.align;
  return setOneLine(items, 0, items.length, target, baseline, { ...style, align }, align !== 'spread', { block, index: 0, role: 'headline' }, 0, ctx.region, 0, scaleX);
}
