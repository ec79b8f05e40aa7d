import type { Story } from '../assign/index.js';
import type { FontBook } from '../fonts/fontbook.js';
import type { Frame } from '../layout/index.js';
import type { Box, ResolvedStyle } from '../model/index.js';
import { flowParagraphs, lineGrid, type FlowContext, type Flowed } from './flow.js';
import { GlyphStore } from './glyphs.js';
import { setHeadlineLine } from './headline.js';
import type { FaceLog, Overflow, SetLine, SetStory, SetText } from './types.js';
import { setVertical } from './vertical.js';
import { sharedItems } from './items.js';
import { trackingFor } from './setting.js';

export { Glyphs } from './glyphs.js';
export type { GlyphRun, PlacedGlyph, SetLine, SetStory, SetText, Overflow, ColumnFill, Note } from './types.js';
export type { BreakMode } from './flow.js';

/** Set every story into its region's frame. Pure: no PDF, no files (fonts are already open). */
export function typesetPage(stories: readonly Story[], frames: readonly Frame[], styles: Record<string, ResolvedStyle>, fonts: FontBook): SetText {
  const byId = new Map(frames.map((f) => [f.id, f]));
  const log: FaceLog = { missing: new Set(), fallbacks: new Map(), standIns: new Map() };
  const out: SetStory[] = [];
  const glyphs = new GlyphStore(Math.min(textLength(stories), MOST_GLYPHS_AT_FIRST));
  for (const story of stories) {
    const frame = byId.get(story.region);
    if (!frame) throw new Error(`typeset: no frame for region "${story.region}"`);
    const ctx: FlowContext = { region: story.region, styles, fonts, log, glyphs, itemized: new WeakMap(), places: sharedItems(), plans: new WeakMap(), ...(story.breaks && { breaks: story.breaks }) };
    const set = setStory(story, frame, ctx, (id) => {
      const f = byId.get(id);
      if (!f) throw new Error(`typeset: no frame for region "${id}"`);
      return f;
    });
    out.push({ ...set, ...(story.kind && { kind: story.kind }), ...(story.part && { part: story.part }) });
  }
  const fallbacks: Record<string, string> = {};
  for (const [k, v] of log.fallbacks) fallbacks[k] = [...v].join('');
  return { stories: out, fallbacks, missing: [...log.missing], standIns: Object.fromEntries(log.standIns!) };
}

/**
 * The most glyphs a page's store makes room for before it is set: more than a broadsheet page holds
 * (about 50,000 characters even in 6 pt agate). A text far longer than its page overflows and is
 * never placed, so its length must not decide what is allocated; a store that fills up grows.
 */
const MOST_GLYPHS_AT_FIRST = 1 << 17;

/** The code units of the stories' paragraphs: room for their glyphs (a headline set apart makes the store grow). */
function textLength(stories: readonly Story[]): number {
  let n = 0;
  for (const s of stories) for (const p of s.paragraphs) for (const r of p.runs) n += r.text.length;
  return n;
}

function setStory(story: Story, frame: Frame, ctx: FlowContext, linked: (id: string) => Frame): SetStory {
  const lines: SetLine[] = [];
  const overflow: Overflow[] = [];
  const block = story.blocks[0] ?? 'inline';
  if (story.vertical) {
    const r = frame.region.kind === 'vertical' ? frame.region : undefined;
    lines.push(...setVertical(story.vertical.columns, story.vertical.subtitle, frame.columns[0] ?? frame.box, ctx, block, r?.style, r?.subtitleStyle, frame.subtitleGap));
    return { region: story.region, lines, columns: [], overflow, notes: [] };
  }
  if (frame.kind === 'strip') {
    const text = story.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('');
    const style = story.paragraphs[0]?.style ?? 'slogan';
    const box = frame.columns[0] ?? frame.box;
    const top = box.y + (box.height - ctx.styles[style].leading) / 2;
    // Read from an original page: each character where it stood (a slogan's pieces keep their gaps).
    const pins = story.paragraphs.flatMap((p) => p.pins ?? []);
    const xs = pins.length && pins.every((p) => p.xs) ? pins.flatMap((p) => p.xs!) : undefined;
    lines.push(setHeadlineLine(text, style, box, top, ctx, block, overflow, xs));
    return { region: story.region, lines, columns: [], overflow, notes: [] };
  }
  if (story.headline && frame.headlineLines && story.headline.lines?.length === frame.headlineLines.length) {
    // Each line where the layout places it: its em box's top is the line's top (no leading above it).
    story.headline.lines.forEach((text, i) => {
      const { box, style } = frame.headlineLines![i];
      const s = ctx.styles[style];
      const line = setHeadlineLine(text, style, box, box.y - (s.leading - s.size) / 2, ctx, story.headline!.block ?? block, overflow, story.headline!.xs?.[i]);
      lines.push({ ...line, part: story.headline!.parts?.[i] ?? 'main' });
    });
  } else if (story.headline && frame.headline) {
    const h = story.headline;
    let top = frame.headline.y;
    for (const [text, style, part] of [
      [h.kicker, 'kicker', 'kicker'],
      [h.main, h.style ?? 'headline', 'main'],
      [h.subtitle, 'subtitle', 'subtitle'],
    ] as const) {
      if (!text) continue;
      lines.push({ ...setHeadlineLine(text, style, frame.headline, top, ctx, h.block ?? block, overflow), part });
      top += ctx.styles[style].leading;
    }
  }
  const columns = [...frame.columns, ...story.continuedIn.flatMap((id) => linked(id).columns)];
  const r = frame.region;
  ctx.tracking = storyTracking(story, r, columns[0]?.width ?? 0, ctx);
  const balance = (r.kind === 'article' || r.kind === 'box') && r.balance !== false;
  const flow = () => (balance ? flowBalanced(story.paragraphs, columns, ctx) : flowParagraphs(story.paragraphs, columns, ctx));
  let flowed = flow();
  if (flowed.overflow.length) {
    const from = tightFrom(story.paragraphs, columns, ctx);
    if (from !== undefined) (ctx.tightFrom = from), (flowed = flow());
  }
  lines.push(...flowed.lines);
  overflow.push(...flowed.overflow);
  const missing = flowed.overflow.length ? missingLines(story.paragraphs, columns, ctx) : undefined;
  return { region: story.region, lines, columns: flowed.fills, overflow, ...(missing && { missing }), notes: flowed.notes };
}

/**
 * Text that overflows its columns by a little is made to fit as a compositor does it (挤行): the
 * paragraphs nearest the end that can be set a line shorter are set tight, as few as it takes (from
 * the last paragraph back, the first index from which on it suffices: more paragraphs set tight never
 * take more lines). Undefined when even all of them would not make the text fit: then nothing is set
 * tight, and the overflow is reported as it is.
 */
function tightFrom(paragraphs: Story['paragraphs'], columns: readonly Box[], ctx: FlowContext): number | undefined {
  const fits = (from: number) => {
    ctx.tightFrom = from;
    const ok = !flowParagraphs(paragraphs, columns, ctx, { measureOnly: true }).overflow.length;
    ctx.tightFrom = undefined;
    return ok;
  };
  if (!paragraphs.length || !fits(0)) return undefined;
  let lo = 0; // fits
  let hi = paragraphs.length; // tightening nothing does not
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * How much room the text that overflows would need: the same text flowed (measured, not placed) into
 * the region's columns and one more column as wide as the last and as tall as it takes; what lands
 * in that column is what is missing, in body lines (a subhead counts the lines it takes) and points.
 */
function missingLines(paragraphs: Story['paragraphs'], columns: readonly Box[], ctx: FlowContext): { lines: number; height: number } {
  const last = columns[columns.length - 1];
  if (!last) return { lines: 0, height: 0 };
  const more = flowParagraphs(paragraphs, [...columns, { ...last, height: 1e7 }], ctx, { measureOnly: true });
  const lines = more.fills[more.fills.length - 1].linesUsed;
  return { lines, height: lines * lineGrid(paragraphs, ctx.styles).leading };
}

/**
 * The tracking that makes the story's lines fill its columns: from the region's lineLength when it
 * gives a width too, else from the line length the text shows; none when the body style writes one.
 */
function storyTracking(story: Story, region: Frame['region'], width: number, ctx: FlowContext): number | undefined {
  const grid = lineGrid(story.paragraphs, ctx.styles);
  if (grid.written.has('tracking') || !width) return undefined;
  const columned = region.kind === 'article' || region.kind === 'box';
  const given = columned && region.lineLength !== undefined;
  const lineLength = (columned ? region.lineLength : undefined) ?? story.paragraphs.find((p) => p.role === 'body' && p.setting?.lineLength)?.setting?.lineLength;
  const t = trackingFor(width, lineLength, grid.size, given);
  return t ? t : undefined;
}

/**
 * Set a text that does not fill its columns in columns of (nearly) equal length, as newspapers
 * do: flow it into columns shortened to the fewest lines that still hold everything. The report
 * keeps the columns' real capacity.
 */
function flowBalanced(paragraphs: Story['paragraphs'], columns: readonly Box[], ctx: FlowContext): Flowed {
  if (columns.length < 2) return flowParagraphs(paragraphs, columns, ctx);
  // First only measure how the text fills the full columns: the glyphs are placed once, in the flow that is kept.
  const full = flowParagraphs(paragraphs, columns, ctx, { measureOnly: true });
  const used = full.fills.filter((f) => f.linesUsed > 0).length;
  if (full.overflow.length || used === columns.length && full.fills.at(-1)!.linesUsed >= full.fills.at(-1)!.linesAvailable - 1) return flowParagraphs(paragraphs, columns, ctx);
  const body = lineGrid(paragraphs, ctx.styles);
  const total = full.fills.reduce((n, f) => n + f.linesUsed, 0);
  for (let lines = Math.ceil(total / columns.length); lines < full.fills[0].linesAvailable; lines++) {
    const height = body.size + (lines - 1) * body.leading + 0.01;
    const short = columns.map((c) => ({ ...c, height: Math.min(c.height, height) }));
    // Measure only: the glyphs are placed once, in the flow that is kept.
    if (!flowParagraphs(paragraphs, short, ctx, { measureOnly: true }).overflow.length) {
      const kept = flowParagraphs(paragraphs, short, ctx);
      kept.fills.forEach((f, i) => ((f.box = columns[i]), (f.linesAvailable = full.fills[i].linesAvailable)));
      return kept;
    }
  }
  return flowParagraphs(paragraphs, columns, ctx);
}
