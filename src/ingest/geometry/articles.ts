import type { Rect } from '../../pdf/types.js';
import type { Graphics } from './graphics.js';
import type { HeadlineGroup } from './headlines.js';
import { overlap, type Stack } from './stacks.js';

/**
 * Stacks → articles. A newspaper article sits under its headline: the columns below a headline,
 * with nothing between (no rule, no other text), belong to it; columns that start level with an
 * article's column, beside it and not cut off by a rule, continue it (a headline may span fewer
 * columns than its text); the columns of an article are read in tiers, left to right.
 */

export interface Article {
  headline?: HeadlineGroup;
  stacks: Stack[];
  bbox: Rect;
}

/** Columns of one article start level with each other: within this many em of the body size. */
const LEVEL_EM = 1.5;

function union(rects: Rect[]): Rect {
  return [Math.min(...rects.map((r) => r[0])), Math.min(...rects.map((r) => r[1])), Math.max(...rects.map((r) => r[2])), Math.max(...rects.map((r) => r[3]))];
}
const stackRect = (s: Stack): Rect => [s.x0, s.top, s.x1, s.bottom];

export function readingOrder(stacks: Stack[]): Stack[] {
  // Tiers: stacks whose vertical extents overlap read left to right; tiers top to bottom.
  const tiers: Stack[][] = [];
  for (const s of [...stacks].sort((a, b) => a.top - b.top)) {
    const t = tiers.find((t) => t.some((o) => overlap(o.top, o.bottom, s.top, s.bottom) > 0.3 * Math.min(o.bottom - o.top, s.bottom - s.top, 3 * s.size) || Math.abs(o.top - s.top) < LEVEL_EM * s.size));
    if (t) t.push(s);
    else tiers.push([s]);
  }
  return tiers.flatMap((t) => t.sort((a, b) => a.x0 - b.x0));
}

export function assignArticles(stacks: readonly Stack[], headlines: readonly HeadlineGroup[], g: Graphics): { articles: Article[]; unheaded: Stack[] } {
  const owner = new Map<Stack, HeadlineGroup | Stack>();
  /** Rules (and box edges) across [x0, x1] between y0 and y1. */
  const ruled = (x0: number, x1: number, y0: number, y1: number) => {
    const w = Math.max(1, x1 - x0);
    for (const r of g.rules) if (r.orientation === 'h' && r.at > y0 && r.at < y1 && overlap(r.from, r.to, x0, x1) > 0.3 * w) return true;
    for (const b of g.boxes) for (const edge of [b.bbox[1], b.bbox[3]]) if (b.border > 0 && edge > y0 && edge < y1 && overlap(b.bbox[0], b.bbox[2], x0, x1) > 0.3 * w) return true;
    return false;
  };
  // A vertical rule between two columns separates articles when it reaches up past the columns' tops
  // (between their headlines too); a column rule starts level with the columns it divides.
  const vruled = (x0: number, x1: number, y0: number, y1: number, size = 0) => {
    for (const r of g.rules) if (r.orientation === 'v' && r.at > x0 && r.at < x1 && overlap(r.from, r.to, y0, y1) > 0.5 * (y1 - y0) && r.from < y0 - 1.5 * size) return true;
    for (const b of g.boxes) for (const edge of [b.bbox[0], b.bbox[2]]) if (b.border > 0 && edge > x0 && edge < x1 && overlap(b.bbox[1], b.bbox[3], y0, y1) > 0.5 * (y1 - y0)) return true;
    return false;
  };
  // Text between two places in a range of x: another stack or headline.
  const between = (x0: number, x1: number, y0: number, y1: number, except: (Stack | HeadlineGroup)[]) =>
    stacks.some((o) => !except.includes(o) && o.top >= y0 - 1 && o.bottom <= y1 + 1 && o.top < y1 && overlap(o.x0, o.x1, x0, x1) > 0) ||
    headlines.some((h) => !except.includes(h) && h.bbox[1] >= y0 - 1 && h.bbox[3] <= y1 + 1 && overlap(h.bbox[0], h.bbox[2], x0, x1) > 0);

  // 1. Under a headline: it overlaps the column, stands above it, and nothing lies between.
  for (const s of stacks) {
    let best: HeadlineGroup | undefined;
    for (const h of headlines) {
      const ov = overlap(h.bbox[0], h.bbox[2], s.x0, s.x1);
      if (ov <= 0.15 * Math.min(s.x1 - s.x0, h.bbox[2] - h.bbox[0])) continue;
      if (h.bbox[3] > s.top + 0.5 * s.size) continue;
      const x0 = Math.max(h.bbox[0], s.x0), x1 = Math.min(h.bbox[2], s.x1);
      if (ruled(x0, x1, h.bbox[3], s.top) || between(x0, x1, h.bbox[3], s.top, [s, h])) continue;
      if (!best || h.bbox[3] > best.bbox[3]) best = h;
    }
    if (best) owner.set(s, best);
  }
  // 2. Beside a column of an article, level with it and not cut off by a vertical rule (nor any other
  //    column between them): the same article. First the column to the left (the text runs on to the
  //    right), then one to the right (a headline set over the middle columns of its article), each
  //    repeated so that a third column follows the second.
  const besides = (s: Stack, o: Stack, side: 'left' | 'right') => {
    const [a, b] = side === 'left' ? [o, s] : [s, o];
    return o !== s && owner.has(o) && a.x1 <= b.x0 + s.size && b.x0 - a.x1 < 4 * s.size && Math.abs(o.top - s.top) < LEVEL_EM * s.size && !vruled(a.x1 - 1, b.x0 + 1, Math.max(o.top, s.top), Math.min(o.bottom, s.bottom), s.size) && !stacks.some((m) => m !== s && m !== o && m.x0 >= a.x1 - 1 && m.x1 <= b.x0 + 1 && overlap(m.top, m.bottom, s.top, s.bottom) > 0);
  };
  for (const side of ['left', 'right'] as const) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of stacks) {
        if (owner.has(s)) continue;
        const next = stacks.filter((o) => besides(s, o, side)).sort((a, b) => (side === 'left' ? b.x1 - a.x1 : a.x0 - b.x0))[0];
        if (next) {
          owner.set(s, owner.get(next)!);
          changed = true;
        }
      }
    }
  }
  // 3. Under a column of an article (below a photo set into it), with no rule or other text between.
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of stacks) {
      if (owner.has(s)) continue;
      const above = stacks
        .filter((o) => o !== s && owner.has(o) && o.bottom <= s.top && overlap(o.x0, o.x1, s.x0, s.x1) > 0.6 * Math.min(o.x1 - o.x0, s.x1 - s.x0))
        .sort((a, b) => b.bottom - a.bottom)[0];
      if (!above) continue;
      const x0 = Math.max(above.x0, s.x0), x1 = Math.min(above.x1, s.x1);
      if (ruled(x0, x1, above.bottom, s.top) || between(x0, x1, above.bottom, s.top, [s, above])) continue;
      const gapHasPhoto = g.photos.some((p) => p.bbox[1] >= above.bottom - 1 && p.bbox[3] <= s.top + 1 && overlap(p.bbox[0], p.bbox[2], x0, x1) > 0);
      if (!gapHasPhoto && s.top - above.bottom > 3 * s.size) continue;
      owner.set(s, owner.get(above)!);
      changed = true;
    }
  }
  // Articles: one per headline that has columns, one per group of columns without a headline.
  const byOwner = new Map<HeadlineGroup | Stack, Stack[]>();
  for (const s of stacks) {
    let o: HeadlineGroup | Stack | undefined = owner.get(s);
    if (!o) continue;
    const list = byOwner.get(o);
    if (list) list.push(s);
    else byOwner.set(o, [s]);
  }
  const articles: Article[] = [];
  for (const [o, list] of byOwner) {
    const h = o as HeadlineGroup;
    articles.push({ headline: h, stacks: readingOrder(list), bbox: union([h.bbox, ...list.map(stackRect)]) });
  }
  const unheaded = stacks.filter((s) => !owner.has(s));
  return { articles, unheaded };
}

/**
 * Columns without a headline that continue one another (level, side by side, no rule between) form
 * one text: the caller decides what it is (an article whose headline is missing, a sidebar, a caption).
 */
export function groupUnheaded(stacks: readonly Stack[], g: Graphics): Stack[][] {
  const groups: Stack[][] = [];
  const vruled = (x0: number, x1: number, y0: number, y1: number) => g.rules.some((r) => r.orientation === 'v' && r.at > x0 && r.at < x1 && overlap(r.from, r.to, y0, y1) > 0.5 * (y1 - y0));
  for (const s of [...stacks].sort((a, b) => a.x0 - b.x0)) {
    const grp = groups.find((gr) => {
      const last = gr[gr.length - 1];
      return last.x1 <= s.x0 + s.size && s.x0 - last.x1 < 4 * s.size && Math.abs(last.top - s.top) < LEVEL_EM * s.size && Math.abs(last.size - s.size) < 0.1 * s.size && !vruled(last.x1 - 1, s.x0 + 1, Math.max(last.top, s.top), Math.min(last.bottom, s.bottom));
    });
    if (grp) grp.push(s);
    else groups.push([s]);
  }
  return groups;
}
