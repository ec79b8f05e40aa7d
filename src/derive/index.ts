import type { Block, LineBox, Rect, Source } from '../ingest/types.js';
import type { LayoutFileT, RegionT, StyleInput } from '../model/schema.js';
import { roleOfPdfFont } from './fonts.js';

/**
 * Source with geometry (read from an original page PDF) → an editable layout in banmian's own model:
 * the page at its size, every region where the original had it, styles read from the page (sizes,
 * leading, tracking, faces mapped to roles), the photos, rules and boxes. Pure: the caller writes
 * the layout and the photo files.
 */

export interface DeriveOptions {
  /** The layout's name (output file name). */
  name: string;
  /** The original PDF as the layout names it (relative to the layout file), and its page. */
  pdf: string;
  page: number;
  /** The photo file for photo `index` of the page, as the layout names it, and the part of it that shows (undefined: a placeholder). */
  image?: (index: number) => { file: string; crop?: { x: number; y: number; width: number; height: number } } | undefined;
  /** Font roles the registry has: a face whose role is missing is set in song, and said so. */
  roles?: readonly string[];
  /** The layout JSON Schema as the layout names it (relative to the layout file). */
  schema?: string;
}

export interface Derived {
  layout: LayoutFileT;
  /** How each original face was read (name → role), for the report. */
  faces: Record<string, string>;
  notes: string[];
}

/** Lengths are written in points, to 0.01 pt: exact enough for the 0.5 mm the rebuild is held to. */
const pt = (v: number) => Math.round(v * 100) / 100;

const NEAR_BLACK = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return ((n >> 16) & 255) < 80 && ((n >> 8) & 255) < 80 && (n & 255) < 80;
};
/** Colours other than (near) black are kept; black is the style sheet's 100% K. */
const colorOf = (hex: string | undefined) => (hex && /^#[0-9a-f]{6}$/i.test(hex) && !NEAR_BLACK(hex) ? hex.toLowerCase() : undefined);

const width = (r: Rect) => r[2] - r[0];
const height = (r: Rect) => r[3] - r[1];

export function deriveLayout(source: Source, options: DeriveOptions): Derived {
  const page = source.page;
  if (!page) throw new Error('deriveLayout: the source has no page geometry (it was not read from a PDF)');
  const roles = new Set(options.roles ?? ['song', 'hei']);
  const faces: Record<string, string> = {};
  const notes: string[] = [];
  const styles: Record<string, StyleInput> = {};
  const styleKey = new Map<string, string>();

  const face = (font: string, bold: boolean) => {
    const r = roleOfPdfFont(font, bold);
    faces[font] = r.reason;
    if (!roles.has(r.font)) {
      notes.push(`${font}: no ${r.font} face installed, set in song`);
      return { font: 'song', weight: r.weight };
    }
    return { font: r.font, weight: r.weight };
  };

  /** A style for these settings, shared by every block that has them; the first body style is "body". */
  const style = (prefix: string, s: StyleInput): string => {
    const key = JSON.stringify([prefix, s]);
    const known = styleKey.get(key);
    if (known) return known;
    let name = prefix;
    // A style that builds on the built-in of its own name takes a numbered name (no cycle).
    for (let n = 2; styles[name] || s.extends === name; n++) name = `${prefix}-${n}`;
    // A second style of a kind inherits from the first (what it does not say, the first says).
    styles[name] = name !== prefix && !s.extends && styles[prefix] ? { extends: prefix, ...s } : s;
    styleKey.set(key, name);
    return name;
  };

  const bodyStyle = (b: Block, base: 'body' | 'caption' | 'sidebar'): string => {
    const g = b.geometry!;
    const { font, weight } = face(g.font, g.bold);
    // The indent of paragraphs that open with a character (one opening with a quote or bracket may hang it).
    const firstLines = g.lineBoxes.map((p) => p[0]).filter((l) => l && !/^[“‘（《「『〔【〈]/.test(l.text));
    const indents = firstLines.map((l) => (l.bbox[0] - g.columns[l.column][0]) / l.size).filter((v) => v > 0.5 && v < 4);
    const indent = indents.length ? Math.round(indents.sort((a, c) => a - c)[indents.length >> 1] * 2) / 2 : 0;
    const s: StyleInput = {
      ...(base === 'body' ? {} : { extends: 'body' }),
      font,
      weight,
      size: pt(g.size),
      leading: pt(g.leading || g.size * 1.4),
      indent,
      // The tracking the page shows, none included: written, it stands, and typesetting does not
      // infer one from the column's width and the characters a line holds (a column half an em
      // wider than its lines, justified, is slack, not tracking; the paragraphs' last lines tell).
      tracking: g.tracking,
      ...(colorOf(g.color) ? { color: colorOf(g.color) } : {}),
      // A caption is set to its photo's width, not to a column the page shows: its lines are kept as they stood.
      ...(base === 'caption' ? { breaks: 'original' as const } : {}),
    };
    return style(base, s);
  };

  /** A one-line text's style (fitted to its width); with `leading`, several lines kept as they stood. */
  const lineStyle = (l: LineBox, prefix: string, color?: string, leading?: number): string => {
    const { font, weight } = face(l.font, l.bold);
    const lines = leading ? { leading: pt(leading), fit: 'none' as const, breaks: 'original' as const } : { leading: pt(l.size), fit: 'condense' as const };
    return style(prefix, { extends: 'body', font, weight, size: pt(l.size), indent: 0, align: 'left', ...lines, ...(colorOf(color) ? { color: colorOf(color) } : {}) });
  };

  const regions: RegionT[] = [];
  // On the page: an em box can reach a little past the page's edge (a large page number at the top).
  const clamp = (r: Rect): Rect => [Math.max(0, r[0]), Math.max(0, r[1]), Math.min(page.width, Math.max(r[2], r[0] + 1)), Math.min(page.height, Math.max(r[3], r[1] + 1))];
  const placed = (raw: Rect) => {
    const r = clamp(raw);
    return { x: pt(r[0]), y: pt(r[1]), width: pt(Math.max(width(r), 1)), height: pt(Math.max(height(r), 1)) };
  };
  const used = new Set<string>();
  const regionId = (base: string) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };

  // Drawn first: tints and boxes (under the text), then rules.
  const sidebarBoxes = new Set(source.blocks.filter((b) => b.kind === 'sidebar' || b.kind === 'slogan').map((b) => JSON.stringify(b.geometry?.boxed?.bbox)));
  // Placeholders are drawn by their photo regions.
  page.boxes.forEach((bx, i) => {
    if (sidebarBoxes.has(JSON.stringify(bx.bbox))) return;
    if (width(bx.bbox) < 2 && height(bx.bbox) < 2) return;
    regions.push({ kind: 'box', id: regionId(`box-${i + 1}`), ...placed(bx.bbox), columns: 1, ...(bx.border ? { border: pt(bx.border) } : { border: 0 }), ...(bx.tint ? { tint: bx.tint.toLowerCase() } : {}), padding: 0 } as RegionT);
  });
  page.rules.forEach((r, i) => {
    const box: Rect = r.orientation === 'h' ? [r.from, r.at - r.weight / 2, r.to, r.at + r.weight / 2] : [r.at - r.weight / 2, r.from, r.at + r.weight / 2, r.to];
    regions.push({ kind: 'rule', id: regionId(`rule-${i + 1}`), ...placed(box), weight: pt(r.weight), ...(colorOf(r.color) ? { color: colorOf(r.color) } : {}) } as RegionT);
  });

  // The file and the part of it that shows, stretched to the place it had (fill): the original's placement exactly.
  const picture = (image: ReturnType<NonNullable<DeriveOptions['image']>>) =>
    image ? { image: image.file, fit: image.crop ? 'fill' : 'cover', ...(image.crop ? { crop: image.crop } : {}) } : { fit: 'cover' };
  // Photos: each at its place; a caption below it when the page has one.
  const captionOf = new Map<number, Block>();
  for (const b of source.blocks) if (b.kind === 'caption' && b.geometry?.photo !== undefined) captionOf.set(b.geometry.photo, b);
  page.photos.forEach((p, i) => {
    const cap = captionOf.get(i);
    const image = options.image?.(i);
    const id = regionId(p.kind === 'photo' ? `photo-${i + 1}` : `image-${i + 1}`);
    if (cap?.geometry) {
      const capBox = cap.geometry.bbox;
      const capStyle = bodyStyle(cap, 'caption');
      // The credit in its own face, as it stood with the caption.
      if (cap.geometry.creditFont) styles.credit ??= { extends: capStyle, ...face(cap.geometry.creditFont, false), indent: 0 };
      // Where the caption stood: beside the picture (its width), above or below it (its lines, and a little
      // more, less than a line, so that it holds the lines it had). The layout keeps a 4 pt gap between them.
      const lead = cap.geometry.leading || cap.geometry.size;
      const side = capBox[0] >= p.bbox[2] - 1 ? 'right' : capBox[2] <= p.bbox[0] + 1 ? 'left' : capBox[3] <= p.bbox[1] + 1 ? 'above' : capBox[1] >= p.bbox[3] - 1 ? 'below' : 'on';
      if (side === 'on') {
        // Set on the picture (a credit over its foot): the photo as it was, the caption's text where it stood.
        regions.push({ kind: 'photo', id, ...placed(p.bbox), ...picture(image), grayscale: false } as RegionT);
        regions.push({ kind: 'text', id: regionId(cap.id), ...placed([capBox[0], capBox[1], capBox[2] + cap.geometry.size, capBox[3] + 0.3 * cap.geometry.size]), style: capStyle, content: { block: cap.id } } as RegionT);
        return;
      }
      const size = side === 'right' || side === 'left' ? width(capBox) + 0.5 * cap.geometry.size : Math.max(height(capBox), cap.geometry.size) + 0.3 * lead;
      const r: Rect =
        side === 'right' ? [p.bbox[0], p.bbox[1], p.bbox[2] + 4 + size, Math.max(p.bbox[3], capBox[3])]
        : side === 'left' ? [p.bbox[0] - 4 - size, p.bbox[1], p.bbox[2], Math.max(p.bbox[3], capBox[3])]
        : side === 'above' ? [Math.min(p.bbox[0], capBox[0]), p.bbox[1] - 4 - size, Math.max(p.bbox[2], capBox[2]), p.bbox[3]]
        : [Math.min(p.bbox[0], capBox[0]), p.bbox[1], Math.max(p.bbox[2], capBox[2]), p.bbox[3] + 4 + size];
      regions.push({ kind: 'photo', id, ...placed(r), ...picture(image), grayscale: false, caption: { content: { block: cap.id }, position: side, size: pt(size), style: capStyle } } as RegionT);
    } else regions.push({ kind: 'photo', id, ...placed(p.bbox), ...picture(image), grayscale: false } as RegionT);
  });

  const headlineOf = new Map<string, Block>();
  for (const b of source.blocks) if (b.kind === 'headline-group' && b.pairedWith) headlineOf.set(b.pairedWith.article, b);

  // Subheads take whole body lines in the flow: as many as the original gave them (the commonest case
  // on the page sets the one subhead style), centred or flush as they stood.
  const subheadSettings: StyleInput[] = [];
  for (const sh of source.blocks) {
    const l = sh.geometry?.lineBoxes[0]?.[0];
    const art = sh.within && source.blocks.find((b) => b.id === sh.within!.article);
    const ag = art?.geometry;
    if (!l || !ag || !ag.leading) continue;
    const k = sh.within!.beforeParagraph;
    const prev = ag.lineBoxes[k - 1]?.at(-1);
    const next = ag.lineBoxes[k]?.[0];
    if (!next) continue;
    const sameColumn = prev && Math.min(prev.bbox[2], next.bbox[2]) > Math.max(prev.bbox[0], next.bbox[0]) && prev.baseline < next.baseline;
    const slots = Math.max(1, sameColumn ? Math.round((next.baseline - prev!.baseline) / ag.leading) - 1 : Math.round((next.baseline - l.baseline) / ag.leading));
    subheadSettings.push({ extends: 'body', ...face(l.font, l.bold), size: pt(l.size), leading: pt(slots * ag.leading), spaceBefore: 0, spaceAfter: 0, indent: 0, align: l.align === 'center' ? 'center' : 'left' });
  }
  if (subheadSettings.length) {
    const count = new Map<string, number>();
    for (const x of subheadSettings) count.set(JSON.stringify(x), (count.get(JSON.stringify(x)) ?? 0) + 1);
    styles.subhead = JSON.parse([...count].sort((a, b) => b[1] - a[1])[0][0]);
  }

  for (const b of source.blocks) {
    const g = b.geometry;
    if (!g) continue;
    switch (b.kind) {
      case 'article': {
        if (!b.paragraphs.some((p) => p.length) && !b.byline) break;
        const h = headlineOf.get(b.id);
        const styleName = bodyStyle(b, 'body');
        const bbox = h?.geometry ? union([g.bbox, h.geometry.bbox]) : g.bbox;
        const lineBoxes = h?.geometry?.lineBoxes.flat() ?? [];
        const headline = h?.geometry
          ? { content: { block: h.id }, lines: lineBoxes.map((l) => ({ x: pt(l.bbox[0]), y: pt(l.bbox[1]), width: pt(width(l.bbox)), style: lineStyle(l, 'headline', h.geometry!.color) })) }
          : false;
        // Each column as tall as its lines need, and a little more (less than one line): the flow puts the
        // same lines in each column as the original did.
        const columnBoxes = g.columns.map((c) => ({ x: pt(c[0]), y: pt(c[1]), width: pt(width(c)), height: pt(height(c) + 0.3 * (g.leading || g.size)) }));
        // The run-in byline or item title: its own face, at the size of the text it heads (an item
        // of a short-news column is set smaller than the page's body, and so is its title).
        const run = b.byline ? g.bylineFace : undefined;
        const bylineStyle = run ? style('byline', { extends: styleName, ...face(run.font, run.bold) }) : undefined;
        regions.push({
          kind: 'article',
          id: regionId(b.id),
          ...placed([bbox[0], bbox[1], bbox[2], bbox[3] + 0.3 * (g.leading || g.size)]),
          style: styleName,
          content: { block: b.id },
          columns: g.columns.length,
          columnBoxes,
          balance: false,
          headline,
          ...(bylineStyle && bylineStyle !== 'byline' ? { bylineStyle } : {}),
        } as RegionT);
        break;
      }
      case 'slogan': {
        // A slogan across a tinted strip: one line, letter-spaced over the width it had.
        const l = g.lineBoxes.flat();
        const span = union(l.map((x) => x.bbox));
        const first = l[0];
        const s = style('slogan', { extends: 'slogan', ...face(first.font, first.bold), size: pt(first.size), leading: pt(first.size), align: 'spread', targetWidth: pt(width(span)), ...(colorOf(g.color) ? { color: colorOf(g.color) } : {}) });
        regions.push({ kind: 'strip', id: regionId(b.id), ...placed(g.boxed?.bbox ?? span), style: s, content: { block: b.id }, ...(g.boxed?.tint ? { tint: g.boxed.tint.toLowerCase() } : {}) } as RegionT);
        break;
      }
      case 'sidebar': {
        const box = g.boxed?.bbox ?? g.bbox;
        const inset = Math.max(0, Math.min(g.bbox[0] - box[0], g.bbox[1] - box[1]));
        regions.push({
          kind: 'box',
          id: regionId(b.id),
          ...placed(box),
          style: bodyStyle(b, 'sidebar'),
          content: { block: b.id },
          columns: g.columns.length,
          columnBoxes: g.columns.map((c) => ({ x: pt(c[0]), y: pt(c[1]), width: pt(width(c)), height: pt(height(c) + 0.3 * (g.leading || g.size)) })),
          balance: false,
          border: pt(g.boxed?.border ?? 0),
          ...(g.boxed?.tint ? { tint: g.boxed.tint.toLowerCase() } : {}),
          padding: pt(Math.max(0, inset - (g.boxed?.border ?? 0))),
        } as RegionT);
        break;
      }
      case 'vertical-headline': {
        const l = g.lineBoxes[0]?.[0];
        // The columns stand as far apart as they stood (the distance between their centres).
        const centres = g.lineBoxes.flat().filter((x) => Math.abs(x.size - (l?.size ?? 0)) < 0.05 * x.size).map((x) => (x.bbox[0] + x.bbox[2]) / 2).sort((a, c) => c - a);
        const pitch = centres.length > 1 ? centres[0] - centres[1] : (l?.size ?? 0) * 1.1;
        const s = l ? style('vertical', { extends: 'vertical', ...face(l.font, l.bold), size: pt(l.size), leading: pt(pitch) }) : undefined;
        // A subtitle column (smaller type, left of the main columns): its own size and face, as far from
        // the main columns as it stood, spread down the column when it ran the column's length.
        const boxes = g.lineBoxes.flat();
        const main = boxes.filter((x) => l && Math.abs(x.size - l.size) < 0.05 * x.size);
        const sub = b.subtitle ? boxes.find((x) => !main.includes(x)) : undefined;
        const spread = sub && height(sub.bbox) > 0.95 * height(g.bbox);
        // Not spread: its characters stand at the pitch they had (tracking in em).
        const n = sub ? [...sub.text.replace(/\s/g, '')].length : 0;
        const tracking = sub && !spread && n > 1 ? Math.round(((height(sub.bbox) - sub.size) / (n - 1) / sub.size - 1) * 100) / 100 : 0;
        const subtitle = sub && main.length
          ? {
              subtitleStyle: style('vertical-subtitle', { extends: 'vertical-subtitle', ...face(sub.font, sub.bold), size: pt(sub.size), leading: pt(sub.size), align: spread ? 'spread' : 'left', ...(tracking > 0 ? { tracking } : {}) }),
              subtitleGap: `${pt(Math.max(0, Math.min(...main.map((x) => x.bbox[0])) - sub.bbox[2]))}pt`,
            }
          : {};
        regions.push({ kind: 'vertical', id: regionId(b.id), ...placed(g.bbox), ...(s ? { style: s } : {}), ...subtitle, content: { block: b.id } } as RegionT);
        break;
      }
      case 'headline-group':
      case 'page-header':
      case 'page-footer':
      case 'unknown': {
        if (b.kind === 'headline-group' && b.pairedWith) break;
        // Each line where it stood, in its own style.
        b.paragraphs.forEach((_, k) => {
          const boxes = g.lineBoxes[k] ?? [];
          if (!boxes.length) return;
          const r = union(boxes.map((x) => x.bbox));
          // At least one line tall: a line whose em box reaches past the page's edge is moved in, not cut.
          const top = Math.max(0, Math.min(r[1], page.height - (r[3] - r[1])));
          // A part of several lines (a two-line kicker) keeps its lines, one under the other as they stood.
          const leading = boxes.length > 1 ? (boxes[boxes.length - 1].baseline - boxes[0].baseline) / (boxes.length - 1) : undefined;
          regions.push({ kind: 'text', id: regionId(`${b.id}-${k + 1}`), ...placed([r[0], top, r[2] + 0.5 * boxes[0].size, top + Math.max(r[3] - r[1], boxes[0].size)]), style: lineStyle(boxes[0], b.kind === 'headline-group' ? 'headline' : 'line', g.color, leading), content: { block: b.id, paragraph: k } } as RegionT);
        });
        break;
      }
      default:
        break;
    }
  }

  const layout: LayoutFileT = {
    ...(options.schema ? { $schema: options.schema } : {}),
    name: options.name,
    original: { pdf: options.pdf, page: options.page },
    page: { size: { width: `${pt(page.width)}pt`, height: `${pt(page.height)}pt` }, margins: 0 },
    styles,
    regions,
  };
  return { layout, faces, notes };
}

function union(rects: Rect[]): Rect {
  return [Math.min(...rects.map((r) => r[0])), Math.min(...rects.map((r) => r[1])), Math.max(...rects.map((r) => r[2])), Math.max(...rects.map((r) => r[3]))];
}
