import type { PdfImage, PdfPage, Rect } from '../../pdf/types.js';

/** What the page's vector paths and images are to a newspaper page: rules, boxes, tints and photos. */

export interface Rule {
  /** Horizontal or vertical; the line's centre and extent. */
  orientation: 'h' | 'v';
  /** y of a horizontal rule, x of a vertical one. */
  at: number;
  from: number;
  to: number;
  weight: number;
  color: string;
}

export interface BoxGraphic {
  bbox: Rect;
  /** Border weight (0: no border). */
  border: number;
  borderColor?: string;
  /** Fill colour of a tinted or solid box. */
  tint?: string;
}

export interface Photo {
  image: PdfImage;
  /** What shows on the page (the image clipped). */
  bbox: Rect;
}

export interface Graphics {
  rules: Rule[];
  boxes: BoxGraphic[];
  photos: Photo[];
  /** Images too small or too thin to be photos (ornaments, logos drawn as bitmaps under a size). */
  ornaments: Photo[];
  /** Empty tinted boxes standing where a picture goes (found by the ingest, which knows the text). */
  placeholders: BoxGraphic[];
}

/**
 * A filled rectangle thinner than this (pt) is a rule, not a box: newspaper rules run from hairlines
 * to about 2 pt; anything thicker is a bar or a tint.
 */
const RULE_MAX_WEIGHT = 2.5;
/** A rule shorter than this (pt) is an ornament (a dash, a bullet), not a separator. */
const RULE_MIN_LENGTH = 12;
/** Two rules' ends closer than this (pt) meet (a box drawn as four rules). */
const MEET = 3;

const isWhite = (c: string) => /^#(f[a-f0-9]){3}$/i.test(c);

function ruleOfRect(r: Rect, color: string): Rule | undefined {
  const w = r[2] - r[0], h = r[3] - r[1];
  if (h <= RULE_MAX_WEIGHT && w >= RULE_MIN_LENGTH) return { orientation: 'h', at: (r[1] + r[3]) / 2, from: r[0], to: r[2], weight: Math.max(h, 0.1), color };
  if (w <= RULE_MAX_WEIGHT && h >= RULE_MIN_LENGTH) return { orientation: 'v', at: (r[0] + r[2]) / 2, from: r[1], to: r[3], weight: Math.max(w, 0.1), color };
  return undefined;
}

/** Join collinear pieces of one rule (a rule drawn in segments, or a box side split at its corners). */
function mergeRules(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  const sorted = [...rules].sort((a, b) => (a.orientation < b.orientation ? -1 : a.orientation > b.orientation ? 1 : 0) || a.at - b.at || a.from - b.from);
  for (const r of sorted) {
    const last = out.find((o) => o.orientation === r.orientation && Math.abs(o.at - r.at) < 1 && r.from <= o.to + MEET && r.to >= o.from - MEET);
    if (last) {
      last.from = Math.min(last.from, r.from);
      last.to = Math.max(last.to, r.to);
      last.weight = Math.max(last.weight, r.weight);
    } else out.push({ ...r });
  }
  return out;
}

/** Four rules that close a rectangle are a box's border. */
function boxesOfRules(rules: Rule[]): { boxes: BoxGraphic[]; used: Set<Rule> } {
  const h = rules.filter((r) => r.orientation === 'h');
  const v = rules.filter((r) => r.orientation === 'v');
  const boxes: BoxGraphic[] = [];
  const used = new Set<Rule>();
  for (const top of h) {
    for (const left of v) {
      if (Math.abs(left.from - top.at) > MEET || Math.abs(left.at - top.from) > MEET) continue;
      const right = v.find((r) => r !== left && Math.abs(r.at - top.to) <= MEET && Math.abs(r.from - top.at) <= MEET && Math.abs(r.to - left.to) <= MEET);
      const bottom = h.find((r) => r !== top && Math.abs(r.at - left.to) <= MEET && Math.abs(r.from - top.from) <= MEET && Math.abs(r.to - top.to) <= MEET);
      if (!right || !bottom) continue;
      boxes.push({ bbox: [top.from, top.at, top.to, bottom.at], border: Math.max(top.weight, left.weight), borderColor: top.color });
      [top, left, right, bottom].forEach((r) => used.add(r));
    }
  }
  return { boxes, used };
}

/**
 * An image is a photo when it is at least this many points on both sides: smaller bitmaps on a
 * newspaper page are ornaments, icons and bullets (a photo is rarely under 2 cm).
 */
const PHOTO_MIN_SIDE = 40;

export function classifyGraphics(page: Pick<PdfPage, 'paths' | 'images' | 'width' | 'height'>): Graphics {
  let rules: Rule[] = [];
  const boxes: BoxGraphic[] = [];
  for (const p of page.paths) {
    // White paths draw nothing on newsprint (knock-outs, masks over photos).
    if (p.fill && !p.stroke && isWhite(p.fill.color)) continue;
    if (p.rectangles.length && !p.hasCurves) {
      for (const r of p.rectangles) {
        const asRule = ruleOfRect(r, (p.fill ?? p.stroke)!.color);
        if (p.fill && asRule) rules.push(asRule);
        else if (p.fill && !p.stroke) boxes.push({ bbox: r, border: 0, tint: p.fill.color });
        else if (p.stroke) {
          const w = r[2] - r[0], hgt = r[3] - r[1];
          // A stroked rectangle that is a line seen edge-on is a rule.
          if (w < RULE_MAX_WEIGHT || hgt < RULE_MAX_WEIGHT) {
            const rr = ruleOfRect([r[0], r[1] - (hgt < RULE_MAX_WEIGHT ? p.stroke.width / 2 : 0), r[2], r[3] + (hgt < RULE_MAX_WEIGHT ? p.stroke.width / 2 : 0)], p.stroke.color);
            if (rr) rules.push({ ...rr, weight: p.stroke.width });
          } else boxes.push({ bbox: r, border: p.stroke.width, borderColor: p.stroke.color, ...(p.fill ? { tint: p.fill.color } : {}) });
        }
      }
      continue;
    }
    if (p.stroke && !p.hasCurves) {
      for (const s of p.segments) {
        const dx = Math.abs(s.x1 - s.x0), dy = Math.abs(s.y1 - s.y0);
        if (dy < 0.5 && dx >= RULE_MIN_LENGTH) rules.push({ orientation: 'h', at: (s.y0 + s.y1) / 2, from: Math.min(s.x0, s.x1), to: Math.max(s.x0, s.x1), weight: p.stroke.width, color: p.stroke.color });
        else if (dx < 0.5 && dy >= RULE_MIN_LENGTH) rules.push({ orientation: 'v', at: (s.x0 + s.x1) / 2, from: Math.min(s.y0, s.y1), to: Math.max(s.y0, s.y1), weight: p.stroke.width, color: p.stroke.color });
      }
    }
  }
  rules = mergeRules(rules.filter((r) => !isWhite(r.color)));
  const ruled = boxesOfRules(rules);
  boxes.push(...ruled.boxes);
  rules = rules.filter((r) => !ruled.used.has(r));
  // The page's own background (a white or near-full-page fill) is no box.
  const pageArea = page.width * page.height;
  const realBoxes = boxes.filter((b) => (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]) < 0.9 * pageArea && !(b.border === 0 && b.tint && isWhite(b.tint)));
  const photos: Photo[] = [];
  const ornaments: Photo[] = [];
  for (const image of page.images) {
    const v = image.visible;
    const w = v[2] - v[0], hgt = v[3] - v[1];
    if (w <= 0 || hgt <= 0) continue;
    (w >= PHOTO_MIN_SIDE && hgt >= PHOTO_MIN_SIDE ? photos : ornaments).push({ image, bbox: v });
  }
  return { rules, boxes: realBoxes, photos, ornaments, placeholders: [] };
}
