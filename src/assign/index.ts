import { InputError } from '../errors.js';
import { blockText, type Block, type Source } from '../ingest/index.js';
import type { LineBox } from '../ingest/types.js';
import type { Layout, RegionT, SelectorT } from '../model/index.js';
import { PAGE_HEADER_REGIONS } from '../model/load.js';
import type { LayoutHints } from '../layout/index.js';
import type { Story, StoryParagraph } from './types.js';

export type { Story, StoryParagraph, Run } from './types.js';

export interface Assignment {
  stories: Story[];
  /** What the layout stage needs to size headline zones and captions. */
  hints: LayoutHints;
  /** Blocks of the source no region shows: reported, so nothing is lost silently. */
  unplaced: string[];
}

const compact = (s: string) => s.replace(/\s+/g, '');

/** Map the source's blocks onto the layout's regions. Errors name the region and the selector. */
export function assign(source: Source, layout: Layout): Assignment {
  const byId = new Map(source.blocks.map((b) => [b.id, b]));
  const used = new Set<string>();
  const stories: Story[] = [];
  const hints: LayoutHints = { headlines: {}, captionChars: {} };

  const select = (sel: SelectorT, path: string): Block | string => {
    if ('text' in sel) return sel.text;
    if ('block' in sel) {
      const b = byId.get(sel.block);
      if (!b) throw new InputError(`${layout.file}: ${path}.block: no block "${sel.block}" in the text (blocks: ${source.blocks.map((x) => x.id).join(', ')})`);
      used.add(b.id);
      if (sel.paragraph === undefined) return b;
      if (sel.paragraph >= b.paragraphs.length) throw new InputError(`${layout.file}: ${path}.paragraph: block "${b.id}" has ${b.paragraphs.length} paragraph${b.paragraphs.length === 1 ? '' : 's'}`);
      // One paragraph of the block, as a block of its own (a line of a page header, one part of a headline).
      return { ...b, paragraphs: [b.paragraphs[sel.paragraph]], lines: [b.lines[sel.paragraph] ?? []], byline: undefined, credit: undefined, arrow: undefined, columns: undefined, subtitle: undefined, ...(b.geometry && { geometry: { ...b.geometry, lineBoxes: [b.geometry.lineBoxes[sel.paragraph] ?? []] } }) };
    }
    const want = compact(sel.prefix);
    // The prefix may include the byline or arrow, or start at the text proper.
    const hits = source.blocks.filter((b) => compact(blockText(b)).startsWith(want) || compact(b.paragraphs.join('')).startsWith(want));
    if (hits.length === 0) throw new InputError(`${layout.file}: ${path}.prefix: no block starts with "${sel.prefix}"`);
    if (hits.length > 1) throw new InputError(`${layout.file}: ${path}.prefix: "${sel.prefix}" matches ${hits.length} blocks (${hits.map((h) => h.id).join(', ')}); use a longer prefix or a block id`);
    used.add(hits[0].id);
    return hits[0];
  };

  // Regions reached through continueIn: they hold no story of their own.
  const all: RegionT[] = [];
  const collect = (rs: RegionT[]) => rs.forEach((r) => (all.push(r), r.kind === 'group' && collect(r.children)));
  collect(layout.regions);
  const byRegion = new Map(all.map((r) => [r.id, r]));
  const continuations = new Set<string>();
  const chainOf = (region: RegionT, path: string): string[] => {
    const chain: string[] = [];
    let r: RegionT | undefined = region;
    while (r && r.kind === 'article' && r.continueIn) {
      const next = byRegion.get(r.continueIn);
      if (!next) throw new InputError(`${layout.file}: ${path}.continueIn: no region "${r.continueIn}"`);
      if (next.kind !== 'article') throw new InputError(`${layout.file}: ${path}.continueIn: region "${next.id}" is a ${next.kind}, not an article`);
      if (next.content) throw new InputError(`${layout.file}: ${path}.continueIn: region "${next.id}" has content of its own; a continuation region has none`);
      if (chain.includes(next.id) || next.id === region.id) throw new InputError(`${layout.file}: ${path}.continueIn: the chain loops back to "${next.id}"`);
      chain.push(next.id);
      continuations.add(next.id);
      r = next;
    }
    return chain;
  };

  const visit = (region: RegionT, path: string) => {
    switch (region.kind) {
      case 'group':
        region.children.forEach((c, i) => visit(c, `${path}.children[${i}]`));
        return;
      case 'rule':
        return;
      case 'photo': {
        if (!region.caption) return;
        const c = select(region.caption.content, `${path}.caption.content`);
        const style = region.caption.style ?? 'caption';
        const paragraphs: StoryParagraph[] = [];
        if (typeof c === 'string') paragraphs.push(para(c, style, 'body', 'inline', 0));
        else paragraphs.push(...captionParagraphs(c, style));
        hints.captionChars![region.id] = paragraphs.reduce((n, p) => n + [...p.runs.map((r) => r.text).join('')].length, 0);
        stories.push({ region: region.id, kind: typeof c === 'string' ? 'caption' : c.kind, continuedIn: [], blocks: typeof c === 'string' ? [] : [c.id], paragraphs, ...(region.caption.breaks && { breaks: region.caption.breaks }) });
        return;
      }
      case 'vertical': {
        const b = select(region.content, `${path}.content`);
        const columns = typeof b === 'string' ? b.split('\n') : (b.columns ?? b.paragraphs);
        stories.push({ region: region.id, kind: 'vertical-headline', continuedIn: [], blocks: typeof b === 'string' ? [] : [b.id], paragraphs: [], vertical: { columns, subtitle: typeof b === 'string' ? undefined : b.subtitle } });
        return;
      }
      case 'article': {
        if (!region.content) {
          if (!continuations.has(region.id)) throw new InputError(`${layout.file}: ${path}.content: required (only a region another article continues into may omit it)`);
          return;
        }
        const b = select(region.content, `${path}.content`);
        const story: Story = { region: region.id, kind: 'article', continuedIn: chains.get(region.id) ?? [], blocks: [], paragraphs: [], ...(region.breaks && { breaks: region.breaks }) };
        if (typeof b === 'string') story.paragraphs.push(para(b, region.style ?? 'body', 'body', 'inline', 0));
        else {
          story.blocks.push(b.id);
          story.paragraphs = articleParagraphs(b, source, region.style ?? 'body', used, region.bylineStyle);
        }
        if (region.headline !== false) {
          const spec = region.headline ?? {};
          let group: Block | undefined;
          if (spec.content) {
            const h = select(spec.content, `${path}.headline.content`);
            if (typeof h === 'string') story.headline = { main: h };
            else group = h;
          } else if (typeof b !== 'string') {
            group = source.blocks.find((x) => x.kind === 'headline-group' && x.pairedWith?.article === b.id);
            if (group) used.add(group.id);
          }
          if (group) story.headline = { ...group.headline, block: group.id, lines: group.lines.flat(), parts: headlineParts(group), ...(group.geometry && { xs: group.geometry.lineBoxes.flat().map((l) => l.xs) }) };
          if (spec.kicker !== undefined || spec.main !== undefined || spec.subtitle !== undefined)
            story.headline = { ...story.headline, ...(spec.kicker !== undefined && { kicker: spec.kicker }), ...(spec.main !== undefined && { main: spec.main }), ...(spec.subtitle !== undefined && { subtitle: spec.subtitle }) };
          const h = story.headline;
          if (h && spec.style) h.style = spec.style;
          if (h) hints.headlines![region.id] = [h.kicker && 'kicker', h.main && (h.style ?? 'headline'), h.subtitle && 'subtitle'].filter((s): s is string => !!s);
        }
        stories.push(story);
        return;
      }
      case 'box':
      case 'strip':
      case 'text': {
        // A box with no content is only drawn (a frame around articles, a bar behind a heading).
        if (!region.content) return;
        const b = select(region.content, `${path}.content`);
        const style = region.style ?? (region.kind === 'box' ? 'sidebar' : region.kind === 'strip' ? 'slogan' : 'body');
        const kind = PAGE_HEADER_REGIONS.has(region.id) ? 'page-header' : typeof b === 'string' ? undefined : b.kind;
        const sel = region.content;
        const whole = 'block' in sel ? byId.get(sel.block) : undefined;
        // One paragraph of a headline group (a derived layout's headline of no article): which part it is.
        const part = whole?.kind === 'headline-group' && 'paragraph' in sel && sel.paragraph !== undefined ? groupParts(whole)[sel.paragraph] : undefined;
        const story: Story = { region: region.id, ...(kind && { kind }), ...(part && { part }), continuedIn: [], blocks: typeof b === 'string' ? [] : [b.id], paragraphs: [], ...(region.kind !== 'strip' && region.breaks && { breaks: region.breaks }) };
        if (region.kind === 'box' && region.title) story.paragraphs.push(para(region.title, 'kicker', 'title', 'inline', 0));
        if (typeof b === 'string') b.split(/\n+/).forEach((t, i) => story.paragraphs.push(para(t, style, 'body', 'inline', i)));
        else if (b.kind === 'article') story.paragraphs.push(...articleParagraphs(b, source, style, used, region.kind === 'box' ? region.bylineStyle : undefined));
        else if (b.kind === 'caption') story.paragraphs.push(...captionParagraphs(b, style));
        else b.paragraphs.forEach((t, i) => story.paragraphs.push({ ...placed(para(t, style, 'body', b.id, i, b.lines[i]), b, i), ...(b.setting && { setting: b.setting }) }));
        stories.push(story);
        return;
      }
    }
  };
  // Chains first, so that continuation regions are known before they are visited.
  const chains = new Map(all.filter((r) => r.kind === 'article' && r.content).map((r) => [r.id, chainOf(r, `regions (${r.id})`)]));
  layout.regions.forEach((r, i) => visit(r, `regions[${i}]`));
  const unplaced = source.blocks.filter((b) => !used.has(b.id)).map((b) => b.id);
  return { stories, hints, unplaced };
}

type Part = 'kicker' | 'main' | 'subtitle';

/** The part each paragraph of a headline group is: its paragraphs are the parts it has, in the order kicker, main, subtitle. */
function groupParts(group: Block): Part[] {
  const present = (['kicker', 'main', 'subtitle'] as const).filter((p) => group.headline?.[p]);
  return present.length === group.paragraphs.length ? present : group.paragraphs.map(() => 'main');
}

/** The part each line of a headline group is (the PDF ingest records it per line; the text ingest per paragraph). */
function headlineParts(group: Block): Part[] {
  const perLine = group.geometry?.parts;
  if (perLine && perLine.length === group.lines.flat().length) return perLine;
  const parts = groupParts(group);
  return group.lines.flatMap((ls, k) => ls.map(() => parts[k] ?? 'main'));
}

/**
 * What the source knows of where paragraph i of a block stood (read from the original page): its
 * column's width, its first line's indent, each line's baseline and column (see StoryParagraph).
 */
function placed(p: StoryParagraph, b: Block, i: number): StoryParagraph {
  const boxes = b.geometry?.lineBoxes[i];
  const first = boxes?.[0];
  const col = first && b.geometry!.columns[first.column];
  if (!col) return p;
  p.measure = col[2] - col[0];
  p.indent = Math.max(0, first.bbox[0] - col[0]);
  p.pins = boxes.map((l) => ({ baseline: l.baseline, column: l.column, ...(l.xs ? { xs: l.xs } : {}) }));
  return p;
}

/** A caption's text and credit: the credit a paragraph of its own, or (read from the original page) a run on the caption's lines where it stood. */
function captionParagraphs(c: Block, style: string): StoryParagraph[] {
  const text = (c.arrow ?? '') + c.paragraphs.join('');
  const sep = c.geometry?.creditSep;
  if (c.credit && sep !== undefined) {
    // Read from the original page: the credit goes on where it stood (on the caption's line, after a
    // gap or flush right, or on a line of its own), as one paragraph with the caption's lines.
    const p = para(text, style, 'body', c.id, 0, c.lines[0]);
    p.runs.push({ text: sep + c.credit, style: 'credit' });
    const col = c.geometry!.columns[0];
    if (col) (p.measure = col[2] - col[0]), (p.indent = 0);
    // Each line at the baseline it stood on (its pieces' places, where all of them are known).
    const byLine = new Map<number, LineBox[]>();
    for (const b of c.geometry!.lineBoxes.flat()) byLine.set(Math.round(b.baseline * 4), [...(byLine.get(Math.round(b.baseline * 4)) ?? []), b]);
    p.pins = [...byLine.values()].map((bs) => ({ baseline: bs[0].baseline, column: 0, ...(bs.every((b) => b.xs) ? { xs: bs.flatMap((b) => b.xs!) } : {}) }));
    // A caption that is only a credit: no empty run before it.
    if (!text) p.runs.shift();
    return [p];
  }
  return [para(text, style, 'body', c.id, 0, c.lines[0]), ...(c.credit ? [para(c.credit, 'credit', 'credit', c.id, 1)] : [])];
}

function para(text: string, style: string, role: StoryParagraph['role'], block: string, index: number, original?: string[]): StoryParagraph {
  return { runs: [{ text, style }], style, role, block, index, original };
}

/** An article's paragraphs with its byline run in at the head and its subheads in place. */
function articleParagraphs(b: Block, source: Source, style: string, used: Set<string>, bylineStyle = 'byline'): StoryParagraph[] {
  const subheads = source.blocks.filter((s) => s.kind === 'subhead' && s.within?.article === b.id);
  const out: StoryParagraph[] = [];
  b.paragraphs.forEach((text, i) => {
    for (const s of subheads.filter((s) => s.within!.beforeParagraph === i)) {
      used.add(s.id);
      const sp = para(s.paragraphs[0], 'subhead', 'subhead', s.id, 0, s.lines[0]);
      // Read from the page: the subhead stands where it stood, in the column of the lines after it.
      const sl = s.geometry?.lineBoxes[0]?.[0];
      const nextCol = b.geometry?.lineBoxes[i]?.[0]?.column;
      if (sl && nextCol !== undefined) sp.pins = [{ baseline: sl.baseline, column: nextCol, ...(sl.xs ? { xs: sl.xs } : {}) }];
      out.push(sp);
    }
    const p = placed(para(text, style, 'body', b.id, i, b.lines[i]), b, i);
    if (b.setting) p.setting = b.setting;
    if (i === 0 && b.byline) p.runs.unshift({ text: b.byline, style: bylineStyle, ...(b.bylineAlone && { alone: true }) });
    out.push(p);
  });
  return out;
}
