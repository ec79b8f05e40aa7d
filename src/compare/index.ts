import { InputError } from '../errors.js';
import { MM } from '../model/units.js';
import { openPdf, pageNumbers, type PdfDocument } from '../pdf/open.js';
import type { Rect } from '../pdf/types.js';
import { madeByBanmian, readSide, type CompareLine, type PageSide } from './page.js';
import { pairIdentical, pairRest, type LineStatus, type Pairing } from './pair.js';
import { articleRegions, assignOther, blockRegions, ingestRegions, type Regions } from './regions.js';
import { inkScore, overlayPng, renderGray, sideBySidePng, type Outline } from './visual.js';

export type { LineStatus } from './pair.js';

export interface CompareOptions {
  /** Page N of each PDF (a one-page PDF gives its only page); default: every page, pairwise. */
  page?: number;
  /** Resolution of the visual score and the pictures (default 72 dpi). */
  dpi?: number;
  /** Thresholds: the share of identical lines at least, the largest move at most (mm). */
  minLines?: number;
  maxMoveMm?: number;
  /** Make the overlay and/or the side-by-side picture (PNG bytes in the result). */
  overlay?: boolean;
  side?: boolean;
  /** Skip rendering (no visual score, no pictures): text and geometry only. */
  noVisual?: boolean;
  /** Report per article of the original found by geometry (the PDF ingest) even when the facsimile is banmian's. */
  geometry?: boolean;
}

export const DEFAULTS = { dpi: 72, minLines: 0.97, maxMoveMm: 1 };

/**
 * Pages whose width or height differ by more than this share are not two versions of one page: a
 * facsimile is set at its original's size (derive keeps it to the millimetre), while the next
 * newspaper format differs by 30% or more (tabloid 270 × 390 mm against broadsheet 390 × 540 mm),
 * and line positions could not be compared.
 */
const SIZE_TOLERANCE = 0.05;
/**
 * Lines moved together (a paragraph, an article) share one displacement to well within this (mm):
 * the reader places glyphs to hundredths of a point. Separate groups are reported separately.
 */
const MOVE_GROUP_MM = 0.2;

export interface LineReport {
  text: string;
  status: LineStatus;
  /** Original lines: how far it moved (mm), when it has a partner. */
  moveMm?: number;
  bboxMm: Rect;
}

export interface RegionReport {
  index: number;
  kind: 'article' | 'block';
  /** Structure role of a tagged article (Art, Caption, Sect, Div) or 'block'. */
  role: string;
  /** The region's first characters (its headline, for an article). */
  name: string;
  /** Where it is on the original, mm from the page's top left [x0, y0, x1, y1]. */
  bboxMm?: Rect;
  lines: { original: number; facsimile: number; identical: number; rebroken: number; changed: number; missing: number; added: number };
  /** Characters not on the other page at all, and those found in another region (moved out of this one, into it). */
  chars: { missing: number; added: number; movedOut: number; movedIn: number };
  missing: string[];
  added: string[];
  movedOut: string[];
  movedIn: string[];
  move: { medianMm: number; largestMm: number };
  /** Groups of lines that moved further than the threshold, each with one displacement. */
  moves: { lines: number; dxMm: number; dyMm: number; mm: number; first: string }[];
  /** No character missing, added or moved to another region, no line moved beyond the threshold. */
  intact: boolean;
}

export interface PageComparison {
  original: { file: string; page: number; widthMm: number; heightMm: number; lines: number; unreadable: number };
  facsimile: { file: string; page: number; widthMm: number; heightMm: number; lines: number; unreadable: number; banmian: boolean };
  /** Regions: the facsimile's tagged articles, the original's articles by the PDF ingest, or blocks of lines. */
  regions: { kind: 'article' | 'block'; from: 'tags' | 'ingest' | 'lines'; count: number; intact: number; list: RegionReport[] };
  lines: { original: number; facsimile: number; identical: number; share: number; rebroken: number; changed: number; missing: number; added: number };
  /** Characters of each page; missing and added: on one page only; elsewhere: found in another region. */
  chars: { original: number; facsimile: number; missing: number; added: number; elsewhere: number };
  move: { medianMm: number; largestMm: number; over: number };
  visual?: { score: number; recall: number; precision: number; dpi: number };
  thresholds: { minLines: number; maxMoveMm: number };
  pass: boolean;
  /** Why the page fails the thresholds (empty when it passes). */
  failures: string[];
  ms: number;
  /** Where the time went (ms): reading both pages, pairing, drawing both pages, the ink score, the pictures. */
  timings: { read: number; pair: number; draw: number; score: number; pictures: number };
  /** Every original and facsimile line that is not identical, for --json. */
  differences: { original: LineReport[]; facsimile: LineReport[] };
  overlay?: Buffer;
  side?: Buffer;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const toMm = (r: Rect): Rect => r.map((v) => round(v / MM, 1)) as Rect;
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? 0 : n % 2 ? s[n >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const union = (rects: Rect[]): Rect | undefined =>
  rects.length ? [Math.min(...rects.map((r) => r[0])), Math.min(...rects.map((r) => r[1])), Math.max(...rects.map((r) => r[2])), Math.max(...rects.map((r) => r[3]))] : undefined;

/** Compare two PDFs given as bytes: one comparison per page pair. Bad input throws InputError (exit 2). */
export async function comparePdfs(original: Uint8Array, originalFile: string, facsimile: Uint8Array, facsimileFile: string, options: CompareOptions = {}): Promise<PageComparison[]> {
  const docA = await openPdf(original, originalFile);
  try {
    const docB = await openPdf(facsimile, facsimileFile);
    try {
      const pagesA = pagesOf(docA, originalFile, options.page);
      const pagesB = pagesOf(docB, facsimileFile, options.page);
      if (pagesA.length !== pagesB.length)
        throw new InputError(`${originalFile} has ${docA.numPages} pages and ${facsimileFile} ${docB.numPages}: choose the page to compare with --page N`);
      const tagged = await madeByBanmian(docB);
      const out: PageComparison[] = [];
      for (let k = 0; k < pagesA.length; k++) out.push(await comparePages(docA, pagesA[k], originalFile, docB, pagesB[k], facsimileFile, tagged, options));
      return out;
    } finally {
      await docB.destroy();
    }
  } finally {
    await docA.destroy();
  }
}

/** --page N of a PDF; a one-page PDF gives its page whatever N is (a rebuilt page of a many-page original). */
function pagesOf(doc: PdfDocument, file: string, page?: number): number[] {
  if (page !== undefined && doc.numPages === 1) return [1];
  return pageNumbers(doc, file, page);
}

async function comparePages(
  docA: PdfDocument,
  pageA: number,
  fileA: string,
  docB: PdfDocument,
  pageB: number,
  fileB: string,
  tagged: boolean,
  options: CompareOptions,
): Promise<PageComparison> {
  const t0 = performance.now();
  const dpi = options.dpi ?? DEFAULTS.dpi;
  const minLines = options.minLines ?? DEFAULTS.minLines;
  const maxMoveMm = options.maxMoveMm ?? DEFAULTS.maxMoveMm;
  const a = await readSide(docA, pageA, fileA, false);
  const b = await readSide(docB, pageB, fileB, tagged && !options.geometry);
  checkSizes(a, b);
  const t1 = performance.now();

  // 1. Lines with the same text; 2. regions; 3. the rest, region by region, character by character.
  const identical = pairIdentical(a.lines, b.lines);
  const { kind, from, roles, regionA, regionB } = findRegions(a, b, identical);
  const p = pairRest(a.lines, b.lines, identical, regionA, regionB);
  const moveMm = p.moveA.map((m) => (m ? Math.hypot(m.dx, m.dy) / MM : undefined));

  const regions = roles.map((role, index) => regionReport(index, kind, role, a.lines, b.lines, regionA, regionB, p, moveMm, maxMoveMm));
  const used = regions.filter((r) => r.lines.original + r.lines.facsimile > 0);

  const all = (status: LineStatus[], s: LineStatus) => status.filter((x) => x === s).length;
  const identicalLines = all(p.statusA, 'identical');
  const distances = moveMm.filter((d): d is number => d !== undefined);
  const lines = {
    original: a.lines.length,
    facsimile: b.lines.length,
    identical: identicalLines,
    // Of the longer page's lines: text added to the facsimile lowers the share as text lost does.
    share: a.lines.length + b.lines.length ? identicalLines / Math.max(a.lines.length, b.lines.length) : 1,
    rebroken: all(p.statusA, 'rebroken'),
    changed: all(p.statusA, 'changed'),
    missing: all(p.statusA, 'missing'),
    added: all(p.statusB, 'added'),
  };
  const chars = {
    original: a.lines.reduce((n, l) => n + l.chars.length, 0),
    facsimile: b.lines.reduce((n, l) => n + l.chars.length, 0),
    missing: used.reduce((n, r) => n + r.chars.missing, 0),
    added: used.reduce((n, r) => n + r.chars.added, 0),
    elsewhere: used.reduce((n, r) => n + r.chars.movedOut, 0),
  };
  const move = { medianMm: round(median(distances)), largestMm: round(Math.max(0, ...distances)), over: distances.filter((d) => d > maxMoveMm).length };
  const t2 = performance.now();
  const failures: string[] = [];
  if (lines.share < minLines) failures.push(`identical lines ${pct(lines.share)} < ${pct(minLines)}`);
  if (move.largestMm > maxMoveMm) failures.push(`largest move ${move.largestMm.toFixed(2)} mm > ${maxMoveMm} mm`);

  const result: PageComparison = {
    original: { file: fileA, page: pageA, widthMm: round(a.width / MM, 1), heightMm: round(a.height / MM, 1), lines: a.lines.length, unreadable: a.unreadable },
    facsimile: { file: fileB, page: pageB, widthMm: round(b.width / MM, 1), heightMm: round(b.height / MM, 1), lines: b.lines.length, unreadable: b.unreadable, banmian: tagged },
    regions: { kind, from, count: used.length, intact: used.filter((r) => r.intact).length, list: used },
    lines,
    chars,
    move,
    thresholds: { minLines, maxMoveMm },
    pass: failures.length === 0,
    failures,
    ms: 0,
    timings: { read: Math.round(t1 - t0), pair: Math.round(t2 - t1), draw: 0, score: 0, pictures: 0 },
    differences: {
      original: a.lines.flatMap((l, i) => (p.statusA[i] !== 'identical' || moveMm[i]! > maxMoveMm ? [lineReport(l, p.statusA[i], moveMm[i])] : [])),
      facsimile: b.lines.flatMap((l, j) => (p.statusB[j] !== 'identical' ? [lineReport(l, p.statusB[j])] : [])),
    },
  };

  if (!options.noVisual) {
    // pdf.js in Node runs on the calling thread: drawing on a worker thread beside the reading was
    // tried and cost ~40% more CPU (both PDFs parsed twice) for no gain on a shared 2-core machine.
    const ga = await renderGray(a.proxy, dpi);
    const gb = await renderGray(b.proxy, dpi);
    const t3 = performance.now();
    const v = inkScore(ga, gb);
    const t4 = performance.now();
    result.timings.draw = Math.round(t3 - t2);
    result.timings.score = Math.round(t4 - t3);
    result.visual = { score: round(v.score, 4), recall: round(v.recall, 4), precision: round(v.precision, 4), dpi };
    if (options.overlay) result.overlay = await overlayPng(ga, gb);
    if (options.side) {
      const differs = new Set(used.filter((r) => !r.intact || r.lines.identical < r.lines.original).map((r) => r.index));
      const outlines = (side: PageSide, region: number[], flagged: (i: number) => boolean): Outline[] => [
        ...[...differs].flatMap((r) => {
          const box = union(side.lines.flatMap((l, i) => (region[i] === r ? [l.bbox] : [])));
          return box ? [{ rect: box, kind: 'region' as const }] : [];
        }),
        ...side.lines.flatMap((l, i) => (flagged(i) ? [{ rect: l.bbox, kind: 'line' as const }] : [])),
      ];
      result.side = await sideBySidePng(
        ga,
        gb,
        outlines(a, regionA, (i) => p.statusA[i] !== 'identical' || moveMm[i]! > maxMoveMm),
        outlines(b, regionB, (j) => p.statusB[j] !== 'identical' || (p.partnerB[j] >= 0 && moveMm[p.partnerB[j]]! > maxMoveMm)),
      );
    }
    result.timings.pictures = Math.round(performance.now() - t4);
  }
  result.ms = Math.round(performance.now() - t0);
  return result;
}

/** Regions from the facsimile's tags (banmian) or the original's blocks; the other page's lines join them. */
function findRegions(a: PageSide, b: PageSide, identical: { partnerA: number[]; partnerB: number[] }) {
  let regionA: number[], regionB: number[];
  let r: Regions;
  if (b.articles) {
    r = articleRegions(b.lines, b.articles);
    regionB = r.of;
    regionA = assignOther(a.lines, identical.partnerA, regionB, b.lines.map((l, j) => ({ bbox: l.bbox, region: regionB[j] })));
  } else {
    r = ingestRegions(a.page, a.lines) ?? blockRegions(a.lines);
    regionA = r.of;
    regionB = assignOther(b.lines, identical.partnerB, regionA, a.lines.map((l, i) => ({ bbox: l.bbox, region: regionA[i] })));
  }
  const { kind, from, roles } = r;
  // A page with no lines gives no regions: the other page's lines then form one region of their own.
  while (Math.max(-1, ...regionA, ...regionB) >= roles.length) roles.push(kind === 'article' ? 'untagged' : 'block');
  return { kind, from, roles, regionA, regionB };
}

/** One region's figures: its lines by status, the text missing and added, its moves. */
function regionReport(
  index: number,
  kind: 'article' | 'block',
  role: string,
  linesA: readonly CompareLine[],
  linesB: readonly CompareLine[],
  regionA: readonly number[],
  regionB: readonly number[],
  p: Pairing,
  moveMm: readonly (number | undefined)[],
  maxMoveMm: number,
): RegionReport {
  const ia = linesA.map((_, i) => i).filter((i) => regionA[i] === index).sort((x, y) => linesA[x].order - linesA[y].order);
  const jb = linesB.map((_, j) => j).filter((j) => regionB[j] === index).sort((x, y) => linesB[x].order - linesB[y].order);
  const countA = (s: LineStatus) => ia.filter((i) => p.statusA[i] === s).length;
  const missing = p.missing.filter((r) => r.region === index).map((r) => r.text);
  const added = p.added.filter((r) => r.region === index).map((r) => r.text);
  const movedOut = p.movedOut.filter((r) => r.region === index).map((r) => r.text);
  const movedIn = p.movedIn.filter((r) => r.region === index).map((r) => r.text);
  const moved = ia.filter((i) => moveMm[i] !== undefined);
  const distances = moved.map((i) => moveMm[i]!);
  const moves = groupMoves(linesA, ia.filter((i) => moveMm[i]! > maxMoveMm), p.moveA);
  const nameLine = kind === 'article' ? linesB[jb[0]] ?? linesA[ia[0]] : linesA[ia[0]] ?? linesB[jb[0]];
  const count = (runs: string[]) => runs.reduce((n, s) => n + [...s].length, 0);
  const chars = { missing: count(missing), added: count(added), movedOut: count(movedOut), movedIn: count(movedIn) };
  const box = union(ia.map((i) => linesA[i].bbox)) ?? union(jb.map((j) => linesB[j].bbox));
  return {
    index,
    kind,
    role,
    name: nameLine ? nameLine.chars.slice(0, 16).join('') : '',
    ...(box ? { bboxMm: toMm(box) } : {}),
    lines: {
      original: ia.length,
      facsimile: jb.length,
      identical: countA('identical'),
      rebroken: countA('rebroken'),
      changed: countA('changed'),
      missing: countA('missing'),
      added: jb.filter((j) => p.statusB[j] === 'added').length,
    },
    chars,
    missing,
    added,
    movedOut,
    movedIn,
    move: { medianMm: round(median(distances)), largestMm: round(Math.max(0, ...distances)) },
    moves,
    intact: chars.missing + chars.added + chars.movedOut + chars.movedIn === 0 && moves.length === 0,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function lineReport(l: CompareLine, status: LineStatus, moveMm?: number): LineReport {
  return { text: l.text, status, ...(moveMm !== undefined ? { moveMm: round(moveMm) } : {}), bboxMm: toMm(l.bbox) };
}

/** Consecutive moved lines (in reading order) with one displacement: a paragraph or article moved as a whole. */
function groupMoves(lines: readonly CompareLine[], moved: number[], move: readonly ({ dx: number; dy: number } | undefined)[]): RegionReport['moves'] {
  const out: RegionReport['moves'] = [];
  let last: { dx: number; dy: number } | undefined;
  for (const i of moved) {
    const m = move[i]!;
    const g = out[out.length - 1];
    if (g && last && Math.hypot(m.dx - last.dx, m.dy - last.dy) / MM <= MOVE_GROUP_MM) g.lines++;
    else out.push({ lines: 1, dxMm: round(m.dx / MM), dyMm: round(m.dy / MM), mm: round(Math.hypot(m.dx, m.dy) / MM), first: lines[i].chars.slice(0, 12).join('') });
    last = m;
  }
  return out;
}

function checkSizes(a: PageSide, b: PageSide) {
  const off = (x: number, y: number) => Math.abs(x - y) / Math.max(x, y) > SIZE_TOLERANCE;
  if (off(a.width, b.width) || off(a.height, b.height)) {
    const mm = (s: PageSide) => `${(s.width / MM).toFixed(0)} × ${(s.height / MM).toFixed(0)} mm`;
    throw new InputError(`${a.file} page ${a.number} is ${mm(a)} and ${b.file} page ${b.number} is ${mm(b)}: pages that differ in size by more than ${SIZE_TOLERANCE * 100}% are not two versions of one page`);
  }
}
