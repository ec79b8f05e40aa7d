import type { SetPage } from '../../src/index.js';
import { compact, openPdf } from './pdf.js';

/** One text line as a PDF reader sees it: the glyph runs on one baseline inside one column box, left to right. */
export interface PdfLine {
  text: string;
  region: string;
  column: number;
  /** Baseline from the page top, points. */
  y: number;
}

export interface BlockLines {
  block: string;
  lines: number;
  identical: number;
  /** Original lines with no identical line in the PDF, with the PDF line set at the same place (best guess) and why. */
  differing: { original: string; pdf: string; why: string }[];
}

export interface PdfFidelity {
  blocks: BlockLines[];
  lines: number;
  identical: number;
  ratio: number;
}

interface TextItem {
  str: string;
  x: number;
  y: number;
}

/** Page 1's text items, with positions converted to the page's top-left origin. */
async function pdfItems(bytes: Uint8Array): Promise<TextItem[]> {
  const doc = await openPdf(bytes);
  const page = await doc.getPage(1);
  const height = page.view[3] - page.view[1];
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const i of content.items) if ('str' in i && i.str) items.push({ str: i.str, x: i.transform[4], y: height - i.transform[5] });
  await doc.destroy();
  return items;
}

/**
 * The body lines of every article and sidebar, read back from the PDF: the text items whose origin
 * lies in one of the story's column boxes (the layout's geometry), grouped by baseline. Subheads,
 * which stand between the paragraphs, are left out by their text.
 */
export async function pdfBodyLines(pdf: Uint8Array, page: SetPage): Promise<Map<string, PdfLine[]>> {
  const items = await pdfItems(pdf);
  const subheads = new Set(page.source.blocks.filter((b) => b.kind === 'subhead').map((b) => compact(b.paragraphs.join(''))));
  const byBlock = new Map<string, PdfLine[]>();
  for (const story of page.set.stories) {
    if (!story.columns.length) continue;
    const block = story.lines.find((l) => l.role === 'body')?.block;
    const kind = page.source.blocks.find((b) => b.id === block)?.kind;
    if (!block || (kind !== 'article' && kind !== 'sidebar')) continue;
    const out: PdfLine[] = [];
    story.columns.forEach(({ box }, column) => {
      // An opening mark at line start sits left of the box (its blank is taken off); gutters are wider.
      const inside = items.filter((i) => i.x >= box.x - 6 && i.x < box.x + box.width - 0.5 && i.y > box.y && i.y <= box.y + box.height + 0.5);
      const baselines = [...new Set(inside.map((i) => Math.round(i.y * 10) / 10))].sort((a, b) => a - b);
      for (const y of baselines) {
        const text = compact(
          inside
            .filter((i) => Math.abs(i.y - y) < 0.1)
            .sort((a, b) => a.x - b.x)
            .map((i) => i.str)
            .join(''),
        );
        if (text && !subheads.has(text)) out.push({ text, region: story.region, column, y });
      }
    });
    byBlock.set(block, [...(byBlock.get(block) ?? []), ...out]);
  }
  return byBlock;
}

/** Longest common subsequence of two line lists: for each line of `a`, whether it reappears in `b` in order, and where in `b` it is (or would be). */
function matchInOrder(a: readonly string[], b: readonly string[]): { hit: boolean[]; at: number[] } {
  const n = a.length;
  const m = b.length;
  const L = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const hit = new Array<boolean>(n).fill(false);
  const at = new Array<number>(n).fill(-1);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) (hit[i] = true), pairs.push([i, j]), i++, j++;
    else if (L[i + 1][j] >= L[i][j + 1]) i++;
    else j++;
  }
  // Between two matched lines, the unmatched lines of `a` face the unmatched lines of `b` in order.
  pairs.push([n, m]);
  let pi = 0;
  let pj = 0;
  for (const [i, j] of pairs) {
    for (let k = pi; k < i; k++) at[k] = pj + (k - pi) < j ? pj + (k - pi) : -1;
    at[i] = j;
    pi = i + 1;
    pj = j + 1;
  }
  return { hit, at };
}

/**
 * How many of the original lines (which ingest kept) the PDF shows identically, block by block,
 * measured from the PDF's text. Each differing line is given with a reason: the first differing line
 * of a run is where the typesetter and the original chose different breaks; the lines after it in
 * the same paragraph follow from that.
 */
export async function measureFidelity(pdf: Uint8Array, page: SetPage): Promise<PdfFidelity> {
  const pdfLines = await pdfBodyLines(pdf, page);
  const blocks: BlockLines[] = [];
  for (const b of page.source.blocks) {
    if (b.kind !== 'article' && b.kind !== 'sidebar') continue;
    const original = b.lines.flatMap((ls, p) => ls.map((l, k) => ({ text: compact(l), p, k })));
    const mine = (pdfLines.get(b.id) ?? []).map((l) => l.text);
    const { hit, at } = matchInOrder(
      original.map((o) => o.text),
      mine,
    );
    const differing: BlockLines['differing'] = [];
    original.forEach((o, i) => {
      if (hit[i]) return;
      const follows = i > 0 && !hit[i - 1] && original[i - 1].p === o.p;
      differing.push({ original: o.text, pdf: mine[at[i]] ?? '', why: follows ? 'follows from the break above' : `paragraph ${o.p} line ${o.k}: different break` });
    });
    blocks.push({ block: b.id, lines: original.length, identical: hit.filter(Boolean).length, differing });
  }
  const lines = blocks.reduce((n, x) => n + x.lines, 0);
  const identical = blocks.reduce((n, x) => n + x.identical, 0);
  return { blocks, lines, identical, ratio: lines ? identical / lines : 1 };
}
