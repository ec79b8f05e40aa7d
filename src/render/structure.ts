import type { Frame } from '../layout/index.js';
import type { Box } from '../model/index.js';
import type { SetLine, SetStory } from '../typeset/index.js';

/**
 * The page's logical structure (Tagged PDF, PDF 1.7 §14.8.4) and the order its text is written in:
 * the running header first, then each article in the layout's order as a reader takes it (its
 * headline, a vertical headline beside it, its body with subheads, its photos with their captions),
 * the stories that belong to no article where the layout has them, the running footer last.
 */
export interface PagePlan {
  /** Running header and footer lines: artifacts (pagination), not content. */
  header: SetStory[];
  footer: SetStory[];
  /** The top-level structure elements, in reading order. */
  elements: PlanElement[];
}

/** A paragraph or heading: one marked-content sequence of lines, one structure element. */
export interface PlanText {
  kind: 'text';
  tag: string;
  lines: SetLine[];
}

/** A photo (or its placeholder): drawn in the frame pass as marked content, tagged Figure with Alt. */
export interface PlanFigure {
  kind: 'figure';
  region: string;
  alt: string;
}

export interface PlanGroup {
  kind: 'group';
  tag: string;
  /** The region id (the element's title). */
  title?: string;
  children: PlanElement[];
}

export type PlanElement = PlanText | PlanFigure | PlanGroup;

/** Alt text of a photo with no caption: the tag says it is a photo; nothing on the page says more. */
export const UNCAPTIONED_ALT = '照片';

/**
 * Which article a headline or photo belongs to: the nearest article or box whose frame lies within
 * this many body lines, with no rule between them. Newspapers set a headline or photo right against
 * its article (a gutter or a caption gap, under a line) and separate articles by a rule or by a
 * line's space or more.
 */
const NEAR_LINES = 2;

export function planPage(stories: readonly SetStory[], frames: readonly Frame[], bodyLeading: number): PagePlan {
  const frameOf = new Map(frames.map((f) => [f.id, f]));
  const storyOf = new Map(stories.map((s) => [s.region, s]));
  const header = stories.filter((s) => s.kind === 'page-header' && s.lines.length);
  const footer = stories.filter((s) => s.kind === 'page-footer' && s.lines.length);
  const running = new Set([...header, ...footer]);

  // Articles and boxes hold text of their own; their areas include the regions they continue in.
  const containers = stories.filter((s) => {
    const k = frameOf.get(s.region)?.kind;
    return (k === 'article' || k === 'box') && !running.has(s);
  });
  const areas = new Map<SetStory, Box[]>(containers.map((s) => [s, containerBoxes(frameOf.get(s.region)!, frameOf)]));
  const rules = frames.filter((f) => f.kind === 'rule').map((f) => f.box);
  const nearest = (box: Box): SetStory | undefined => {
    let best: SetStory | undefined;
    let bestD = NEAR_LINES * bodyLeading;
    for (const s of containers) {
      for (const b of areas.get(s)!) {
        const d = distance(box, b);
        if (d > 0 && rules.some((r) => overlaps(r, gapBetween(box, b)))) continue;
        if (d < bestD - 1e-6) (bestD = d), (best = s);
      }
    }
    return best;
  };

  // Vertical headlines go before their article's text, photos (with captions) after it.
  const before = new Map<SetStory, SetStory[]>();
  const after = new Map<SetStory, Frame[]>();
  const attached = new Set<string>();
  for (const s of stories) {
    const f = frameOf.get(s.region);
    if (f?.kind !== 'vertical' || !s.lines.length) continue;
    const owner = nearest(f.box);
    if (!owner || frameOf.get(owner.region)!.kind !== 'article') continue;
    (before.get(owner) ?? before.set(owner, []).get(owner)!).push(s);
    attached.add(s.region);
  }
  // A caption set as a text region of its own (a derived layout keeps it where it stood, on or by its
  // picture) belongs to the nearest photo that has no caption of its own.
  const captionOf = new Map<string, SetStory>();
  for (const s of stories) {
    if (s.kind !== 'caption' || frameOf.get(s.region)?.kind !== 'text' || !s.lines.length) continue;
    const box = frameOf.get(s.region)!.box;
    let best: Frame | undefined;
    let bestD = NEAR_LINES * bodyLeading;
    for (const f of frames) {
      if (f.kind !== 'photo' || storyOf.get(f.id)?.lines.length || captionOf.has(f.id)) continue;
      const d = distance(box, f.image ?? f.box);
      if (d < bestD - 1e-6) (bestD = d), (best = f);
    }
    if (best) captionOf.set(best.id, s), attached.add(s.region);
  }
  for (const f of frames) {
    if (f.kind !== 'photo') continue;
    const owner = nearest(f.image ?? f.box);
    if (!owner) continue;
    (after.get(owner) ?? after.set(owner, []).get(owner)!).push(f);
    attached.add(f.id);
  }
  const captionFor = (f: Frame) => (storyOf.get(f.id)?.lines.length ? storyOf.get(f.id) : captionOf.get(f.id));

  const elements: PlanElement[] = [];
  const placed = new Set<string>();
  for (const s of stories) {
    if (running.has(s) || attached.has(s.region) || !s.lines.length && frameOf.get(s.region)?.kind !== 'photo') continue;
    const f = frameOf.get(s.region);
    placed.add(s.region);
    if (containers.includes(s)) elements.push(container(s, before.get(s) ?? [], after.get(s) ?? [], captionFor));
    else if (f?.kind === 'photo') elements.push({ kind: 'group', tag: 'Div', title: s.region, children: figure(f, s) });
    else if (f?.kind === 'vertical') elements.push({ kind: 'group', tag: 'Sect', title: s.region, children: verticalHeadings(s.lines) });
    else elements.push(...standalone(s));
  }
  // Photos of no article and with no caption: after everything, they carry no text.
  for (const f of frames) {
    if (f.kind !== 'photo' || attached.has(f.id) || placed.has(f.id)) continue;
    const caption = captionFor(f);
    elements.push(caption ? { kind: 'group', tag: 'Div', title: f.id, children: figure(f, caption) } : figure(f, undefined)[0]);
  }
  return { header, footer, elements };
}

/** An article or box: its headline, the vertical headlines beside it, its body, then its photos and their captions. */
function container(story: SetStory, verticals: SetStory[], photos: Frame[], captionFor: (f: Frame) => SetStory | undefined): PlanGroup {
  const children: PlanElement[] = [];
  for (const v of verticals) children.push(...verticalHeadings(v.lines));
  const own = paragraphs(story.lines);
  // Headings do not skip a level: subheads are H2 under a headline (or a box's title), H1 where there is none.
  const hasH1 = children.some((c) => c.kind === 'text' && c.tag === 'H1') || own.some((p) => (p.role === 'headline' && p.part === 'main') || p.role === 'title');
  for (const p of own) {
    let tag = 'P';
    if (p.role === 'headline') tag = p.part === 'main' || !p.part ? 'H1' : 'P';
    else if (p.role === 'title') tag = 'H1';
    else if (p.role === 'subhead') tag = hasH1 ? 'H2' : 'H1';
    children.push({ kind: 'text', tag, lines: p.lines });
  }
  for (const f of photos) children.push(...figure(f, captionFor(f)));
  return { kind: 'group', tag: 'Art', title: story.region, children };
}

/** A vertical headline: its main columns as one heading, its subtitle as a paragraph. */
function verticalHeadings(lines: readonly SetLine[]): PlanText[] {
  const main = lines.filter((l) => l.part !== 'subtitle');
  const subtitle = lines.filter((l) => l.part === 'subtitle');
  return [...(main.length ? [{ kind: 'text' as const, tag: 'H1', lines: main }] : []), ...(subtitle.length ? [{ kind: 'text' as const, tag: 'P', lines: subtitle }] : [])];
}

/** A photo and its caption: Figure (Alt: the caption without its credit), then Caption. */
function figure(frame: Frame, caption: SetStory | undefined): PlanElement[] {
  const text = caption?.lines.filter((l) => l.role !== 'credit').map((l) => l.text).join('') ?? '';
  // An arrow pointing at the photo (→, ▲) is layout, not description.
  const alt = text.replace(/^[\s\u2190-\u21FF\u25B2-\u25C5]+/u, '').trim() || UNCAPTIONED_ALT;
  const out: PlanElement[] = [{ kind: 'figure', region: frame.id, alt }];
  if (caption?.lines.length) out.push({ kind: 'group', tag: 'Caption', children: paragraphs(caption.lines).map((p) => ({ kind: 'text', tag: 'P', lines: p.lines })) });
  return out;
}

/** A story of no article: the slogan, a line of a headline of no article, other text lines. */
function standalone(story: SetStory): PlanElement[] {
  const heading = story.kind === 'headline-group' && (story.part ?? 'main') === 'main';
  return paragraphs(story.lines).map((p) => ({ kind: 'text', tag: heading ? 'H1' : 'P', lines: p.lines }));
}

/** A story's lines cut into paragraphs (same block, paragraph, role and headline part), in reading order. */
export function paragraphs(lines: readonly SetLine[]): { role: SetLine['role']; part?: SetLine['part']; lines: SetLine[] }[] {
  const out: { key: string; role: SetLine['role']; part?: SetLine['part']; lines: SetLine[] }[] = [];
  for (const line of lines) {
    // A headline's lines of one part are one element, whatever paragraph of the group they came from.
    const key = line.role === 'headline' ? `${line.block}\0headline\0${line.part}` : `${line.block}\0${line.paragraph}\0${line.role}\0${line.part}`;
    const last = out[out.length - 1];
    if (last && last.key === key) last.lines.push(line);
    else out.push({ key, role: line.role, part: line.part, lines: [line] });
  }
  return out.map(({ role, part, lines }) => ({ role, part, lines }));
}

/** An article's frames: its own and those of the regions it continues in. */
function containerBoxes(frame: Frame, frameOf: Map<string, Frame>): Box[] {
  const boxes = [frame.box];
  const seen = new Set([frame.id]);
  let r = frame.region;
  while (r.kind === 'article' && r.continueIn && !seen.has(r.continueIn)) {
    const next = frameOf.get(r.continueIn);
    if (!next) break;
    seen.add(next.id);
    boxes.push(next.box);
    r = next.region;
  }
  return boxes;
}

/** The space between two boxes that do not overlap: the strip between their facing edges, as wide as they both are. */
function gapBetween(a: Box, b: Box): Box {
  const x0 = Math.min(a.x + a.width, b.x + b.width), x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y + a.height, b.y + b.height), y1 = Math.max(a.y, b.y);
  // Side by side: the gap runs between the facing edges over the rows both share (and the other way round).
  const [left, right] = x1 > x0 ? [x0, x1] : [x1, x0];
  const [top, bottom] = y1 > y0 ? [y0, y1] : [y1, y0];
  return { x: left, y: top, width: right - left, height: bottom - top };
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Distance between two boxes (0 when they touch or overlap). */
function distance(a: Box, b: Box): number {
  const dx = Math.max(0, a.x - (b.x + b.width), b.x - (a.x + a.width));
  const dy = Math.max(0, a.y - (b.y + b.height), b.y - (a.y + a.height));
  return Math.hypot(dx, dy);
}

/** The index of the top-level element (as readers list them: Document's children) that holds a story's text, or -1. */
export function elementIndexOf(plan: PagePlan, region: string): number {
  const holds = (e: PlanElement): boolean => (e.kind === 'text' ? e.lines.some((l) => l.region === region) : e.kind === 'group' ? e.children.some(holds) : e.region === region);
  return plan.elements.findIndex(holds);
}
