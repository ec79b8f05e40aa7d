import type { TextLine } from '../../pdf/lines.js';
import type { Rect } from '../../pdf/types.js';
import { overlap } from './stacks.js';

/** Display lines → headline groups: kicker (引题) above, main (主题), subtitle (副题) below. */
export interface HeadlineGroup {
  lines: TextLine[];
  parts: ('kicker' | 'main' | 'subtitle')[];
  bbox: Rect;
}

/**
 * Lines of one headline group stand closer than this (em of the smaller line) one above the next:
 * kicker, main and subtitle are set tight, while the gap to other display text (another article's
 * headline, a caption title) is at least a body line or a rule.
 */
const GROUP_GAP_EM = 0.9;

function union(rects: Rect[]): Rect {
  return [Math.min(...rects.map((r) => r[0])), Math.min(...rects.map((r) => r[1])), Math.max(...rects.map((r) => r[2])), Math.max(...rects.map((r) => r[3]))];
}

/** Do two lines belong to one heading block horizontally: overlapping, or aligned on a common centre or edge? */
function aligned(a: Rect, b: Rect, em: number): boolean {
  const ov = overlap(a[0], a[2], b[0], b[2]);
  if (ov > 0.3 * Math.min(a[2] - a[0], b[2] - b[0])) return true;
  return Math.abs((a[0] + a[2]) / 2 - (b[0] + b[2]) / 2) < em || Math.abs(a[0] - b[0]) < em;
}

/** Group display lines (sorted by top) into headline groups and name each line's part. */
export function groupHeadlines(display: readonly TextLine[], blocked: (x0: number, x1: number, y0: number, y1: number) => boolean): HeadlineGroup[] {
  const sorted = [...display].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  const groups: TextLine[][] = [];
  for (const l of sorted) {
    const g = groups.find((g) => {
      const last = g[g.length - 1];
      const em = Math.min(last.size, l.size);
      const gap = l.bbox[1] - last.bbox[3];
      if (gap < -0.3 * em || gap > GROUP_GAP_EM * em) return false;
      if (!aligned(union(g.map((x) => x.bbox)), l.bbox, Math.max(last.size, l.size))) return false;
      return !blocked(Math.max(l.bbox[0], last.bbox[0]), Math.min(l.bbox[2], last.bbox[2]), last.bbox[3], l.bbox[1]);
    });
    if (g) g.push(l);
    else groups.push([l]);
  }
  return groups.map((lines) => {
    const biggest = Math.max(...lines.map((l) => l.size));
    // The main headline: the lines at the largest size (a two-line main shares it); kicker above, subtitle below.
    const isMain = lines.map((l) => l.size >= 0.95 * biggest);
    const first = isMain.indexOf(true);
    const last = isMain.lastIndexOf(true);
    const parts = lines.map((_, i) => (i < first ? 'kicker' : i > last ? 'subtitle' : 'main') as 'kicker' | 'main' | 'subtitle');
    return { lines, parts, bbox: union(lines.map((l) => l.bbox)) };
  });
}
