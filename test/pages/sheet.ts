/**
 * Composing a test page: a `Sheet` collects Typst placements (every element at an absolute box that
 * the design computed) and, beside each, the truth block that says what was placed there. Article
 * bodies are the one thing Typst flows: each body part is a block of columns on a line grid, filled
 * exactly (every column to its last line) by choosing paragraphs whose measured line counts add up.
 * After the compile, probes placed in the flow (part ends, subheads) are checked against the grid,
 * so a truth file never says something the PDF does not show.
 */
import type { ArticleBlock, Block, BodyPart, Box, Face, Panel, Photo, PageTruth, Rule, SubheadBlock } from './truth.js';
import { compile, measure, prelude, pt, SANS, SERIF, str, type Probe } from './typst.js';
import { makePhoto } from './photos.js';

export const MM = 72 / 25.4;
/** Baseline below the top of a line's em box (the Noto CJK em box: 0.88 ascent, 0.12 descent). */
export const ASCENT = 0.88;

export const face = (family: 'serif' | 'sans', weight: number, size: number): Face => ({ family: family === 'serif' ? SERIF : SANS, weight, size });
export const textArgs = (f: Face) => `font: ${str(f.family)}, weight: ${f.weight}, size: ${pt(f.size)}`;
/** A run of text in a face, as Typst content. */
export const run = (f: Face, s: string) => `text(${textArgs(f)})[#${str(s)}]`;

const round = (n: number) => Math.round(n * 1000) / 1000;
export const box = (x: number, y: number, w: number, h: number): Box => ({ x: round(x), y: round(y), w: round(w), h: round(h) });
export const union = (bs: Box[]): Box => {
  const x0 = Math.min(...bs.map((b) => b.x));
  const y0 = Math.min(...bs.map((b) => b.y));
  return box(x0, y0, Math.max(...bs.map((b) => b.x + b.w)) - x0, Math.max(...bs.map((b) => b.y + b.h)) - y0);
};

export interface BodyStyle {
  face: Face;
  /** Gap between lines and between paragraphs (pt): the grid step is size + leading. */
  leading: number;
  /** The byline's face (same size as the body, so lines stay on the grid). */
  bylineFace: Face;
  subheadFace: Face;
  /** Lines a subhead takes in the column. */
  subheadRows: number;
  /** First-line indent in em (default 2). */
  indent?: number;
}

export const stepOf = (s: BodyStyle) => s.face.size + s.leading;

/** Where a body part goes: a rectangle and a column count; the part's rows follow from its height. */
export interface PartSpec {
  x: number;
  y: number;
  w: number;
  /** Height available; the part takes the largest whole number of lines that fits, aligned to the bottom of it when `alignBottom`. */
  h: number;
  columns: number;
  minGutter: number;
  alignBottom?: boolean;
}

/** A part's geometry on the em grid: column width a whole number of characters, the rest goes to the gutters. */
export function partGeometry(spec: PartSpec, style: BodyStyle) {
  const size = style.face.size;
  const step = stepOf(style);
  const n = spec.columns;
  const chars = Math.floor((spec.w - (n - 1) * spec.minGutter) / n / size);
  const columnWidth = chars * size;
  // Gutter rounded down to 1/8 pt: then the block width, and Typst's division of it into columns, are
  // exact in binary floating point, and each column is exactly as wide as the measured one (a column a
  // hair narrower or wider than its characters breaks some full lines differently).
  const gutter = n > 1 ? Math.floor(((spec.w - n * columnWidth) / (n - 1)) * 8) / 8 : 0;
  const rows = Math.floor((spec.h + style.leading) / step);
  const h = rows * step - style.leading;
  const y = spec.alignBottom ? spec.y + spec.h - h : spec.y;
  const w = n * columnWidth + (n - 1) * gutter;
  return { box: box(spec.x, y, w, h), columns: n, columnWidth, gutter, rows, chars };
}

type Item = { kind: 'para'; index: number } | { kind: 'subhead'; text: string; id: string } | { kind: 'byline' };

export interface ArticleSpec {
  id: string;
  style: BodyStyle;
  parts: PartSpec[];
  /** Opening paragraphs to choose from (the byline or run-in title goes in front of the chosen one). */
  leads: string[];
  pool: string[];
  byline?: string;
  bylineAlone?: boolean;
  runIn?: string;
  /** Subheads and the part each goes in. */
  subheads?: { text: string; part: number }[];
  /** Paragraphs in the part must fill it exactly (true), or the last column may end short (briefs, sidebars). */
  exact?: boolean;
}

export class Sheet {
  private early: string[] = [];
  private late: string[] = [];
  readonly blocks: Block[] = [];
  readonly photos: Photo[] = [];
  readonly rules: Rule[] = [];
  readonly panels: Panel[] = [];
  readonly files: Record<string, Buffer> = {};
  private checks: ((probes: Map<string, Probe>) => void)[] = [];
  readonly head: string;

  constructor(
    readonly name: string,
    readonly description: string,
    readonly seed: number,
    readonly width: number,
    readonly height: number,
    readonly typeArea: Box,
    readonly contentOrder: PageTruth['contentOrder'],
    readonly cjkLatinSpacing: boolean,
  ) {
    this.head = prelude({ cjkLatinSpacing });
  }

  /** Put content at an absolute box. Headlines go last in the content stream when the page says so. */
  place(x: number, y: number, content: string, headline = false) {
    (headline && this.contentOrder === 'headlines-last' ? this.late : this.early).push(`#place(top + left, dx: ${pt(x)}, dy: ${pt(y)}, ${content})`);
  }

  measure(items: { content: string; width?: number }[]) {
    return measure(this.head, items);
  }

  /** Natural width of a run of text. */
  widthOf(f: Face, s: string): number {
    return this.measure([{ content: run(f, s) }])[0].w;
  }

  rule(x1: number, y1: number, x2: number, y2: number, width: number) {
    this.rules.push({ x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2), width });
    this.early.push(`#place(top + left, line(start: (${pt(x1)}, ${pt(y1)}), end: (${pt(x2)}, ${pt(y2)}), stroke: ${pt(width)}))`);
  }

  /** A rectangle: fill a gray level (1 white) or none, border width or none. */
  panel(b: Box, fill: number | null, stroke: number | null, of?: string) {
    this.panels.push({ box: b, fill, stroke, ...(of ? { of } : {}) });
    const f = fill === null ? 'none' : `luma(${Math.round(fill * 255)})`;
    const s = stroke === null ? 'none' : pt(stroke);
    this.early.push(`#place(top + left, dx: ${pt(b.x)}, dy: ${pt(b.y)}, rect(width: ${pt(b.w)}, height: ${pt(b.h)}, fill: ${f}, stroke: ${s}))`);
  }

  /** A panel drawn under everything placed so far (a sidebar's tint must not cover its text). */
  panelFirst(b: Box, fill: number | null, stroke: number | null, of?: string) {
    this.panel(b, fill, stroke, of);
    this.early.unshift(this.early.pop()!);
  }

  async photo(id: string, scene: string, b: Box, color: 'gray' | 'rgb', article?: string) {
    // About 150 pixels per inch at the placed size, the resolution of a newspaper's screen.
    const width = Math.round((b.w / 72) * 150);
    const height = Math.round((b.h / 72) * 150);
    const file = `${this.name}-${id}.jpg`;
    this.files[file] = await makePhoto(scene, width, height, color);
    this.photos.push({ id, ...(article ? { article } : {}), box: b, file, pixels: { width, height }, color });
    this.place(b.x, b.y, `image(${str(file)}, width: ${pt(b.w)}, height: ${pt(b.h)}, fit: "stretch")`);
  }

  /** Height of a caption (text, then the credit after a gap) set at width w. */
  captionHeight(f: Face, leading: number, w: number, text: string, credit: string) {
    return this.measure([{ content: this.captionContent(f, leading, text, credit), width: w }])[0].h;
  }
  private captionContent(f: Face, leading: number, text: string, credit: string) {
    return `{ set text(${textArgs(f)}); set par(leading: ${pt(leading)}, first-line-indent: 0pt); par[#${str(text)}#h(1em)#${str(credit)}] }`;
  }
  caption(id: string, photo: string, article: string | undefined, f: Face, leading: number, b: Box, text: string, credit: string) {
    const h = this.captionHeight(f, leading, b.w, text, credit);
    const bb = box(b.x, b.y, b.w, h);
    this.place(bb.x, bb.y, `block(width: ${pt(bb.w)}, ${this.captionContent(f, leading, text, credit)})`);
    this.blocks.push({ id, kind: 'caption', box: bb, ...(article ? { article } : {}), text, credit, photo });
    return bb;
  }

  /**
   * A headline group: kicker, main (one or two lines), subtitle, stacked at the top of box b.
   * Each line must fit the width on one line; returns the group's height.
   */
  headlineGroup(
    id: string,
    article: string,
    b: { x: number; y: number; w: number },
    parts: { kicker?: [Face, string]; main: [Face, string[]]; subtitle?: [Face, string] },
    align: 'center' | 'start',
    gap: number,
  ): Box {
    const lines: { f: Face; s: string; gapBefore: number }[] = [];
    if (parts.kicker) lines.push({ f: parts.kicker[0], s: parts.kicker[1], gapBefore: 0 });
    parts.main[1].forEach((s, i) => lines.push({ f: parts.main[0], s, gapBefore: lines.length ? (i === 0 ? gap : parts.main[0].size * 0.15) : 0 }));
    if (parts.subtitle) lines.push({ f: parts.subtitle[0], s: parts.subtitle[1], gapBefore: gap });
    const widths = this.measure(lines.map((l) => ({ content: run(l.f, l.s) })));
    widths.forEach((m, i) => {
      if (m.w > b.w + 0.01) throw new Error(`page ${this.name}: headline line “${lines[i].s}” (${m.w.toFixed(1)} pt) does not fit ${b.w.toFixed(1)} pt`);
    });
    const h = lines.reduce((a, l) => a + l.gapBefore + l.f.size, 0);
    const a = align === 'center' ? 'center' : 'start';
    const seq = lines.map((l) => `${l.gapBefore ? `v(${pt(l.gapBefore)}); ` : ''}align(${a}, ${run(l.f, l.s)})`).join('; ');
    const bb = box(b.x, b.y, b.w, h);
    this.place(bb.x, bb.y, `block(width: ${pt(bb.w)}, height: ${pt(h)}, { set par(first-line-indent: 0pt, justify: false, spacing: 0pt); set block(spacing: 0pt); ${seq} })`, true);
    this.blocks.push({
      id,
      kind: 'headline-group',
      box: bb,
      article,
      headline: { ...(parts.kicker ? { kicker: parts.kicker[1] } : {}), main: parts.main[1].join(''), ...(parts.subtitle ? { subtitle: parts.subtitle[1] } : {}) },
      mainLines: parts.main[1],
      faces: { ...(parts.kicker ? { kicker: parts.kicker[0] } : {}), main: parts.main[0], ...(parts.subtitle ? { subtitle: parts.subtitle[0] } : {}) },
      align,
    });
    return bb;
  }

  /** Choose the first candidate whose natural width fits w. */
  fitting(f: Face, candidates: string[], w: number): string {
    const ms = this.measure(candidates.map((s) => ({ content: run(f, s) })));
    const i = ms.findIndex((m) => m.w <= w);
    if (i < 0) throw new Error(`page ${this.name}: no headline of ${candidates.join(' / ')} fits ${w.toFixed(1)} pt at ${f.size} pt`);
    return candidates[i];
  }

  /**
   * A vertical headline: each column's characters stacked one per line, columns right to left, then
   * the subtitle column in a smaller face, its top at the top of the box and its right edge at `right`.
   */
  verticalHeadline(id: string, article: string, right: number, top: number, columns: string[], main: Face, subtitle?: [Face, string]): Box {
    const charGap = main.size * 0.12;
    const colGap = main.size * 0.3;
    const col = (f: Face, s: string, gap: number) => `stack(dir: ttb, spacing: ${pt(gap)}, ${[...s].map((c) => `box(width: ${pt(f.size)}, height: ${pt(f.size)}, align(center + horizon, ${run(f, c)}))`).join(', ')})`;
    const cols = columns.map((c) => col(main, c, charGap));
    let w = columns.length * main.size + (columns.length - 1) * colGap;
    let h = Math.max(...columns.map((c) => [...c].length * main.size + ([...c].length - 1) * charGap));
    if (subtitle) {
      const [f, s] = subtitle;
      cols.push(col(f, s, f.size * 0.1));
      w += colGap + f.size;
      h = Math.max(h, [...s].length * f.size + ([...s].length - 1) * f.size * 0.1);
    }
    const bb = box(right - w, top, w, h);
    this.place(bb.x, bb.y, `stack(dir: rtl, spacing: ${pt(colGap)}, ${cols.join(', ')})`, true);
    this.blocks.push({ id, kind: 'vertical-headline', box: bb, article, columns, ...(subtitle ? { subtitle: subtitle[1] } : {}), faces: { main, ...(subtitle ? { subtitle: subtitle[0] } : {}) } });
    return bb;
  }

  /** A block of plain lines (page header parts, slogan, section bar) whose truth the design writes. */
  push(b: Block) {
    this.blocks.push(b);
  }
  text(x: number, y: number, f: Face, s: string, opts: { fill?: string; headline?: boolean } = {}) {
    this.place(x, y, `text(${textArgs(f)}${opts.fill ? `, fill: ${opts.fill}` : ''})[#${str(s)}]`, opts.headline);
  }

  /**
   * An article body flowing through its parts. Paragraphs are chosen from the leads and the pool so
   * that every column of every part is full to its last line (exact) and subheads never stand on a
   * column's first or last line. Returns the truth block (also pushed, followed by its subheads).
   */
  article(spec: ArticleSpec): ArticleBlock {
    const { block, subheads } = this.flow(spec);
    this.blocks.push(block, ...subheads);
    return block;
  }

  /**
   * A boxed sidebar: a tinted, bordered panel with a title line and paragraphs (its items) below.
   * It takes the items that fit the space in order, and the panel is as tall as they are, standing
   * on the bottom of the space given (so that its foot lines up with the columns beside it).
   */
  sidebar(id: string, article: string, b: { x: number; y: number; w: number; h: number }, pad: number, title: [Face, string], style: BodyStyle, items: string[], frame: { stroke: number; fill: number }) {
    const step = stepOf(style);
    const titleH = title[0].size + style.leading * 2;
    const innerW = b.w - 2 * pad;
    const cw = Math.floor(innerW / style.face.size) * style.face.size;
    const hs = this.measure(items.map((t) => ({ content: this.bodyContent(style, [`#par[#${str(t)}]`]), width: cw })));
    const room = Math.floor((b.h - 2 * pad - titleH + style.leading) / step);
    const taken = fillUpTo(items.map((_, i) => i), hs.map((m) => Math.round((m.h + style.leading) / step)), room);
    const rows = taken.reduce((a, i) => a + Math.round((hs[i].h + style.leading) / step), 0);
    const panelH = 2 * pad + titleH + rows * step - style.leading;
    const panel = box(b.x, b.y + b.h - panelH, b.w, panelH);
    const chosen = taken.map((i) => items[i]);
    const tw = this.widthOf(title[0], title[1]);
    this.text(panel.x + (panel.w - tw) / 2, panel.y + pad, title[0], title[1]);
    const flowed = this.flow({ id, style, parts: [{ x: panel.x + pad + (innerW - cw) / 2, y: panel.y + pad + titleH, w: cw, h: rows * step - style.leading, columns: 1, minGutter: 0 }], leads: chosen.slice(0, 1), pool: chosen.slice(1) });
    this.panelFirst(panel, frame.fill, frame.stroke, id);
    this.blocks.push({ id, kind: 'sidebar', box: panel, article, title: title[1], paragraphs: flowed.block.paragraphs, frame });
    return panel;
  }

  private flow(spec: ArticleSpec): { block: ArticleBlock; subheads: SubheadBlock[] } {
    const { style } = spec;
    const step = stepOf(style);
    const geos = spec.parts.map((p) => partGeometry(p, style));
    const widths = [...new Set(geos.map((g) => g.columnWidth))];
    const texts = [...spec.leads, ...spec.pool];
    const nLeads = spec.leads.length;
    // Lines of every candidate at every column width of the article (leads with their byline / run-in title).
    const lines = new Map<number, number[]>();
    for (const w of widths) {
      const hs = this.measure(texts.map((t, i) => ({ content: this.bodyContent(style, [this.paraMarkup(spec, t, i < nLeads)]), width: w })));
      lines.set(w, hs.map((m) => Math.round((m.h + style.leading) / step)));
    }
    const subheadRows = style.subheadRows;
    let attempt = 0;
    for (; attempt < 40; attempt++) {
      const plan = this.plan(spec, geos, lines, nLeads, attempt);
      if (plan) return this.emit(spec, geos, plan, texts);
    }
    throw new Error(`page ${this.name}: article ${spec.id} cannot fill its parts exactly (${geos.map((g) => `${g.columns}×${g.rows}`).join(', ')}; subhead ${subheadRows} rows)`);
  }

  /** Pick paragraphs per part; attempt k skips the k-th candidate sets so that another combination is tried. */
  private plan(spec: ArticleSpec, geos: ReturnType<typeof partGeometry>[], lines: Map<number, number[]>, nLeads: number, attempt: number): Item[][] | null {
    const lead = attempt % nLeads;
    const used = new Set<number>();
    // Later attempts leave out a few pool paragraphs, so that the subset sum finds other combinations.
    const skip = new Set<number>();
    for (let k = 0; k < Math.floor(attempt / nLeads); k++) skip.add(nLeads + ((k * 7 + attempt) % spec.pool.length));
    const out: Item[][] = [];
    for (let p = 0; p < geos.length; p++) {
      const g = geos[p];
      const L = g.rows;
      const ls = lines.get(g.columnWidth)!;
      const subs = (spec.subheads ?? []).map((s, i) => ({ ...s, id: `${spec.id}-sub${i + 1}` })).filter((s) => s.part === p);
      let fixed = subs.length * spec.style.subheadRows;
      const items: Item[] = [];
      if (p === 0) {
        if (spec.bylineAlone) {
          items.push({ kind: 'byline' });
          fixed += 1;
        }
        items.push({ kind: 'para', index: lead });
        fixed += ls[lead];
      }
      const capacity = g.columns * L - fixed;
      const candidates = [];
      for (let i = nLeads; i < ls.length; i++) if (!used.has(i) && !skip.has(i)) candidates.push(i);
      const chosen = spec.exact === false ? fillUpTo(candidates, ls, capacity) : subsetSum(candidates, ls, capacity);
      if (!chosen) return null;
      for (const i of chosen) {
        used.add(i);
        items.push({ kind: 'para', index: i });
      }
      // Subheads: spread through the part, each where it starts on a column's line 1..L-1-rows.
      for (let s = 0; s < subs.length; s++) {
        const paras = items.map((it, k) => ({ it, k })).filter(({ it }) => it.kind === 'para');
        const target = ((s + 1) / (subs.length + 1)) * g.columns * L;
        let best = -1;
        let bestDist = Infinity;
        // Between two paragraphs of this part (a subhead never ends a part).
        for (let k = 1; k < items.length; k++) {
          // Not before the article's second paragraph; after a paragraph (not right after another subhead).
          if (items[k - 1].kind !== 'para' || (p === 0 && paras.filter((x) => x.k < k).length < 2)) continue;
          const before = rowsOf(items.slice(0, k), ls, spec.style.subheadRows);
          const row = before % L;
          if (row < 1 || row + spec.style.subheadRows > L - 1) continue;
          // Later subheads go after earlier ones.
          if (items.slice(k).some((it) => it.kind === 'subhead')) continue;
          const d = Math.abs(before - target);
          if (d < bestDist) (best = k), (bestDist = d);
        }
        if (best < 0) return null;
        items.splice(best, 0, { kind: 'subhead', text: subs[s].text, id: subs[s].id });
      }
      out.push(items);
    }
    return out;
  }

  private paraMarkup(spec: ArticleSpec, text: string, first: boolean): string {
    let m = '';
    if (first && spec.byline && !spec.bylineAlone) m += `#${run(spec.style.bylineFace, spec.byline)}`;
    if (first && spec.runIn) m += `#${run(spec.style.bylineFace, spec.runIn)}#${str('\u3000')}`;
    // An explicit par: Typst (0.13 on) makes a lone text in a container no paragraph, so it would lose its indent.
    return `#par[${m}#${str(text)}]`;
  }

  /** Body settings around a list of markup items (paragraphs, subheads), as one Typst code block. */
  private bodyContent(style: BodyStyle, items: string[], columns?: { n: number; gutter: number }) {
    const inner = `[\n${items.join('\n\n')}\n]`;
    return `{ set text(${textArgs(style.face)}); set par(leading: ${pt(style.leading)}, spacing: ${pt(style.leading)}, first-line-indent: (amount: ${style.indent ?? 2}em, all: true)); ${columns && columns.n > 1 ? `columns(${columns.n}, gutter: ${pt(columns.gutter)}, ${inner})` : inner} }`;
  }

  private emit(spec: ArticleSpec, geos: ReturnType<typeof partGeometry>[], plan: Item[][], texts: string[]): { block: ArticleBlock; subheads: SubheadBlock[] } {
    const { style } = spec;
    const step = stepOf(style);
    const paragraphs: string[] = [];
    const parts: BodyPart[] = [];
    const subheads: SubheadBlock[] = [];
    plan.forEach((items, p) => {
      const g = geos[p];
      const first = paragraphs.length;
      const markup = items.map((it, k) => {
        const last = k === items.length - 1 || items.slice(k + 1).every((x) => x.kind !== 'para');
        if (it.kind === 'byline')
          return `#block(above: ${pt(style.leading)}, below: ${pt(style.leading)}, { set par(first-line-indent: 0pt); ${run(style.bylineFace, spec.byline!)} })`;
        if (it.kind === 'subhead') {
          const h = style.subheadRows * step - style.leading;
          subheads.push({ id: it.id, kind: 'subhead', box: box(0, 0, g.columnWidth, h), article: spec.id, text: it.text, within: { article: spec.id, beforeParagraph: paragraphs.length }, face: style.subheadFace });
          return `#block(width: 100%, height: ${pt(h)}, breakable: false, above: ${pt(style.leading)}, below: ${pt(style.leading)}, { set par(first-line-indent: 0pt, justify: false); place(top + left, probe(${str(it.id)})); align(center + horizon, ${run(style.subheadFace, it.text)}) })`;
        }
        const text = texts[it.index];
        paragraphs.push(text);
        const m = this.paraMarkup(spec, text, p === 0 && paragraphs.length === 1);
        return last ? `${m.slice(0, -1)}#probe(${str(`${spec.id}-end${p}`)})]` : m;
      });
      parts.push({ box: g.box, columns: g.columns, columnWidth: g.columnWidth, gutter: g.gutter, rows: g.rows, paragraphs: [first, paragraphs.length - 1] });
      this.place(g.box.x, g.box.y, `block(width: ${pt(g.box.w)}, height: ${pt(g.box.h)}, ${this.bodyContent(style, markup, { n: g.columns, gutter: g.gutter })})`);
      // After the compile: the part's last paragraph ends in its last column (exact: on its last line).
      this.checks.push((probes) => {
        const end = probes.get(`${spec.id}-end${p}`);
        if (!end) throw new Error(`page ${this.name}: ${spec.id} part ${p} lost its end probe`);
        const lastCol = g.box.x + (g.columns - 1) * (g.columnWidth + g.gutter);
        const lastBaseline = g.box.y + (g.rows - 1) * step + ASCENT * style.face.size; // an inline probe reports its baseline
        const inLastColumn = end.x >= lastCol - 0.5 && end.x <= lastCol + g.columnWidth + 0.5;
        const exactEnd = Math.abs(end.y - lastBaseline) < 0.5;
        if (spec.exact !== false ? !(inLastColumn && exactEnd) : end.y > lastBaseline + 0.5 || end.x > g.box.x + g.box.w + 0.5)
          throw new Error(`page ${this.name}: ${spec.id} part ${p} ends at (${end.x.toFixed(1)}, ${end.y.toFixed(1)}), not at the last line (${lastCol.toFixed(1)}, ${lastBaseline.toFixed(1)})`);
      });
    });
    for (const s of subheads) {
      this.checks.push((probes) => {
        const at = probes.get(s.id);
        if (!at) throw new Error(`page ${this.name}: subhead ${s.id} lost its probe`);
        // On the grid: at a column's left edge, on a line's top.
        const part = parts.find((pp) => at.x >= pp.box.x - 0.5 && at.x <= pp.box.x + pp.box.w && at.y >= pp.box.y - 0.5 && at.y <= pp.box.y + pp.box.h)!;
        const rel = part ? (at.y - part.box.y) / step : NaN;
        const col = part ? (at.x - part.box.x) / (part.columnWidth + part.gutter) : NaN;
        if (!part || Math.abs(rel - Math.round(rel)) > 0.01 || Math.abs(col - Math.round(col)) > 0.01)
          throw new Error(`page ${this.name}: subhead ${s.id} at (${at.x.toFixed(1)}, ${at.y.toFixed(1)}) is off the grid`);
        s.box = box(at.x, at.y, s.box.w, s.box.h);
      });
    }
    const g0 = geos[0];
    const block: ArticleBlock = {
      id: spec.id,
      kind: 'article',
      box: union(parts.map((p) => p.box)),
      ...(spec.byline ? { byline: spec.byline } : {}),
      ...(spec.bylineAlone ? { bylineAlone: true } : {}),
      ...(spec.runIn ? { runIn: spec.runIn } : {}),
      paragraphs,
      columns: g0.columns,
      columnWidth: g0.columnWidth,
      face: style.face,
      lineStep: step,
      lineLength: g0.chars,
      indent: style.indent ?? 2,
      parts,
    };
    return { block, subheads };
  }

  /**
   * Short news (简讯): items, each a run-in title and one paragraph, flowing through the columns of
   * one part, chosen so that the part is full. Each item is an article; its box (one per column it
   * touches) comes from probes at its first and last character.
   */
  briefs(idPrefix: string, spec: PartSpec, style: BodyStyle, items: { title: string; text: string }[]): ArticleBlock[] {
    const g = partGeometry(spec, style);
    const step = stepOf(style);
    const markup = (it: { title: string; text: string }, id?: string) =>
      `#par[${id ? `#probe(${str(`${id}-start`)})` : ''}#${run(style.bylineFace, it.title)}#${str('\u3000')}#${str(it.text)}${id ? `#probe(${str(`${id}-stop`)})` : ''}]`;
    const hs = this.measure(items.map((it) => ({ content: this.bodyContent(style, [markup(it)]), width: g.columnWidth })));
    const lines = hs.map((m) => Math.round((m.h + style.leading) / step));
    const chosen = subsetSum(items.map((_, i) => i), lines, g.columns * g.rows);
    if (!chosen) throw new Error(`page ${this.name}: no set of short news items fills ${g.columns}×${g.rows} lines`);
    const ids = chosen.map((_, k) => `${idPrefix}${k + 1}`);
    this.place(g.box.x, g.box.y, `block(width: ${pt(g.box.w)}, height: ${pt(g.box.h)}, ${this.bodyContent(style, chosen.map((i, k) => markup(items[i], ids[k])), { n: g.columns, gutter: g.gutter })})`);
    const blocks: ArticleBlock[] = chosen.map((i, k) => ({
      id: ids[k],
      kind: 'article',
      box: g.box,
      runIn: items[i].title,
      paragraphs: [items[i].text],
      columns: 1,
      columnWidth: g.columnWidth,
      face: style.face,
      lineStep: step,
      lineLength: g.chars,
      indent: style.indent ?? 2,
      parts: [],
    }));
    this.checks.push((probes) => {
      // Each item's lines: from the line of its first probe to the line of its last, column by column.
      const at = (id: string) => {
        const p = probes.get(id);
        if (!p) throw new Error(`page ${this.name}: lost probe ${id}`);
        const col = Math.floor((p.x - g.box.x + 0.5) / (g.columnWidth + g.gutter));
        const row = Math.round((p.y - g.box.y - ASCENT * style.face.size) / step);
        return { col, row };
      };
      let total = 0;
      for (const b of blocks) {
        const s0 = at(`${b.id}-start`);
        const s1 = at(`${b.id}-stop`);
        for (let c = s0.col; c <= s1.col; c++) {
          const r0 = c === s0.col ? s0.row : 0;
          const r1 = c === s1.col ? s1.row : g.rows - 1;
          const x = g.box.x + c * (g.columnWidth + g.gutter);
          b.parts.push({ box: box(x, g.box.y + r0 * step, g.columnWidth, (r1 - r0 + 1) * step - style.leading), columns: 1, columnWidth: g.columnWidth, gutter: 0, rows: r1 - r0 + 1, paragraphs: [0, 0] });
          total += r1 - r0 + 1;
        }
        b.box = union(b.parts.map((p) => p.box));
      }
      if (total !== g.columns * g.rows) throw new Error(`page ${this.name}: short news take ${total} lines, not ${g.columns * g.rows}`);
    });
    this.blocks.push(...blocks);
    return blocks;
  }

  /**
   * Compile, check every probe, and return the PDF with its truth. A failed check throws; with
   * PAGES_LAX=1 in the environment it is only printed, so that the page can be looked at.
   */
  build(): { pdf: Buffer; truth: PageTruth; files: Record<string, Buffer> } {
    const source = [`#set page(width: ${pt(this.width)}, height: ${pt(this.height)}, margin: 0pt)`, this.head, ...this.early, ...this.late].join('\n');
    const { pdf, probes, version } = compile(source, this.files);
    for (const check of this.checks) {
      try {
        check(probes);
      } catch (e) {
        if (!process.env.PAGES_LAX) throw e;
        console.error(String(e));
      }
    }
    const truth: PageTruth = {
      name: this.name,
      description: this.description,
      seed: this.seed,
      page: { width: round(this.width), height: round(this.height) },
      typeArea: this.typeArea,
      contentOrder: this.contentOrder,
      blocks: this.blocks,
      photos: this.photos,
      rules: this.rules,
      panels: this.panels,
      engine: { name: 'typst', version, cjkLatinSpacing: this.cjkLatinSpacing },
    };
    return { pdf, truth, files: this.files };
  }
}

/** Rows the items take: paragraphs their lines, a subhead its rows, a byline one. */
function rowsOf(items: Item[], lines: number[], subheadRows: number) {
  return items.reduce((a, it) => a + (it.kind === 'para' ? lines[it.index] : it.kind === 'subhead' ? subheadRows : 1), 0);
}

/** A subset of the candidates (kept in order) whose line counts add up to exactly `target`; earlier candidates preferred. */
export function subsetSum(candidates: number[], lines: number[], target: number): number[] | null {
  if (target < 0) return null;
  const n = candidates.length;
  // reach[i][s]: some subset of the candidates from i on sums to s.
  const reach: Uint8Array[] = Array.from({ length: n + 1 }, () => new Uint8Array(target + 1));
  reach[n][0] = 1;
  for (let i = n - 1; i >= 0; i--) {
    const l = lines[candidates[i]];
    for (let s = 0; s <= target; s++) reach[i][s] = reach[i + 1][s] || (s >= l && reach[i + 1][s - l]) ? 1 : 0;
  }
  if (!reach[0][target]) return null;
  const out: number[] = [];
  let s = target;
  for (let i = 0; i < n && s > 0; i++) {
    const l = lines[candidates[i]];
    if (s >= l && reach[i + 1][s - l]) {
      out.push(candidates[i]);
      s -= l;
    }
  }
  return out;
}

/** Candidates in order while they fit (for parts that may end short). */
function fillUpTo(candidates: number[], lines: number[], capacity: number): number[] {
  const out: number[] = [];
  let used = 0;
  for (const i of candidates) {
    if (used + lines[i] > capacity) continue;
    out.push(i);
    used += lines[i];
  }
  return out;
}
