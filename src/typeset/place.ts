import type { Box, ResolvedStyle } from '../model/index.js';
import type { Item } from './items.js';
import { justifyLine, type Justified } from './justify.js';
import { measureLine, naturalWidth } from './line.js';
import { TIGHT_EM } from './original.js';
import type { GlyphStore } from './glyphs.js';
import type { GlyphRun, SetLine } from './types.js';

const EPS = 0.01;


/**
 * The run a glyph joins: the line's last one when it has the same face, size, baseline, scale and
 * colour (the common case: every character of a justified line), else a new one.
 */
function runFor(last: GlyphRun | undefined, face: string, size: number, y: number, scaleX: number, color: string | undefined): GlyphRun {
  if (last && last.face === face && last.size === size && last.y === y && (last.scaleX ?? 1) === scaleX && last.color === color) return last;
  const run: GlyphRun = { face, size, y };
  if (scaleX !== 1) run.scaleX = scaleX;
  if (color) run.color = color;
  return run;
}

/**
 * Turn an item set at (x, baseline) with width `w` into glyphs, added to `out` (joining the run of
 * the glyph before, when it is of this line: from `lineStart` on, where it can).
 */
export function placeItem(it: Item, x: number, baseline: number, w: number, scaleX: number, out: GlyphStore, lineStart: number): void {
  const em = it.size;
  let cx = x;
  if (it.punct && it.opening) cx = x + (w - em) * scaleX;
  const upem = it.face.font.unitsPerEm;
  const color = it.style.color && it.style.color !== '#000000' ? it.style.color : undefined;
  let run = out.lastRun(lineStart);
  for (const g of it.glyphs) {
    if (g.gid < 0) {
      cx += g.advance * em * scaleX;
      continue;
    }
    // Only dashes stretch (to 2 em): the font's own advance is looked up for them alone.
    const fontAdvance = it.kind === 'dash' ? it.face.font.getGlyph(g.gid).advanceWidth / upem : 0;
    const stretch = fontAdvance > 0 ? g.advance / fontAdvance : 1;
    const sx = stretch * scaleX;
    run = runFor(run, it.face.key, em, baseline, Math.abs(sx - 1) > 1e-3 ? sx : 1, color);
    out.add(g.gid, g.text, cx, run);
    cx += g.advance * em * scaleX;
  }
}

/**
 * A line kept as the original's, whose characters' places the source knows (xs: each non-space
 * character's origin x on the page): each item starts where its first character stood, drawn at its
 * origin (an opening mark unshifted: the original's origin already carries its blank). Only when the
 * characters are the same count; otherwise the justified places stand.
 */
const nonSpaceCount = (items: readonly Item[], from: number, end: number) => {
  let n = 0;
  for (let k = from; k < end; k++) for (const c of items[k].text) if (c.trim()) n++;
  return n;
};

/**
 * A word or number of several characters (Latin, digits) fills the span its characters took in the
 * original, up to the next character's place: the original's face may be wider or narrower than
 * ours, and a word drawn at our width would leave a gap or run into what follows. Within 60–140%: a
 * span far off is no word of ours (a column's end), left at our width.
 */
const WORD_FIT = [0.6, 1.4] as const;

function standWhereTheyStood(items: readonly Item[], from: number, end: number, box: Box, scaleX: number, xs: readonly number[], x: number[], w: number[]): number[] {
  const starts: number[] = [];
  let n = 0;
  for (let k = from; k < end; k++) {
    starts.push(n);
    for (const c of items[k].text) if (c.trim()) n++;
  }
  const fit: number[] = [];
  for (let k = from; k < end; k++) {
    const it = items[k];
    fit.push(1);
    if (!it.text.trim()) continue;
    x[k - from] = (xs[starts[k - from]] - box.x) / scaleX;
    if (it.punct && it.opening) w[k - from] = it.size;
    // The span to the next character's place (on this line), for words of several characters.
    const next = starts[k - from] + [...it.text].filter((c) => c.trim()).length;
    if (it.kind === 'word' && it.glyphs.length > 1 && next < xs.length) {
      const own = it.glyphs.reduce((a, g) => a + g.advance, 0) * it.size;
      const span = xs[next] - xs[starts[k - from]] - it.glue;
      const f = span / (own * scaleX);
      if (own > 0 && f >= WORD_FIT[0] && f <= WORD_FIT[1]) fit[k - from] = f;
    }
  }
  return fit;
}

/** The places of the line being set: lines are set one at a time, so one pair of arrays serves them all. */
const PLACES: Justified = { x: [], w: [] };

/**
 * Set items [from, to) as one line in `box`, its glyphs stored in `out`; a line that cannot shrink
 * into its box is condensed (horizontal scale), never drawn past it.
 */
export function setOneLine(out: GlyphStore, items: readonly Item[], from: number, to: number, box: Box, baseline: number, style: ResolvedStyle, last: boolean, para: { block: string; index: number; role: SetLine['role'] }, lineNo: number, region: string, column: number, scaleX = 1, xs?: readonly number[]): SetLine {
  let end = to;
  while (end > from + 1 && items[end - 1].kind === 'space') end--;
  // Up to TIGHT_EM over, the justifier closes up the spacing (as the original's typesetter did); beyond, the line is condensed.
  const tight = TIGHT_EM * style.size * scaleX;
  const over = (w: number) => w * scaleX > box.width + tight + EPS;
  // A line whose characters' places are known stands there as it stood: never condensed.
  const placed = !!xs && nonSpaceCount(items, from, end) === xs.length;
  const narrowest = !placed && over(naturalWidth(items, from, end)) ? measureLine(items, from, end).min : 0;
  const condensed = over(narrowest) ? box.width / (narrowest * scaleX) : undefined;
  if (condensed) scaleX *= condensed;
  const used = justifyLine(items, from, end, box.width / scaleX, style.align, last, PLACES);
  const { x, w } = PLACES;
  const fit = placed ? standWhereTheyStood(items, from, end, box, scaleX, xs!, x, w) : undefined;
  const start = out.length;
  const texts: string[] = [];
  for (let k = from; k < end; k++) {
    placeItem(items[k], box.x + x[k - from] * scaleX, baseline, w[k - from], scaleX * (fit?.[k - from] ?? 1), out, start);
    texts.push(items[k].text);
  }
  const glyphs = out.since(start);
  // Joined once: a flat string, not a chain of one concatenation per character kept with the line.
  const line: SetLine = { region, column, text: texts.join(''), x: box.x, y: baseline, width: box.width, used: used * scaleX, glyphs, block: para.block, paragraph: para.index, line: lineNo, role: para.role };
  if (condensed) line.condensed = condensed;
  return line;
}
