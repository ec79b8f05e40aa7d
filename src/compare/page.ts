import { EM_ABOVE_BASELINE, mode, readLines } from '../pdf/lines.js';
import type { PdfDocument, PdfPageProxy } from '../pdf/open.js';
import { readPage } from '../pdf/read.js';
import type { PdfPage, Rect } from '../pdf/types.js';

/** One text line of a page as compare sees it: its characters without white space, each at its glyph origin. */
export interface CompareLine {
  /** Characters (code points) with white space removed: two lines are identical when these are. */
  chars: string[];
  text: string;
  /** Glyph origin of each character (in a vertical line: its em box's top left), page points (top-left origin, y down). */
  xs: number[];
  ys: number[];
  bbox: Rect;
  size: number;
  vertical: boolean;
  /** Drawing order of the line's first glyph: the producer's reading order within a text block. */
  order: number;
  /** The marked-content id most of the line's glyphs are drawn in (tagged PDFs). */
  mcid?: number;
}

/** A top-level element of a PDF's structure tree (banmian writes one per article). */
export interface TaggedArticle {
  role: string;
  mcids: Set<number>;
}

export interface PageSide {
  file: string;
  number: number;
  width: number;
  height: number;
  lines: CompareLine[];
  /** Lines whose glyphs have no usable Unicode value: they cannot be compared by text. */
  unreadable: number;
  /** The structure tree's articles when banmian made the PDF (its tags are one element per article). */
  articles?: TaggedArticle[];
  /** The page as read (glyphs, images, paths), for the geometry ingest. */
  page: PdfPage;
  proxy: PdfPageProxy;
}

/** Was the PDF written by banmian (whose structure tree holds one element per article)? */
export async function madeByBanmian(doc: PdfDocument): Promise<boolean> {
  const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
  return info?.Producer === 'banmian' || info?.Creator === 'banmian';
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/**
 * The structure tree's top-level elements and the marked content each holds: below the chain of
 * single-child wrappers (Root → Document), every element is one article.
 */
async function taggedArticles(proxy: PdfPageProxy): Promise<TaggedArticle[] | undefined> {
  let node = (await proxy.getStructTree()) as StructNode | null;
  if (!node) return undefined;
  while (node.children?.length === 1 && node.children[0].role) node = node.children[0];
  const articles: TaggedArticle[] = [];
  const collect = (n: StructNode, into: Set<number>) => {
    const m = n.type === 'content' ? /_mc(\d+)$/.exec(n.id ?? '') : null;
    if (m) into.add(Number(m[1]));
    for (const c of n.children ?? []) collect(c, into);
  };
  for (const child of node.children ?? []) {
    if (!child.role) continue;
    const mcids = new Set<number>();
    collect(child, mcids);
    if (mcids.size) articles.push({ role: child.role, mcids });
  }
  return articles.length ? articles : undefined;
}

/** Read page `number` of a PDF: its text lines through the shared reader (src/pdf), and banmian's article tags. */
export async function readSide(doc: PdfDocument, number: number, file: string, tagged: boolean): Promise<PageSide> {
  const { page, proxy } = await readPage(doc, number);
  const { lines } = readLines(page);
  const out: CompareLine[] = [];
  let unreadable = 0;
  for (const line of lines) {
    const chars: string[] = [];
    const xs: number[] = [];
    const ys: number[] = [];
    for (const g of line.glyphs) {
      if (!g.known) continue;
      for (const c of g.text) {
        if (/\s/u.test(c)) continue;
        chars.push(c);
        // In a vertical line, where the glyph's em box stands (its top left): a vertical-mode glyph's
        // origin is the top centre of its em, a horizontal-mode glyph stacked in a column has its origin
        // on its baseline, below the box's top; two producers set the same column either way.
        const top = line.vertical ? (g.vertical ? [g.x - g.size / 2, g.y] : [g.x, g.y - EM_ABOVE_BASELINE * g.size]) : [g.x, g.y];
        xs.push(top[0]);
        ys.push(top[1]);
      }
    }
    if (!chars.length) {
      unreadable++;
      continue;
    }
    const mcid = mode(line.glyphs.map((g) => g.mcid));
    out.push({
      chars,
      text: chars.join(''),
      xs,
      ys,
      bbox: line.bbox,
      size: line.size,
      vertical: line.vertical,
      order: Math.min(...line.glyphs.map((g) => g.seq)),
      ...(mcid !== undefined ? { mcid } : {}),
    });
  }
  const articles = tagged ? await taggedArticles(proxy) : undefined;
  return { file, number, width: page.width, height: page.height, lines: out, unreadable, ...(articles ? { articles } : {}), page, proxy };
}
