import Yoga, { Align, Direction, Edge, FlexDirection, PositionType, type Node } from 'yoga-layout';
import { InputError } from '../errors.js';
import { toPt, type ArticleRegionT, type Box, type BoxRegionT, type Layout, type RegionT } from '../model/index.js';
import type { Frame, LayoutHints } from './types.js';

export type { Frame, LayoutHints } from './types.js';

/**
 * Resolves when yoga is ready to lay out. Under Node's module loader yoga-layout is ready when its
 * import is (it awaits its WebAssembly at the top level); the command line's CommonJS bundle, which
 * cannot hold a top-level await, gives a yoga that loads itself and says when through `__ready`
 * (scripts/bundle.mjs). setPage awaits this before laying out.
 */
export async function layoutReady(): Promise<void> {
  await (Yoga as { __ready?: Promise<void> }).__ready;
}

/** Yoga rounds to whole pixels by default; type needs exact points (a 15 em column at 10.5 pt is 157.5 pt). */
let config: ReturnType<typeof Yoga.Config.create> | undefined;
const newNode = () => {
  if (!config) {
    config = Yoga.Config.create();
    config.setPointScaleFactor(0);
  }
  return Yoga.Node.create(config);
};

/** Space between a headline group and the body, and between a photo and its caption, in points. */
const HEADLINE_GAP = 6;
const CAPTION_GAP = 4;

/**
 * The narrowest a column can be and hold text: one character of the smallest type newspapers print
 * (agate, 5–5.5 pt). A region asking for more columns than its page has room for at that width is
 * refused before any are laid out (a million of them took yoga ten seconds to place off the page).
 */
const NARROWEST_COLUMN_PT = 5;

/**
 * Compute every region's frame with yoga: top-level regions are absolutely placed in the type area
 * (by x/y/width/height or by page-grid column and span); groups lay their children out as flex rows
 * or columns; articles, boxes and photos are themselves small flex trees (headline over body
 * columns, picture over caption).
 */
export function layoutPage(layout: Layout, hints: LayoutHints = {}): Frame[] {
  const { page, styles } = layout;
  const body = styles.body;
  const ctx = { em: body.size, line: body.leading };
  const area = {
    x: page.margins.left,
    y: page.margins.top,
    width: page.width - page.margins.left - page.margins.right,
    height: page.height - page.margins.top - page.margins.bottom,
  };
  const len: Len = (v, path) => {
    if (v === undefined) return undefined;
    try {
      return toPt(v, { ...ctx, whole: /(^|\.)(y|height)$/.test(path) ? area.height : area.width });
    } catch (e) {
      throw new InputError(`${layout.file}: ${path}: ${(e as Error).message}`);
    }
  };
  const gridCol = (area.width - (page.columns - 1) * page.gutter) / page.columns;

  const root = newNode();
  root.setWidth(area.width);
  root.setHeight(area.height);
  const built: { region: RegionT; node: Node; parts: Parts; path: string }[] = [];

  const build = (region: RegionT, parent: Node, path: string, absolute: boolean) => {
    const node = newNode();
    parent.insertChild(node, parent.getChildCount());
    let x = len(region.x, `${path}.x`);
    let width = len(region.width, `${path}.width`);
    // Articles and boxes with a line length are as wide as their columns need, unless a width or span says otherwise.
    const sized = (region.kind === 'article' || region.kind === 'box') && region.lineLength !== undefined && region.span === undefined;
    if (width === undefined && sized) width = naturalWidth(region, layout, len, path);
    if (region.column !== undefined) {
      if (region.column + (region.span ?? 1) - 1 > page.columns) throw new InputError(`${layout.file}: ${path}.column: columns ${region.column}–${region.column + (region.span ?? 1) - 1} lie outside the page grid of ${page.columns} columns`);
      x ??= (region.column - 1) * (gridCol + page.gutter);
      width ??= (region.span ?? 1) * gridCol + ((region.span ?? 1) - 1) * page.gutter;
    }
    // A region placed on the page needs a width; inside a group, flex stretches or grows it.
    if (width === undefined && absolute) width = naturalWidth(region, layout, len, path);
    if (absolute) {
      node.setPositionType(PositionType.Absolute);
      node.setPosition(Edge.Left, x ?? 0);
      node.setPosition(Edge.Top, len(region.y, `${path}.y`) ?? 0);
    }
    if (width !== undefined) node.setWidth(width);
    const height = len(region.height, `${path}.height`);
    if (height !== undefined) node.setHeight(height);
    else if (absolute) throw new InputError(`${layout.file}: ${path}.height: required for a region placed on the page`);
    if (region.grow !== undefined) node.setFlexGrow(region.grow);
    if (region.kind === 'group') {
      node.setFlexDirection(region.direction === 'row' ? FlexDirection.Row : FlexDirection.Column);
      const gap = len(region.gap, `${path}.gap`);
      if (gap) node.setGap(region.direction === 'row' ? Yoga.GUTTER_COLUMN : Yoga.GUTTER_ROW, gap);
      region.children.forEach((c, i) => build(c, node, `${path}.children[${i}]`, false));
      return;
    }
    if ((region.kind === 'article' || region.kind === 'box') && region.columns * NARROWEST_COLUMN_PT > area.width)
      throw new InputError(`${layout.file}: ${path}.columns: ${region.columns} columns cannot stand on a page ${fmt(area.width)} pt wide between its margins (each needs at least ${NARROWEST_COLUMN_PT} pt)`);
    built.push({ region, node, parts: buildParts(region, node, layout, hints, len, path), path });
  };
  layout.regions.forEach((r, i) => build(r, root, `regions[${i}]`, true));
  root.calculateLayout(area.width, area.height, Direction.LTR);

  const snap = (b: Box) => snapToBaselineGrid(b, area.y, page.baseline);
  const frames = built.map(({ region, node, parts, path }) => {
    const abs = absoluteBox(node, area);
    const textColumns = region.kind === 'article' || region.kind === 'box';
    const frame: Frame = { id: region.id, kind: region.kind, region, box: abs, columns: parts.columns.map((n) => (textColumns ? snap(absoluteBox(n, area)) : absoluteBox(n, area))) };
    if (parts.headline) frame.headline = absoluteBox(parts.headline, area);
    if (region.kind === 'article' || region.kind === 'box') placedParts(region, frame, layout, area, len, path);
    if (parts.image) frame.image = absoluteBox(parts.image, area);
    if (parts.caption) frame.caption = absoluteBox(parts.caption, area);
    if (parts.stroke !== undefined) frame.stroke = parts.stroke;
    if (parts.subtitleGap !== undefined) frame.subtitleGap = parts.subtitleGap;
    checkOnPage(frame, layout, path);
    return frame;
  });
  root.freeRecursive();
  return frames;
}

/**
 * Columns and headline lines an article places itself (as `derive` writes them): boxes from the type
 * area's top left, used as they are instead of yoga's even split.
 */
function placedParts(region: ArticleRegionT | BoxRegionT, frame: Frame, layout: Layout, area: Box, len: Len, path: string) {
  const at = (b: { x: string | number; y: string | number; width: string | number }, where: string, height: number): Box => ({
    x: area.x + len(b.x, `${where}.x`)!,
    y: area.y + len(b.y, `${where}.y`)!,
    width: len(b.width, `${where}.width`)!,
    height,
  });
  if (region.columnBoxes) frame.columns = region.columnBoxes.map((c, i) => at(c, `${path}.columnBoxes[${i}]`, len(c.height, `${path}.columnBoxes[${i}].height`)!));
  const lines = region.kind === 'article' && region.headline ? region.headline.lines : undefined;
  if (lines?.length) {
    frame.headlineLines = lines.map((l, i) => ({ box: at(l, `${path}.headline.lines[${i}]`, layout.styles[l.style].size), style: l.style }));
    const boxes = frame.headlineLines.map((l) => l.box);
    const x0 = Math.min(...boxes.map((b) => b.x)), y0 = Math.min(...boxes.map((b) => b.y));
    frame.headline = { x: x0, y: y0, width: Math.max(...boxes.map((b) => b.x + b.width)) - x0, height: Math.max(...boxes.map((b) => b.y + b.height)) - y0 };
  }
}

/** A layout length in points (undefined stays undefined); errors name the JSON path. */
type Len = (v: string | number | undefined, path: string) => number | undefined;

interface Parts {
  columns: Node[];
  headline?: Node;
  image?: Node;
  caption?: Node;
  stroke?: number;
  subtitleGap?: number;
}

/** The region states its width: `width`, or a page-grid `span`. */
const hasOwnWidth = (region: ArticleRegionT | BoxRegionT): boolean => region.width !== undefined || region.span !== undefined;

/** What an article's or a box's columns need: their style, the gutter, and (boxes) the border and the inset of padding plus border. */
function columnSetup(region: ArticleRegionT | BoxRegionT, layout: Layout, len: Len, path: string) {
  const style = layout.styles[region.style ?? (region.kind === 'box' ? 'sidebar' : 'body')];
  const gutter = len(region.gutter, `${path}.gutter`) ?? style.size * 1.5;
  const border = region.kind === 'box' ? (len(region.border, `${path}.border`) ?? 0.75) : 0;
  const inset = region.kind === 'box' ? (len(region.padding, `${path}.padding`) ?? style.size) + border : 0;
  return { style, gutter, border, inset };
}

/** The width an article or box needs for its columns of `lineLength` em, if it states no width. */
function naturalWidth(region: RegionT, layout: Layout, len: Len, path: string): number {
  if (region.kind !== 'article' && region.kind !== 'box') throw new InputError(`${layout.file}: ${path}: give a width or a page-grid column/span`);
  if (!region.lineLength) throw new InputError(`${layout.file}: ${path}: give a width, a page-grid column/span, or lineLength`);
  const { style, gutter, inset } = columnSetup(region, layout, len, path);
  return region.columns * region.lineLength * style.size + (region.columns - 1) * gutter + 2 * inset;
}

function buildParts(region: RegionT, node: Node, layout: Layout, hints: LayoutHints, len: Len, path: string): Parts {
  const child = (parent: Node) => {
    const n = newNode();
    parent.insertChild(n, parent.getChildCount());
    return n;
  };
  const columnsIn = (parent: Node, count: number, gutter: number, colWidth?: number) => {
    parent.setFlexDirection(FlexDirection.Row);
    parent.setGap(Yoga.GUTTER_COLUMN, gutter);
    return Array.from({ length: count }, () => {
      const c = child(parent);
      if (colWidth !== undefined) c.setWidth(colWidth);
      else c.setFlexGrow(1), c.setFlexBasis(0);
      c.setFlexShrink(0);
      return c;
    });
  };
  node.setFlexDirection(FlexDirection.Column);
  switch (region.kind) {
    case 'article':
    case 'box': {
      const { style, gutter, border, inset } = columnSetup(region, layout, len, path);
      if (inset) node.setPadding(Edge.All, inset);
      let headline: Node | undefined;
      // Headline lines the layout places itself take no zone above the columns.
      const placed = region.kind === 'article' && !!region.headline && !!region.headline.lines?.length;
      const lines = region.kind === 'article' ? (placed ? undefined : hints.headlines?.[region.id]) : region.title ? ['kicker'] : undefined;
      // lineLength sizes the columns only when nothing else gives the region its width; with a width
      // (or a grid span) as well, the columns fill it and the typesetter tracks the lines to fit.
      const colWidth = region.lineLength && !hasOwnWidth(region) ? region.lineLength * style.size : undefined;
      if (lines?.length) {
        headline = child(node);
        headline.setHeight(lines.reduce((h, s) => h + (layout.styles[s]?.leading ?? 20), 0));
        headline.setMargin(Edge.Bottom, HEADLINE_GAP);
        // A headline over the first `span` columns only; the body still starts below it in every column.
        const span = region.kind === 'article' && region.headline ? region.headline.span : undefined;
        const width = len(region.width, `${path}.width`);
        const col = colWidth ?? (width !== undefined ? (width - 2 * inset - (region.columns - 1) * gutter) / region.columns : undefined);
        if (span !== undefined && span < region.columns && col !== undefined) {
          headline.setWidth(span * col + (span - 1) * gutter);
          headline.setAlignSelf(Align.FlexStart);
        }
      }
      const bodyNode = child(node);
      bodyNode.setFlexGrow(1);
      bodyNode.setFlexShrink(1);
      // Columns the article places itself are set after yoga (placedParts).
      if (region.columnBoxes) return { headline, columns: [], ...(region.kind === 'box' && { stroke: border }) };
      return { headline, columns: columnsIn(bodyNode, region.columns, gutter, colWidth), ...(region.kind === 'box' && { stroke: border }) };
    }
    case 'photo': {
      const cap = region.caption;
      const horizontal = cap && (cap.position === 'left' || cap.position === 'right');
      node.setFlexDirection(horizontal ? (cap.position === 'left' ? FlexDirection.RowReverse : FlexDirection.Row) : cap?.position === 'above' ? FlexDirection.ColumnReverse : FlexDirection.Column);
      const image = child(node);
      image.setFlexGrow(1);
      image.setFlexShrink(1);
      if (!cap) return { image, columns: [] };
      const captionNode = child(node);
      captionNode.setFlexShrink(0);
      const margin = horizontal ? (cap.position === 'left' ? Edge.Right : Edge.Left) : cap.position === 'above' ? Edge.Bottom : Edge.Top;
      captionNode.setMargin(margin, CAPTION_GAP);
      const style = layout.styles[cap.style ?? 'caption'];
      const size = len(cap.size, `${path}.caption.size`);
      if (horizontal) captionNode.setWidth(size ?? 12 * style.size);
      else if (size !== undefined) captionNode.setHeight(size);
      else {
        // Estimate from the text: characters over characters per line, plus the credit line.
        const width = len(region.width, `${path}.width`) ?? 200;
        const perLine = Math.max(1, Math.floor(width / style.size));
        const chars = hints.captionChars?.[region.id] ?? perLine;
        captionNode.setHeight((Math.ceil(chars / perLine) + 1) * style.leading);
      }
      return { image, caption: captionNode, columns: [captionNode] };
    }
    case 'vertical':
      return { columns: [node], subtitleGap: len(region.subtitleGap, `${path}.subtitleGap`) };
    case 'strip':
    case 'text':
      return { columns: [node] };
    case 'rule':
      return { columns: [], stroke: len(region.weight, `${path}.weight`) ?? 0.5 };
    case 'group':
      return { columns: [] }; // groups are laid out by build(); never reached
  }
}

/**
 * With a baseline grid, text columns start on a grid line counted from the top of the type area,
 * so that lines align across columns and regions whatever stands above them.
 */
function snapToBaselineGrid(box: Box, top: number, pitch: number | undefined): Box {
  if (!pitch) return box;
  const y = top + Math.ceil((box.y - top) / pitch - 1e-6) * pitch;
  return { ...box, y, height: Math.max(0, box.height - (y - box.y)) };
}

function absoluteBox(node: Node, area: { x: number; y: number }): Box {
  let x = node.getComputedLeft();
  let y = node.getComputedTop();
  for (let p = node.getParent(); p; p = p.getParent()) {
    x += p.getComputedLeft();
    y += p.getComputedTop();
  }
  return { x: area.x + x, y: area.y + y, width: node.getComputedWidth(), height: node.getComputedHeight() };
}

function checkOnPage(frame: Frame, layout: Layout, path: string) {
  const { box } = frame;
  const eps = 0.5;
  if (box.x < -eps || box.y < -eps || box.x + box.width > layout.page.width + eps || box.y + box.height > layout.page.height + eps)
    throw new InputError(
      `${layout.file}: ${path} ("${frame.id}"): the region lies outside the page (${fmt(box.x)}, ${fmt(box.y)}) ${fmt(box.width)} × ${fmt(box.height)} pt on a ${fmt(layout.page.width)} × ${fmt(layout.page.height)} pt page`,
    );
  // A photo its caption (or a group squeezing the region) leaves no room: said here, so that check finds it as render does.
  const img = frame.image;
  if (frame.region.kind === 'photo' && frame.region.image && img && (img.width <= 0 || img.height <= 0))
    throw new InputError(`${layout.file}: ${path} ("${frame.id}"): the photo has no room in its frame (${fmt(box.width)} × ${fmt(box.height)} pt, caption included)`);
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** Pairs of frames that overlap (a warning: insets are usually a mistake). */
export function overlaps(frames: readonly Frame[]): [string, string][] {
  const out: [string, string][] = [];
  const solid = frames.filter((f) => f.kind !== 'rule');
  for (let i = 0; i < solid.length; i++)
    for (let j = i + 1; j < solid.length; j++) {
      const a = solid[i].box;
      const b = solid[j].box;
      if (a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5) out.push([solid[i].id, solid[j].id]);
    }
  return out;
}
