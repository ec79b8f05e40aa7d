import type { Box } from '../model/index.js';
import { naturalWidth } from './breaking.js';
import { BASELINE, setOneLine, type FlowContext } from './flow.js';
import { itemize } from './items.js';
import type { Overflow, SetLine } from './types.js';

/**
 * Set one headline line (kicker, main, subtitle, slogan) in `box` at `top`: on one line always;
 * condensed (horizontal scale) when the style asks and the text is too long, letter-spaced when it
 * asks to spread. Text that still does not fit is reported as overflow.
 */
export function setHeadlineLine(text: string, styleName: string, box: Box, top: number, ctx: FlowContext, block: string, overflow: Overflow[]): SetLine {
  const style = ctx.styles[styleName] ?? ctx.styles.headline;
  const items = itemize([{ text, style: styleName }], ctx.styles, ctx.fonts, ctx.missing);
  const natural = naturalWidth(items, 0, items.length);
  let scaleX = style.scale / 100;
  if (natural * scaleX > box.width) {
    if (style.fit === 'condense' || style.fit === 'spread') scaleX = box.width / natural;
    else overflow.push({ block, paragraph: 0, text });
  }
  // Centre the line's em box in its leading.
  const baseline = top + (style.leading - style.size) / 2 + BASELINE * style.size;
  const align = style.fit === 'spread' ? 'spread' : style.align;
  return setOneLine(items, 0, items.length, box, baseline, { ...style, align }, align !== 'spread', { block, index: 0, role: 'headline' }, 0, ctx.region, 0, scaleX);
}
