import { ingestPdfPage } from '../ingest/geometry/index.js';
import type { Block } from '../ingest/index.js';
import type { PdfPage, Rect } from '../pdf/types.js';
import type { CompareLine, TaggedArticle } from './page.js';

/**
 * Where compare reports its figures: per article of a banmian facsimile (its structure tree), or
 * per block of the original found by geometry. `of` gives each line's region index.
 */
export interface Regions {
  kind: 'article' | 'block';
  /** Where they come from: the facsimile's tags, the PDF ingest's articles, or blocks of lines. */
  from: 'tags' | 'ingest' | 'lines';
  /** Per region: the structure role (Art, Caption, …) or 'block'. */
  roles: string[];
  /** Region index of each line of the side the regions were found on. */
  of: number[];
}

/** Regions from banmian's tags: each line belongs to the article holding its marked content. */
export function articleRegions(lines: readonly CompareLine[], articles: readonly TaggedArticle[]): Regions {
  const byMcid = new Map<number, number>();
  articles.forEach((a, i) => a.mcids.forEach((m) => byMcid.set(m, i)));
  const roles = articles.map((a) => a.role);
  let untagged = -1;
  const of = lines.map((l) => {
    const r = l.mcid !== undefined ? byMcid.get(l.mcid) : undefined;
    if (r !== undefined) return r;
    // Text outside every article (drawn as an artifact): one region of its own.
    if (untagged < 0) untagged = roles.push('untagged') - 1;
    return untagged;
  });
  return { kind: 'article', from: 'tags', roles, of };
}

/**
 * Regions from the PDF ingest's geometry (src/ingest/geometry): each article with its headline
 * group and subheads, and every other block (caption, sidebar, page header…) on its own. A line
 * belongs to the block whose line box covers most of it, else to the nearest one.
 */
export function ingestRegions(page: PdfPage, lines: readonly CompareLine[]): Regions | undefined {
  let blocks: Block[];
  try {
    blocks = ingestPdfPage(page).blocks.filter((b) => b.geometry);
  } catch {
    // The ingest refuses some pages (no text layer, …): compare falls back to blocks of lines.
    return undefined;
  }
  if (!blocks.length) return undefined;
  const owner = (b: Block) => b.pairedWith?.article ?? b.within?.article ?? b.id;
  const ids = [...new Set(blocks.map(owner))];
  const roles = ids.map((id) => blocks.find((b) => b.id === id)?.kind ?? 'article');
  const boxes = blocks.flatMap((b) => b.geometry!.lineBoxes.flat().map((l) => ({ bbox: l.bbox, region: ids.indexOf(owner(b)) })));
  const area = (r: Rect) => Math.max(0, r[2] - r[0]) * Math.max(0, r[3] - r[1]);
  const of = lines.map((l) => {
    let best = -1, bestArea = 0, near = 0, nearD = Infinity;
    for (const box of boxes) {
      const shared = area([Math.max(l.bbox[0], box.bbox[0]), Math.max(l.bbox[1], box.bbox[1]), Math.min(l.bbox[2], box.bbox[2]), Math.min(l.bbox[3], box.bbox[3])]);
      if (shared > bestArea) (bestArea = shared), (best = box.region);
      const d = rectDistance(l.bbox, box.bbox);
      if (d < nearD) (nearD = d), (near = box.region);
    }
    return best >= 0 ? best : near;
  });
  return { kind: 'article', from: 'ingest', roles, of };
}

/**
 * Lines of one size whose boxes touch up to this share of their size across the line gap belong to
 * one block: newspapers set the line gap at 50–100% of the type size (GB/T and clreq practice), and
 * separate blocks, headlines and articles by more than a line gap or by a size change.
 */
const BLOCK_GAP_EM = 1.2;
/** Sizes within this ratio are one text size (rounding in the producer, condensed faces). */
const SAME_SIZE = 0.15;

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * Blocks of lines, where the PDF ingest gives no articles: lines of one direction and size, stacked across a line gap and overlapping along the line by at
 * least half the shorter one, are one block (a column of a paragraph run, a headline, a caption).
 */
export function blockRegions(lines: readonly CompareLine[]): Regions {
  const parent = lines.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const order = lines.map((_, i) => i).sort((a, b) => lines[a].bbox[1] - lines[b].bbox[1]);
  for (let p = 0; p < order.length; p++) {
    const a = lines[order[p]];
    for (let q = p + 1; q < order.length; q++) {
      const b = lines[order[q]];
      const em = Math.max(a.size, b.size);
      // Sorted by top: once a line starts below a horizontal a's bottom by more than the largest gap
      // a line of a's size class could bridge, no later line joins a.
      if (!a.vertical && b.bbox[1] - a.bbox[3] > (BLOCK_GAP_EM * a.size) / (1 - SAME_SIZE)) break;
      if (a.vertical !== b.vertical || Math.abs(a.size - b.size) > SAME_SIZE * em) continue;
      const [along0, along1, across0, across1] = a.vertical ? [1, 3, 0, 2] : [0, 2, 1, 3];
      const gap = Math.max(a.bbox[across0], b.bbox[across0]) - Math.min(a.bbox[across1], b.bbox[across1]);
      const shared = overlap(a.bbox[along0], a.bbox[along1], b.bbox[along0], b.bbox[along1]);
      const shorter = Math.min(a.bbox[along1] - a.bbox[along0], b.bbox[along1] - b.bbox[along0]);
      if (gap <= BLOCK_GAP_EM * em && shared >= 0.5 * shorter) parent[find(order[q])] = find(order[p]);
    }
  }
  const index = new Map<number, number>();
  const of = lines.map((_, i) => {
    const root = find(i);
    let r = index.get(root);
    if (r === undefined) index.set(root, (r = index.size));
    return r;
  });
  return { kind: 'block', from: 'lines', roles: [...index.keys()].map(() => 'block'), of };
}

/** Distance between two rectangles (0 when they overlap). */
export function rectDistance(a: Rect, b: Rect): number {
  const dx = Math.max(0, a[0] - b[2], b[0] - a[2]);
  const dy = Math.max(0, a[1] - b[3], b[1] - a[3]);
  return Math.hypot(dx, dy);
}

/**
 * Regions for the lines of the other side: a paired line takes its partner's region, any other line
 * the region of the nearest line that has one (either side: the pages share coordinates).
 */
export function assignOther(
  lines: readonly CompareLine[],
  partner: readonly number[],
  partnerRegion: readonly number[],
  reference: readonly { bbox: Rect; region: number }[],
): number[] {
  const of = lines.map((_, i) => (partner[i] >= 0 ? partnerRegion[partner[i]] : -1));
  const known = [...reference, ...lines.flatMap((l, i) => (of[i] >= 0 ? [{ bbox: l.bbox, region: of[i] }] : []))];
  return of.map((r, i) => {
    if (r >= 0 || !known.length) return r >= 0 ? r : 0;
    let best = known[0].region;
    let bestD = Infinity;
    for (const k of known) {
      const d = rectDistance(lines[i].bbox, k.bbox);
      if (d < bestD) (bestD = d), (best = k.region);
    }
    return best;
  });
}
