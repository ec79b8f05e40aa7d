import { readLines, type TextLine } from '../../pdf/lines.js';
import type { PdfPage, Rect } from '../../pdf/types.js';
import type { Block, BlockGeometry, BlockKind, Dropped, LineBox, PageGeometry, Source } from '../types.js';
import { assignArticles, groupUnheaded, readingOrder, type Article } from './articles.js';
import { classifyGraphics, type BoxGraphic, type Graphics } from './graphics.js';
import { groupHeadlines, type HeadlineGroup } from './headlines.js';
import { buildParagraphs, isCredit, keepOneGap, lineBox, spacedText, type Paragraphs } from './paragraphs.js';
import { absorbSubheads, buildStacks, overlap, type Stack } from './stacks.js';
import { inferSettings } from '../setting.js';
import { settingFromPlaces } from './setting.js';

/**
 * The PDF front door's ingest: one page's glyphs, images and paths → the same Source the text path
 * makes (blocks in reading order, each character in exactly one block or in `dropped`), with each
 * block's geometry on the original page and the page's photos, rules and boxes.
 */

/** Display type: at least this many times the body size (headlines; body, captions and credits are smaller). */
const DISPLAY_RATIO = 1.25;

const compact = (s: string) => s.replace(/\s+/g, '');

function union(rects: Rect[]): Rect {
  return [Math.min(...rects.map((r) => r[0])), Math.min(...rects.map((r) => r[1])), Math.max(...rects.map((r) => r[2])), Math.max(...rects.map((r) => r[3]))];
}
const inside = (r: Rect, box: Rect, slack = 1) => r[0] >= box[0] - slack && r[1] >= box[1] - slack && r[2] <= box[2] + slack && r[3] <= box[3] + slack;

/** The most common value, weighted. */
function weightedMode(pairs: [number, number][]): number {
  const m = new Map<number, number>();
  for (const [v, w] of pairs) m.set(v, (m.get(v) ?? 0) + w);
  let best = 0, bestW = -1;
  for (const [v, w] of m) if (w > bestW) (best = v), (bestW = w);
  return best;
}

/** Extra space between characters (em), from the Han-to-Han steps of the lines set at their natural pitch. */
export function trackingOf(stacks: readonly Stack[], size: number): number {
  // Each line's median step from one Han character to the next, and whether the line stops short of
  // its column (a paragraph's last line): justified lines are spread to the column, a short line is
  // set at the natural pitch, so short lines tell the tracking when the block has enough of them.
  const full: number[] = [];
  const short: number[] = [];
  for (const st of stacks) {
    for (const l of st.lines) {
      const s: number[] = [];
      for (let i = 1; i < l.glyphs.length; i++) {
        const a = l.glyphs[i - 1], b = l.glyphs[i];
        if (/\p{Script=Han}/u.test(a.text) && /\p{Script=Han}/u.test(b.text)) s.push((b.x - a.x) / size);
      }
      if (s.length < 3) continue;
      const step = s.sort((x, y) => x - y)[s.length >> 1];
      (st.x1 - l.bbox[2] > size ? short : full).push(step);
    }
  }
  const steps = (short.length >= MIN_SHORT_LINES ? short : [...short, ...full]).sort((a, b) => a - b);
  if (!steps.length) return 0;
  // Without enough short lines: the low end of all lines' steps (justification only widens them).
  const t = (short.length >= MIN_SHORT_LINES ? steps[steps.length >> 1] : steps[Math.floor(steps.length * 0.2)]) - 1;
  // Within a hundredth and a half of an em a line is set solid (rounding of the original's positions).
  // To a thousandth: across a line of twenty characters, rounding to a hundredth could add a fifth of an em.
  return Math.abs(t) < 0.015 ? 0 : Math.round(Math.max(-0.1, Math.min(0.5, t)) * 1000) / 1000;
}

/** Short lines (paragraphs' last lines) a block needs before their pitch alone gives its tracking. */
const MIN_SHORT_LINES = 3;

export interface PdfIngestOptions {
  /** A name for messages. */
  name?: string;
}

/** The page's blocks; `read` is readLines(page) when the caller has it already (inspect prints the lines too). */
export function ingestPdfPage(page: PdfPage, read: ReturnType<typeof readLines> = readLines(page)): Source {
  const { lines: all, dropped: copies } = read;
  const g = classifyGraphics(page);
  const fontName = (i: number) => page.fonts[i]?.name ?? '';
  const horizontal = all.filter((l) => !l.vertical);
  const bodySize = weightedMode(horizontal.map((l) => [Math.round(l.size * 10) / 10, l.glyphs.length]));
  const bodyFont = weightedMode(horizontal.filter((l) => Math.abs(l.size - bodySize) < 0.1 * bodySize).flatMap((l) => l.glyphs.map((x) => [x.font, 1] as [number, number])));
  const lineNo = new Map(all.map((l, i) => [l, i + 1]));

  // Header and footer: the bands above the first and below the last full-width gap, when those bands
  // are thin and hold small type (a date, a page number, an editor's line).
  const display = (l: TextLine) => !l.vertical && l.size >= DISPLAY_RATIO * bodySize;
  const { header, footer } = edgeBands(horizontal, g, page.height, bodySize);
  const edge = new Set([...header, ...footer]);

  const displayLines = horizontal.filter((l) => !edge.has(l) && display(l));
  const textLines = horizontal.filter((l) => !edge.has(l) && !display(l));
  const blockedForHeadlines = (x0: number, x1: number, y0: number, y1: number) => g.rules.some((r) => r.orientation === 'h' && r.at > y0 && r.at < y1 && overlap(r.from, r.to, x0, x1) > 0);
  const headlines = groupHeadlines(displayLines, blockedForHeadlines);
  let stacks = buildStacks(textLines, g, displayLines.map((l) => l.bbox));

  // A tinted box with nothing in it, as large as a photo, stands where a picture goes (a placeholder,
  // a graphic drawn as a fill): captions belong to it as to a photo.
  const empty = (r: Rect) => !all.some((l) => inside(l.bbox, r, 0));
  for (const b of g.boxes) if (b.tint && !b.border && b.bbox[2] - b.bbox[0] >= 40 && b.bbox[3] - b.bbox[1] >= 40 && empty(b.bbox)) g.placeholders.push(b);
  const pictures = [...g.photos, ...g.placeholders.map((b) => ({ bbox: b.bbox }))];
  // Captions: the text under (or on) a picture that looks like a caption: a credit (… 摄), 图为…, a
  // smaller size or another face than the body. Stacks follow one another down from the picture.
  const captionLike = (s: Stack) =>
    s.lines.some((l) => isCredit(l.text) || (l.tail && isCredit(l.tail.text)) || /^图[为：:／/]/.test(l.text)) || s.size < 0.95 * bodySize || s.lines.every((l) => l.font !== bodyFont);
  const captions: { stacks: Stack[]; photo: number }[] = [];
  const taken = new Set<Stack>();
  pictures.forEach((pic, p) => {
    const chain: Stack[] = [];
    let bottom = pic.bbox[3];
    for (;;) {
      const next = stacks.filter((s) => !taken.has(s) && !chain.includes(s) && s.x0 >= pic.bbox[0] - s.size && s.x1 <= pic.bbox[2] + s.size && s.top >= Math.min(bottom, pic.bbox[1] + 0.5 * (pic.bbox[3] - pic.bbox[1])) - 0.5 * s.size && s.top <= bottom + 1.6 * s.size && captionLike(s));
      if (!next.length) break;
      chain.push(...next);
      bottom = Math.max(...chain.map((s) => s.bottom));
    }
    // A caption set beside the picture (its foot level with the picture's, or its head with the picture's head).
    if (!chain.length)
      chain.push(
        ...stacks.filter(
          (s) =>
            !taken.has(s) &&
            captionLike(s) &&
            s.top >= pic.bbox[1] - s.size &&
            s.bottom <= pic.bbox[3] + s.size &&
            ((s.x0 >= pic.bbox[2] - 1 && s.x0 - pic.bbox[2] < 2 * s.size) || (s.x1 <= pic.bbox[0] + 1 && pic.bbox[0] - s.x1 < 2 * s.size)) &&
            (Math.abs(s.bottom - pic.bbox[3]) < 2 * s.size || Math.abs(s.top - pic.bbox[1]) < 2 * s.size),
        ),
      );
    if (!chain.length) return;
    chain.forEach((s) => taken.add(s));
    captions.push({ stacks: chain, photo: p });
  });
  const captionStacks = new Set(captions.flatMap((c) => c.stacks));
  stacks = stacks.filter((s) => !captionStacks.has(s));
  // Tinted strips across the page holding only display type: slogans.
  const slogans = headlines.filter((h) => g.boxes.some((b) => b.tint && b.bbox[2] - b.bbox[0] > 0.6 * page.width && inside(h.bbox, b.bbox) && !stacks.some((s) => inside([s.x0, s.top, s.x1, s.bottom], b.bbox))));
  headlines.splice(0, headlines.length, ...headlines.filter((h) => !slogans.includes(h)));

  // Sidebars: text in a drawn box that holds at most one heading, at its head (its title); boxes that
  // hold several headlines frame a group of articles.
  const inBox = (b: BoxGraphic) => headlines.filter((h) => inside(h.bbox, b.bbox));
  const sidebarBoxes = g.boxes.filter((b) => inBox(b).length <= 1 && stacks.some((s) => inside([s.x0, s.top, s.x1, s.bottom], b.bbox)) && inBox(b).every((h) => stacks.every((s) => !inside([s.x0, s.top, s.x1, s.bottom], b.bbox) || s.top >= h.bbox[3] - 1)));
  const sidebars: { box: BoxGraphic; stacks: Stack[]; title?: HeadlineGroup }[] = [];
  for (const b of sidebarBoxes.sort((x, y) => (x.bbox[2] - x.bbox[0]) * (x.bbox[3] - x.bbox[1]) - (y.bbox[2] - y.bbox[0]) * (y.bbox[3] - y.bbox[1]))) {
    const mine = stacks.filter((s) => inside([s.x0, s.top, s.x1, s.bottom], b.bbox) && !sidebars.some((sb) => sb.stacks.includes(s)));
    const title = inBox(b)[0];
    if (title) headlines.splice(headlines.indexOf(title), 1);
    if (mine.length) sidebars.push({ box: b, stacks: readingOrder(mine), ...(title ? { title } : {}) });
  }
  const sidebarStacks = new Set(sidebars.flatMap((s) => s.stacks));
  stacks = stacks.filter((s) => !sidebarStacks.has(s));

  // Kickers (引题) and subtitles (副题) set near body size: a line of its own right above a headline
  // group, or right under it, in a face other than the body's, aligned with the headline. Under the
  // headline it must also look like a subtitle (larger than the body, opening with ——, or centred on
  // the headline): a byline on a line of its own stands there too, flush with its column.
  for (const h of headlines) {
    const main = h.lines[h.parts.indexOf('main')];
    const centreOf = (r: Rect) => (r[0] + r[2]) / 2;
    const aligned = (r: Rect) => Math.abs(centreOf(r) - centreOf(h.bbox)) < main.size || Math.abs(r[0] - h.bbox[0]) < main.size;
    const loneLine = (st: Stack) => st.lines.length === 1 && st.lines[0].font !== bodyFont && aligned(st.lines[0].bbox) && st.x1 - st.x0 <= h.bbox[2] - h.bbox[0] + 2 * main.size;
    for (;;) {
      const top = h.lines[0];
      const above = stacks.find((st) => loneLine(st) && st.bottom <= top.bbox[1] + 1 && top.bbox[1] - st.bottom < 0.9 * Math.min(st.size, top.size));
      if (!above) break;
      stacks.splice(stacks.indexOf(above), 1);
      h.lines.unshift(above.lines[0]);
      h.parts.unshift('kicker');
      h.bbox = union([h.bbox, above.lines[0].bbox]);
    }
    const last = h.lines[h.lines.length - 1];
    const under = stacks.find((st) => loneLine(st) && st.top >= last.bbox[3] - 1 && st.top - last.bbox[3] < 0.9 * Math.min(st.size, last.size) && (st.size > 1.05 * bodySize || /^——/.test(st.lines[0].text) || Math.abs(centreOf(st.lines[0].bbox) - centreOf(h.bbox)) < main.size));
    if (under) {
      stacks.splice(stacks.indexOf(under), 1);
      h.lines.push(under.lines[0]);
      h.parts.push('subtitle');
      h.bbox = union([h.bbox, under.lines[0].bbox]);
    }
  }
  // A one-line heading inside a column, between two stretches of that column's text and hardly larger
  // than it, is a subhead (小标题), not the headline of a new article: a new article's text would
  // open with a byline, and its headline would stand apart (larger, wider, after a rule).
  for (const h of [...headlines]) {
    if (h.lines.length !== 1) continue;
    const l = h.lines[0];
    const within = (st: Stack) => l.bbox[0] >= st.x0 - st.size && l.bbox[2] <= st.x1 + st.size;
    const below = stacks.filter((st) => within(st) && st.top >= l.bbox[3] - 1 && st.top - l.bbox[3] < 2.5 * st.size).sort((a, b) => a.top - b.top)[0];
    const above = stacks.filter((st) => within(st) && st.bottom <= l.bbox[1] + 1 && l.bbox[1] - st.bottom < 2.5 * st.size).sort((a, b) => b.bottom - a.bottom)[0];
    if (!below || !above || l.size > 1.35 * below.size || Math.abs(above.x0 - below.x0) > below.size) continue;
    const first = below.lines[0];
    if (first.glyphs[0].font !== weightedMode(below.lines.flatMap((x) => x.glyphs.map((gl) => [gl.font, 1] as [number, number])))) continue;
    if (g.rules.some((r) => r.orientation === 'h' && r.at > above.bottom && r.at < below.top && overlap(r.from, r.to, l.bbox[0], l.bbox[2]) > 0)) continue;
    headlines.splice(headlines.indexOf(h), 1);
    stacks.push({ lines: [{ ...l, subhead: true }], x0: l.bbox[0], x1: l.bbox[2], top: l.bbox[1], bottom: l.bbox[3], size: l.size, pitch: 0 });
  }
  stacks = absorbSubheads(stacks, g);
  const { articles, unheaded } = assignArticles(stacks, headlines, g);
  for (const grp of groupUnheaded(unheaded, g)) {
    const stacksInOrder = readingOrder(grp);
    articles.push({ stacks: stacksInOrder, bbox: union(stacksInOrder.map((s) => [s.x0, s.top, s.x1, s.bottom])) });
  }
  joinContinuations(articles);
  attachOrphans(articles, g);
  const usedHeadlines = new Set(articles.map((a) => a.headline).filter(Boolean));
  const loneHeadlines = headlines.filter((h) => !usedHeadlines.has(h));

  // Vertical headlines: vertical lines side by side, right to left; the smaller ones are the subtitle.
  const verticals = groupVerticals(all.filter((l) => l.vertical));

  // Reading order over the page: by top, then left to right (articles level with each other read left to right).
  type Item = { top: number; x: number; emit: () => void };
  const items: Item[] = [];
  const blocks: Block[] = [];
  const counters = new Map<string, number>();
  const nextId = (kind: BlockKind) => {
    const prefix = kind === 'vertical-headline' ? 'vertical' : kind === 'headline-group' ? 'headline' : kind;
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}-${n}`;
  };
  const sourceRange = (ls: readonly TextLine[]): [number, number] => {
    const n = ls.map((l) => lineNo.get(l) ?? 0).filter((x) => x > 0);
    return n.length ? [Math.min(...n), Math.max(...n)] : [0, 0];
  };
  const geometryOf = (stacksOf: readonly Stack[], p: Paragraphs, extra: Partial<BlockGeometry> = {}): BlockGeometry => {
    const ls = stacksOf.flatMap((s) => s.lines);
    const size = weightedMode(ls.map((l) => [Math.round(l.size * 100) / 100, l.glyphs.length]));
    const pitches = stacksOf.filter((s) => s.lines.length > 1).map((s) => [Math.round(s.pitch * 100) / 100, s.lines.length] as [number, number]);
    const font = weightedMode(ls.flatMap((l) => l.glyphs.map((x) => [x.font, 1] as [number, number])));
    return {
      bbox: union(stacksOf.map((s) => [s.x0, s.top, s.x1, s.bottom])),
      columns: stacksOf.map((s) => [s.x0, s.top, s.x1, s.bottom]),
      lineBoxes: p.boxes,
      size,
      leading: pitches.length ? weightedMode(pitches) : 0,
      tracking: trackingOf(stacksOf, size),
      font: fontName(font),
      bold: ls.filter((l) => l.bold).length * 2 > ls.length,
      color: ls[0]?.color ?? '#000000',
      ...extra,
    };
  };
  const lineLength = (boxes: LineBox[][]) => weightedMode(boxes.flat().map((b) => [Math.round(((b.bbox[2] - b.bbox[0]) / b.size) * 2) / 2, 1]));
  const boxOf = (r: Rect) => g.boxes.find((b) => inside(r, b.bbox) && (b.border > 0 || b.tint));

  const headlineBlock = (h: HeadlineGroup, article?: string): Block => {
    const texts = h.lines.map((l) => spacedText(l.glyphs));
    const part = (p: 'kicker' | 'main' | 'subtitle') => texts.filter((_, i) => h.parts[i] === p).map(compact).join('');
    const kicker = part('kicker'), main = part('main'), subtitle = part('subtitle');
    const boxes: LineBox[] = h.lines.map((l, i) => lineBox(l, texts[i], 0, 'start', page.fonts));
    const paragraphs = [kicker, main, subtitle].filter(Boolean);
    const lines = (['kicker', 'main', 'subtitle'] as const).filter((p) => part(p)).map((p) => texts.filter((_, i) => h.parts[i] === p));
    const boxesByPart = (['kicker', 'main', 'subtitle'] as const).filter((p) => part(p)).map((p) => boxes.filter((_, i) => h.parts[i] === p));
    const mainLines = h.lines.filter((_, i) => h.parts[i] === 'main');
    const size = Math.max(...mainLines.map((l) => l.size));
    return {
      id: nextId('headline-group'),
      kind: 'headline-group',
      paragraphs,
      lines,
      lineLength: Math.max(...h.lines.map((l) => Math.round((l.bbox[2] - l.bbox[0]) / l.size))),
      source: sourceRange(h.lines),
      headline: { ...(kicker ? { kicker } : {}), ...(main ? { main } : {}), ...(subtitle ? { subtitle } : {}) },
      ...(article ? { pairedWith: { article, score: 1 }, leadsArticle: true } : {}),
      geometry: {
        bbox: h.bbox,
        columns: [h.bbox],
        lineBoxes: boxesByPart,
        size,
        leading: mainLines.length > 1 ? mainLines[1].baseline - mainLines[0].baseline : 0,
        tracking: 0,
        font: fontName(mainLines[0].font),
        bold: mainLines.some((l) => l.bold),
        color: mainLines[0].color,
        parts: h.parts,
      },
    };
  };

  for (const a of articles) {
    items.push({
      top: a.bbox[1],
      x: a.bbox[0],
      emit: () => {
        const p = buildParagraphs(a.stacks, page.fonts);
        const starts = itemStarts(p);
        if (starts.length > 1) {
          // Short news (简讯): each item is a text of its own; the section's heading stands alone.
          const v = verticals.find((v) => v.article === a);
          if (v) blocks.push(verticalBlock(v, nextId('vertical-headline')));
          if (a.headline) blocks.push(headlineBlock(a.headline));
          const whole = geometryOf(a.stacks, p);
          starts.forEach((from, k) => {
            const to = starts[k + 1] ?? p.paragraphs.length;
            const boxes = p.boxes.slice(from, to);
            let runIn = from === 0 ? p.byline : p.runIns[from]?.text;
            const runInFace = from === 0 ? p.bylineFace : p.runIns[from]?.face;
            const paragraphs = p.paragraphs.slice(from, to);
            if (runIn && from > 0) (paragraphs[0] = paragraphs[0].slice(compact(runIn).length)), (runIn = keepOneGap(runIn, paragraphs[0]));
            // The item's columns: the stretch of each column its lines stand in.
            const used = [...new Set(boxes.flat().map((b) => b.column))];
            const columns: Rect[] = used.map((c) => {
              const inCol = boxes.flat().filter((b) => b.column === c);
              return [whole.columns[c][0], Math.min(...inCol.map((b) => b.bbox[1])), whole.columns[c][2], Math.max(...inCol.map((b) => b.bbox[3]))];
            });
            const lineBoxes = boxes.map((para) => para.map((b) => ({ ...b, column: used.indexOf(b.column) })));
            const itemLines = a.stacks.flatMap((s) => s.lines).filter((l) => boxes.flat().some((b) => b.baseline === l.baseline && b.bbox[0] === l.bbox[0]));
            blocks.push({
              id: nextId('article'),
              kind: 'article',
              paragraphs,
              lines: p.lines.slice(from, to),
              lineLength: lineLength(boxes),
              source: sourceRange(itemLines),
              ...(runIn ? { byline: runIn } : {}),
              geometry: { ...whole, bbox: union(columns), columns, lineBoxes, ...(runInFace ? { bylineFace: runInFace } : {}) },
            });
          });
          return;
        }
        const id = nextId('article');
        const v = verticals.find((v) => v.article === a);
        if (v) blocks.push(verticalBlock(v, nextId('vertical-headline')));
        if (a.headline) blocks.push(headlineBlock(a.headline, id));
        const nonEmpty = p.paragraphs.length ? p : { ...p, paragraphs: [''], lines: [[]], boxes: [[]] };
        const boxed = boxOf(a.bbox);
        blocks.push({
          id,
          kind: 'article',
          paragraphs: nonEmpty.paragraphs,
          lines: nonEmpty.lines,
          lineLength: lineLength(nonEmpty.boxes),
          source: sourceRange(a.stacks.flatMap((s) => s.lines)),
          ...(p.byline ? { byline: p.byline } : {}),
          ...(p.bylineAlone ? { bylineAlone: true } : {}),
          geometry: geometryOf(a.stacks, nonEmpty, { ...(boxed ? { boxed } : {}), ...(p.bylineFace ? { bylineFace: p.bylineFace } : {}) }),
        });
        for (const sh of p.subheads) {
          blocks.push({
            id: nextId('subhead'),
            kind: 'subhead',
            paragraphs: [sh.text],
            lines: [sh.lines],
            lineLength: Math.round((sh.boxes[0].bbox[2] - sh.boxes[0].bbox[0]) / sh.boxes[0].size),
            source: [sh.boxes[0] ? 0 : 0, 0],
            within: { article: id, beforeParagraph: sh.beforeParagraph },
            geometry: { bbox: sh.boxes[0].bbox, columns: [sh.boxes[0].bbox], lineBoxes: [sh.boxes], size: sh.boxes[0].size, leading: 0, tracking: 0, font: sh.boxes[0].font, bold: sh.boxes[0].bold, color: '#000000' },
          });
        }
      },
    });
  }
  for (const h of loneHeadlines) items.push({ top: h.bbox[1], x: h.bbox[0], emit: () => blocks.push(headlineBlock(h)) });
  // One slogan per strip: the pieces of a letter-spaced line are one text.
  const strips = new Map<BoxGraphic, HeadlineGroup[]>();
  for (const h of slogans) {
    const box = g.boxes.find((x) => x.tint && inside(h.bbox, x.bbox))!;
    strips.set(box, [...(strips.get(box) ?? []), h]);
  }
  for (const [box, hs] of strips) {
    const sorted = hs.sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
    items.push({
      top: box.bbox[1],
      x: box.bbox[0],
      emit: () => {
        const parts = sorted.map((h) => headlineBlock(h));
        const first = parts[0];
        counters.set('headline', (counters.get('headline') ?? 0) - parts.length);
        const lineBoxes = parts.flatMap((b) => b.geometry!.lineBoxes.flat());
        blocks.push({ ...first, id: nextId('slogan'), kind: 'slogan', headline: undefined, paragraphs: [parts.map((b) => b.paragraphs.join('')).join('\u3000')], lines: [parts.flatMap((b) => b.lines.flat())], source: [Math.min(...parts.map((b) => b.source[0])), Math.max(...parts.map((b) => b.source[1]))], geometry: { ...first.geometry!, bbox: union(lineBoxes.map((l) => l.bbox)), lineBoxes: [lineBoxes], parts: undefined, boxed: box } });
      },
    });
  }
  for (const v of verticals.filter((v) => !v.article)) items.push({ top: v.bbox[1], x: v.bbox[0], emit: () => blocks.push(verticalBlock(v, nextId('vertical-headline'))) });
  for (const c of captions) {
    const ordered = readingOrder(c.stacks);
    const photo = pictures[c.photo];
    items.push({
      top: photo.bbox[3],
      x: photo.bbox[0],
      emit: () => {
        const p = buildParagraphs(ordered, page.fonts, { caption: true });
        blocks.push({
          id: nextId('caption'),
          kind: 'caption',
          paragraphs: [p.paragraphs[0] ?? ''],
          lines: p.lines.length ? [p.lines[0]] : [[]],
          lineLength: lineLength(p.boxes),
          source: sourceRange(ordered.flatMap((s) => s.lines)),
          ...(p.credit ? { credit: p.credit.text } : {}),
          geometry: geometryOf(ordered, p, { photo: c.photo, ...(p.creditSep !== undefined ? { creditSep: p.creditSep, creditFont: p.credit!.box.font } : {}) }),
        });
      },
    });
  }
  for (const sb of sidebars) {
    items.push({
      top: sb.box.bbox[1],
      x: sb.box.bbox[0],
      emit: () => {
        const p = buildParagraphs(sb.stacks, page.fonts);
        if (sb.title) {
          // The title heads the sidebar as its first paragraph (the box's title in the layout).
          const t = headlineBlock(sb.title);
          counters.set('headline', (counters.get('headline') ?? 0) - 1);
          p.paragraphs.unshift(t.paragraphs.join(''));
          p.lines.unshift(t.lines.flat());
          p.boxes.unshift(t.geometry!.lineBoxes.flat());
        }
        // A tinted strip across the page holding a line or two is a slogan, not a sidebar.
        const strip = (sb.box.bbox[2] - sb.box.bbox[0]) > 0.6 * page.width && sb.stacks.every((s) => s.lines.length <= 2);
        const kind: BlockKind = strip ? 'slogan' : 'sidebar';
        blocks.push({
          id: nextId(kind),
          kind,
          paragraphs: p.paragraphs.length ? p.paragraphs : [''],
          lines: p.lines.length ? p.lines : [[]],
          lineLength: lineLength(p.boxes),
          source: sourceRange(sb.stacks.flatMap((s) => s.lines)),
          geometry: (() => {
            const g = geometryOf(sb.stacks, p, { boxed: sb.box, ...(sb.title ? { title: true } : {}) });
            // The title stands at the head of the first column: the column reaches up to it.
            if (sb.title) g.columns[0] = [Math.min(g.columns[0][0], sb.title.bbox[0]), Math.min(g.columns[0][1], sb.title.bbox[1]), Math.max(g.columns[0][2], sb.title.bbox[2]), g.columns[0][3]];
            return g;
          })(),
        });
      },
    });
  }
  items.sort((a, b) => (Math.abs(a.top - b.top) < 2 * bodySize ? a.x - b.x : a.top - b.top));

  const edgeBlock = (ls: TextLine[], kind: 'page-header' | 'page-footer') => {
    if (!ls.length) return;
    const sorted = [...ls].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
    const texts = sorted.map((l) => spacedText(l.glyphs));
    const boxes: LineBox[] = sorted.map((l, i) => lineBox(l, texts[i], i, 'start', page.fonts));
    blocks.push({
      id: nextId(kind),
      kind,
      paragraphs: texts.map(compact),
      lines: texts.map((t) => [t]),
      lineLength: 0,
      source: sourceRange(sorted),
      geometry: { bbox: union(sorted.map((l) => l.bbox)), columns: sorted.map((l) => l.bbox), lineBoxes: boxes.map((b) => [b]), size: bodySize, leading: 0, tracking: 0, font: fontName(sorted[0].font), bold: false, color: sorted[0].color },
    });
  };
  edgeBlock(header, 'page-header');
  for (const it of items) it.emit();
  edgeBlock(footer, 'page-footer');

  function verticalBlock(v: VerticalGroup, id: string): Block {
    const columns = v.main.map((l) => compact(l.text));
    const subtitle = v.subtitle.map((l) => compact(l.text)).join('');
    const ls = [...v.main, ...v.subtitle];
    return {
      id,
      kind: 'vertical-headline',
      paragraphs: [...columns, ...(subtitle ? [subtitle] : [])],
      lines: [...v.main.map((l) => [l.text]), ...(subtitle ? [v.subtitle.map((l) => l.text)] : [])],
      lineLength: Math.max(...ls.map((l) => l.glyphs.length)),
      source: sourceRange(ls),
      columns,
      ...(subtitle ? { subtitle } : {}),
      geometry: {
        bbox: v.bbox,
        columns: ls.map((l) => l.bbox),
        lineBoxes: ls.map((l) => [lineBox(l, l.text, 0, 'start', page.fonts)]),
        size: v.main[0].size,
        leading: 0,
        tracking: 0,
        font: fontName(v.main[0].font),
        bold: v.main[0].bold,
        color: v.main[0].color,
      },
    };
  }

  // Pair vertical headlines with the article beside them (the nearest one they stand level with).
  function groupVerticals(vlines: TextLine[]): VerticalGroup[] {
    const out: VerticalGroup[] = [];
    for (const l of [...vlines].sort((a, b) => b.bbox[0] - a.bbox[0])) {
      const grp = out.find((gr) => {
        const last = gr.lines[gr.lines.length - 1];
        return last.bbox[0] - l.bbox[2] < 1.5 * Math.min(last.size, l.size) && overlap(last.bbox[1], last.bbox[3], l.bbox[1], l.bbox[3]) > 0;
      });
      if (grp) grp.lines.push(l);
      else out.push({ lines: [l], main: [], subtitle: [], bbox: l.bbox });
    }
    for (const gr of out) {
      const big = Math.max(...gr.lines.map((l) => l.size));
      gr.main = gr.lines.filter((l) => l.size >= 0.95 * big);
      gr.subtitle = gr.lines.filter((l) => l.size < 0.95 * big);
      gr.bbox = union(gr.lines.map((l) => l.bbox));
      let best: Article | undefined;
      let dist = Infinity;
      for (const a of articles) {
        if (a.headline || overlap(a.bbox[1], a.bbox[3], gr.bbox[1], gr.bbox[3]) <= 0) continue;
        const d = a.bbox[0] >= gr.bbox[2] ? a.bbox[0] - gr.bbox[2] : gr.bbox[0] - a.bbox[2];
        if (d >= -1 && d < dist && d < 4 * bodySize) (best = a), (dist = d);
      }
      gr.article = best;
    }
    return out;
  }

  // Every glyph is in a block or here: overprinted copies, and glyphs with no Unicode value.
  const dropped: Dropped[] = copies.map((c) => ({ text: c.text, line: 0, column: 0, reason: 'fake-bold-duplicate', at: { x: c.x, y: c.y } }));
  for (const l of all) {
    l.glyphs.forEach((gl, i) => {
      if (!gl.known) dropped.push({ text: gl.text, line: lineNo.get(l) ?? 0, column: i + 1, reason: 'no-unicode', at: { x: gl.x, y: gl.y } });
    });
  }
  const geometry: PageGeometry = {
    page: page.number,
    width: page.width,
    height: page.height,
    // Photos first (captions index them), then placeholders, then ornaments.
    photos: [
      ...g.photos.map((p) => ({ bbox: p.bbox, image: { id: p.image.id, seq: p.image.seq, bbox: p.image.bbox, pixelWidth: p.image.pixelWidth, pixelHeight: p.image.pixelHeight }, kind: 'photo' as const })),
      ...g.placeholders.map((b) => ({ bbox: b.bbox, kind: 'placeholder' as const })),
      ...g.ornaments.map((p) => ({ bbox: p.bbox, image: { id: p.image.id, seq: p.image.seq, bbox: p.image.bbox, pixelWidth: p.image.pixelWidth, pixelHeight: p.image.pixelHeight }, kind: 'ornament' as const })),
    ],
    rules: g.rules,
    boxes: g.boxes.filter((b) => !g.placeholders.includes(b)),
  };
  inferSettings(blocks);
  // What the characters' places show wins over what the line widths suggest.
  for (const b of blocks) {
    if (b.kind !== 'article' && b.kind !== 'sidebar') continue;
    const placed = settingFromPlaces(b);
    if (placed) b.setting = { ...b.setting, ...placed };
  }
  return { blocks, dropped, collapses: [], corrections: [], encoding: 'pdf', page: geometry };
}

/**
 * A page header sits in the top 8% of the page, a footer in the bottom 5%, each cut off from the
 * content by a gap across the whole page at least most of a body line high; a band of display type
 * only (a banner headline at the top of a page with no header) is no header.
 */
function edgeBands(lines: readonly TextLine[], g: Graphics, height: number, body: number): { header: TextLine[]; footer: TextLine[] } {
  const spans: [number, number][] = [...lines.map((l) => [l.bbox[1], l.bbox[3]] as [number, number]), ...g.photos.map((p) => [p.bbox[1], p.bbox[3]] as [number, number])].sort((a, b) => a[0] - b[0]);
  const bands: [number, number][] = [];
  for (const s of spans) {
    const last = bands[bands.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else bands.push([...s]);
  }
  const gaps: [number, number][] = [];
  for (let i = 1; i < bands.length; i++) if (bands[i][0] - bands[i - 1][1] >= 0.8 * body) gaps.push([bands[i - 1][1], bands[i][0]]);
  const small = (ls: TextLine[]) => ls.length > 0 && ls.some((l) => l.size <= 1.3 * body);
  const top = gaps.find((gp) => gp[0] <= 0.08 * height);
  const header = top ? lines.filter((l) => l.bbox[3] <= top[0] + 0.01) : [];
  const bottom = [...gaps].reverse().find((gp) => gp[1] >= 0.95 * height);
  const footer = bottom ? lines.filter((l) => l.bbox[1] >= bottom[1] - 0.01) : [];
  return { header: small(header) ? header : [], footer: small(footer) ? footer : [] };
}

/**
 * An article whose text runs on past its last column (the last line is full and ends mid-sentence)
 * continues in a text that starts mid-paragraph (its first line flush with the column, no headline,
 * no byline), set in the same type: newspapers jump a long article to the top of the next columns.
 * Each dangling end takes the nearest such start, preferring one to its right.
 */
function joinContinuations(articles: Article[]) {
  const lastLine = (a: Article) => {
    const s = a.stacks[a.stacks.length - 1];
    return { s, l: s?.lines[s.lines.length - 1] };
  };
  const dangling = (a: Article) => {
    const { s, l } = lastLine(a);
    return !!l && !l.subhead && s.x1 - l.bbox[2] < 0.6 * s.size && !/[。！？”」』…）)]$/.test(l.text.trim());
  };
  const bodyFontOf = (a: Article) => weightedMode(a.stacks.flatMap((s) => s.lines.flatMap((l) => l.glyphs.map((g) => [g.font, 1] as [number, number]))));
  const startsMid = (a: Article) => {
    const s = a.stacks[0];
    const l = s?.lines[0];
    // Flush with the column, in the text's own face throughout (no byline, no run-in title), not opening a quotation.
    return !a.headline && !!l && !l.subhead && l.bbox[0] - s.x0 < 0.6 * s.size && l.glyphs.every((g) => g.font === bodyFontOf(a)) && !/^[“「『（(]/.test(l.text);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const a of articles) {
      if (!dangling(a)) continue;
      const { s } = lastLine(a);
      const same = (b: Article) => Math.abs(b.stacks[0].size - s.size) < 0.05 * s.size && Math.abs(b.stacks[0].pitch - s.pitch) < 0.1 * s.size && Math.abs(b.stacks[0].x1 - b.stacks[0].x0 - (s.x1 - s.x0)) < 1.5 * s.size && b.stacks[0].lines[0].font === s.lines[s.lines.length - 1].font;
      const cands = articles.filter((b) => b !== a && startsMid(b) && same(b));
      if (!cands.length) continue;
      const score = (b: Article) => (b.stacks[0].x0 >= s.x1 - s.size ? 0 : 1e6) + Math.abs(b.stacks[0].x0 - s.x1) + Math.abs(b.stacks[0].top - s.top) * 0.1;
      const b = cands.sort((x, y) => score(x) - score(y))[0];
      a.stacks.push(...b.stacks);
      a.bbox = union([a.bbox, b.bbox]);
      articles.splice(articles.indexOf(b), 1);
      changed = true;
      break;
    }
  }
}

/**
 * Text with neither headline nor byline is part of an article it touches (a stretch of columns under
 * a photo, beside the lead's vertical headline): a new article opens with a headline or a byline.
 * It joins the nearest article in the same type, with no rule between, within a few ems.
 */
function attachOrphans(articles: Article[], g: Graphics) {
  const opensItself = (a: Article) => {
    const l = a.stacks[0]?.lines[0];
    if (!l) return true;
    const font = weightedMode(a.stacks.flatMap((s) => s.lines.flatMap((x) => x.glyphs.map((g) => [g.font, 1] as [number, number]))));
    // A run in another face than the text's at the start of the first line: a byline (or a run-in title).
    return l.glyphs[0].font !== font || !!l.subhead;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const o of articles) {
      if (o.headline || opensItself(o)) continue;
      const s0 = o.stacks[0];
      let best: Article | undefined;
      let bestD = Infinity;
      for (const a of articles) {
        if (a === o || Math.abs(a.stacks[0].size - s0.size) > 0.05 * s0.size) continue;
        for (const s of a.stacks) {
          const dx = Math.max(0, Math.max(s.x0, o.bbox[0]) - Math.min(s.x1, o.bbox[2]));
          const dy = Math.max(0, Math.max(s.top, o.bbox[1]) - Math.min(s.bottom, o.bbox[3]));
          const d = Math.hypot(dx, dy);
          if (d > 3 * s0.size || d >= bestD) continue;
          const between = g.rules.some((r) =>
            r.orientation === 'h'
              ? r.at > Math.min(s.bottom, o.bbox[3]) - 1 && r.at < Math.max(s.top, o.bbox[1]) + 1 && dy > 0 && overlap(r.from, r.to, Math.max(s.x0, o.bbox[0]), Math.min(s.x1, o.bbox[2])) > 0
              : r.at > Math.min(s.x1, o.bbox[2]) - 1 && r.at < Math.max(s.x0, o.bbox[0]) + 1 && dx > 0 && overlap(r.from, r.to, o.bbox[1], o.bbox[3]) > 0.5 * (o.bbox[3] - o.bbox[1]),
          );
          if (!between) (best = a), (bestD = d);
        }
      }
      if (!best) continue;
      best.stacks.push(...o.stacks);
      best.bbox = union([best.bbox, o.bbox]);
      articles.splice(articles.indexOf(o), 1);
      changed = true;
      break;
    }
  }
}

/**
 * Where the items of a short-news column (简讯) start: newspapers set several short reports under one
 * heading, each signed with its authors in brackets at its end (（陈佳 林松）) or opened by a run-in
 * title in bold (■…). At least two signed items, or three run-in titles (not a speaker's name ending
 * in "：", as an interview has), make a column of items; an article with subheads is none.
 */
function itemStarts(p: Paragraphs): number[] {
  if (p.subheads.length || p.paragraphs.length < 2) return [0];
  const signed = p.signed.filter(Boolean).length;
  const titles = p.runIns.map((r, i) => (i === 0 ? (r?.text ?? p.byline) : r?.text));
  const titled = titles.filter((t) => t && !/[：:]$/.test(t.trim())).length;
  if (signed < 2 && titled < 3) return [0];
  const starts = [0];
  for (let i = 1; i < p.paragraphs.length; i++) {
    if ((signed >= 2 && p.signed[i - 1]) || (titled >= 3 && p.runIns[i])) starts.push(i);
  }
  return starts;
}

interface VerticalGroup {
  lines: TextLine[];
  main: TextLine[];
  subtitle: TextLine[];
  bbox: Rect;
  article?: Article;
}

export type { Graphics };
