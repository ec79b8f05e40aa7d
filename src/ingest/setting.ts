// How a block was set, read from its lines: what the input shows decides the typesetter's defaults
// for the block (a style field written in the layout still wins). Two kinds of evidence:
// - gaps: a full-width mark leaves its blank as a gap in extracted text; one set half shows a gap
//   only where the justifier widened it. Han–Latin spacing shows as a gap around digits and words.
// - widths: the original's full lines all fill one measure. Measured with the right model (marks
//   half or full, digits half or full, spacing or none) they agree; with the wrong one they scatter.
// Lines carry no gaps when they come from a PDF's glyphs; then widths decide alone.
import { isHan, isNarrow, isPunct, QUOTES } from '../text/classes.js';
import type { GapCounts } from './normalize.js';
import type { Block, BlockGeometry } from './types.js';

/** What a block's lines show about how it was set; a field is absent when they do not show it. */
export interface Setting {
  /** Marks (，。、 …) full-width, compressed to half an em, or Kaiming (。？！ full, the others half). */
  punctuation?: 'full' | 'compressed' | 'kaiming';
  /** Two adjacent marks: the blank between them taken out, or kept (read from a page's glyph positions). */
  adjacentMarks?: 'compress' | 'keep';
  /** Full-width marks compressed anywhere in a line to fit it, or only at the line end (read from a page's glyph positions). */
  pushIn?: 'compress' | 'line-end';
  /** Quotation marks full-width or half. */
  quotes?: 'full' | 'half';
  /** Digits half-width (½ em each, as a newspaper counts them) or full (1 em). */
  digits?: 'half' | 'full' | 'proportional';
  /** Space between Han and digits or Latin, in em (0 or ¼). */
  latinSpacing?: number;
  /** The least that space closed to on the page's tight lines, in em (read from a page's glyph positions). */
  latinSpacingMin?: number;
  /** The measure in em that the block's full lines fill under this setting. */
  lineLength?: number;
}

/** One original line: its text (positioning gaps removed), the gaps read from it, and whether it ends its paragraph (and so need not be full). */
export interface LineEvidence {
  text: string;
  gaps?: GapCounts;
  last?: boolean;
  first?: boolean;
}

/** Fewest observations for the gaps to decide: below this, a few expanded marks could mislead. */
const MIN_GAP_EVIDENCE = 6;
/** Full-set marks are (nearly) all followed by their blank; compressed ones only where the justifier widened them. */
const FULL_GAPPED = 0.9;
const HALF_GAPPED = 0.6;

interface Model {
  punct: number;
  quote: number;
  digit: number;
  spacing: number;
}

/** What a line's width depends on: everything else, and how many marks, quotes, digits and Han–Latin meetings it holds. */
interface Counts {
  fixed: number;
  marks: number;
  quotes: number;
  digits: number;
  meetings: number;
}

const LATIN = /[A-Za-z0-9]/;

function countLine(text: string): Counts {
  const n: Counts = { fixed: 0, marks: 0, quotes: 0, digits: 0, meetings: 0 };
  let prev = '';
  for (const c of text) {
    if (c === ' ') continue;
    if (QUOTES.has(c)) n.quotes++;
    else if (isPunct(c)) n.marks++;
    else if (c >= '0' && c <= '9') n.digits++;
    else n.fixed += isNarrow(c) ? 0.5 : 1;
    if (prev && ((isHan(prev) && LATIN.test(c)) || (LATIN.test(prev) && isHan(c)))) n.meetings++;
    prev = c;
  }
  return n;
}

const widthOf = (n: Counts, m: Model): number => n.fixed + n.marks * m.punct + n.quotes * m.quote + n.digits * m.digit + n.meetings * m.spacing;

/** Width of a line in em under a model of how it was set (spaces are gaps, not measured). */
export const modelWidth = (text: string, m: Model): number => widthOf(countLine(text), m);

/**
 * How well a model explains the full lines: the share of them whose width lies within the band a
 * justified line of the measure can have, (L − 1, L] (a line may fall up to an em short where a
 * character was pushed down; it cannot be longer). The measure is the one given (a PDF's column, in
 * em), or else the whole-em L that explains most lines. Returns the share and L.
 */
function fitOf(lines: readonly Counts[], m: Model, measure?: number): { share: number; lineLength: number } {
  const widths = lines.map((n) => widthOf(n, m));
  if (measure) {
    // Up to a quarter em over: the original may close a line up a little (see typeset's TIGHT_EM).
    const held = widths.filter((w) => w > measure - 1 && w <= measure + 0.25).length;
    return { share: widths.length ? held / widths.length : 0, lineLength: Math.round(measure * 100) / 100 };
  }
  const counts = new Map<number, number>();
  for (const w of widths) {
    // A width w lies in the band of L = ceil(w) (and of no other whole L, as the band is half-open).
    const L = Math.ceil(w - 1e-9);
    counts.set(L, (counts.get(L) ?? 0) + 1);
  }
  let best = 0;
  let lineLength = 0;
  for (const [L, n] of counts) if (n > best || (n === best && L > lineLength)) [best, lineLength] = [n, L];
  return { share: widths.length ? best / widths.length : 0, lineLength };
}

const sum = (lines: readonly LineEvidence[], k: keyof GapCounts) => lines.reduce((n, l) => n + (l.gaps?.[k] ?? 0), 0);

/** What the gaps say about one kind of mark: full, half, or nothing for certain. */
function fromGaps(total: number, gapped: number): 'full' | 'half' | undefined {
  if (total < MIN_GAP_EVIDENCE) return undefined;
  const share = gapped / total;
  return share >= FULL_GAPPED ? 'full' : share <= HALF_GAPPED ? 'half' : undefined;
}

/**
 * Read a block's setting from its lines. The gaps decide where they are clear; the widths of the full
 * lines (neither a paragraph's first, indented, nor its last) decide the rest, among the models the
 * gaps left open. Ties keep the common newspaper setting: marks and quotes half, digits half, no spacing.
 * `measure`: the width in em the lines were set in, when it is known (a PDF's column, tracking taken off).
 */
export function inferSetting(lines: readonly LineEvidence[], measure?: number): Setting {
  const fullText = lines.filter((l) => !l.last && !l.first).map((l) => l.text);
  const full = fullText.map(countLine);
  const marks = fromGaps(sum(lines, 'marks'), sum(lines, 'marksGapped'));
  const quotes = fromGaps(sum(lines, 'quotes'), sum(lines, 'quotesGapped'));
  const latin = fromGaps(sum(lines, 'latin'), sum(lines, 'latinGapped'));
  const hasDigits = full.some((n) => n.digits > 0);
  const hasQuotes = full.some((n) => n.quotes > 0);
  const hasLatin = full.some((n) => n.meetings > 0) || fullText.some((t) => LATIN.test(t));

  const options = (decided: 'full' | 'half' | undefined, present: boolean, half: number, fullW: number) => (decided === 'full' ? [fullW] : decided === 'half' ? [half] : present ? [half, fullW] : [half]);
  const candidates: Model[] = [];
  for (const punct of options(marks, true, 0.5, 1))
    for (const quote of options(quotes, hasQuotes, 0.5, 1))
      for (const digit of options(undefined, hasDigits, 0.5, 1))
        for (const spacing of latin === 'full' ? [0.25] : latin === 'half' ? [0] : hasLatin ? [0, 0.25] : [0]) candidates.push({ punct, quote, digit, spacing });
  // The first candidate is the common setting; a later one must explain more lines to win.
  let best = candidates[0];
  let bestFit = fitOf(full, best, measure);
  for (const m of candidates.slice(1)) {
    const f = fitOf(full, m, measure);
    if (f.share > bestFit.share + 1e-9) [best, bestFit] = [m, f];
  }
  const setting: Setting = {};
  if (full.length || marks) setting.punctuation = best.punct === 1 ? 'full' : 'compressed';
  if (hasQuotes || quotes) setting.quotes = best.quote === 1 ? 'full' : 'half';
  if (hasDigits) setting.digits = best.digit === 1 ? 'full' : 'half';
  if (hasLatin || latin) setting.latinSpacing = best.spacing;
  if (full.length) setting.lineLength = bestFit.lineLength;
  return setting;
}

/**
 * Read the setting of every article and sidebar that has none yet from its original lines alone (a
 * PDF's lines carry no extraction gaps; their widths still tell how they were set).
 */
export function inferSettings(blocks: readonly Pick<Block, 'kind' | 'lines' | 'setting' | 'geometry'>[]): void {
  for (const b of blocks) {
    if ((b.kind !== 'article' && b.kind !== 'sidebar') || b.setting) continue;
    b.setting = inferSetting(
      b.lines.flatMap((p) => p.map((text, i) => ({ text, first: i === 0, last: i === p.length - 1 }))),
      measureOf(b.geometry),
    );
  }
}

/** The measure in em of a block set in columns on the original page: its columns' usual width over its size, less its tracking. */
function measureOf(g: BlockGeometry | undefined): number | undefined {
  if (!g?.columns.length || !g.size) return undefined;
  const widths = g.columns.map((c) => (c[2] - c[0]) / g.size).sort((a, b) => a - b);
  const m = widths[widths.length >> 1];
  // L characters with tracking t between them fill L + (L − 1) t: L = (m + t) / (1 + t).
  return (m + g.tracking) / (1 + g.tracking);
}
