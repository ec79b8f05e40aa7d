import type { Source } from '../ingest/index.js';
import type { Frame } from '../layout/index.js';
import type { Note, Overflow, SetText } from '../typeset/index.js';
import { MM } from '../model/index.js';
import { formatPreflight, GOOD_PPI, type Preflight } from './preflight.js';

export { preflight, formatPreflight, type Preflight, type PrintRules } from './preflight.js';

export interface RegionFit {
  region: string;
  kind: string;
  linesUsed: number;
  linesAvailable: number;
  /** Characters set in the region (spaces aside), and characters that did not fit: together, all of its text. */
  set: number;
  overflow: number;
  /** Body lines left empty at the end of the region. */
  underfill: number;
  /** When text overflows: the body lines (and millimetres, at the body's leading) the region is short of. */
  missingLines?: number;
  missingMm?: number;
}

export interface BlockFidelity {
  block: string;
  /** Original lines of the block's body paragraphs, and how many the typesetter set identically. */
  lines: number;
  identical: number;
  differing: { paragraph: number; line: number; original: string; set: string }[];
}

export interface PageReport {
  name: string;
  regions: RegionFit[];
  overflow: Overflow[];
  overflowChars: number;
  /** Blocks of the text no region shows. */
  unplaced: string[];
  warnings: string[];
  dropped: Source['dropped'];
  collapses: Source['collapses'];
  fallbacks: Record<string, string>;
  missing: string[];
  fidelity: { blocks: BlockFidelity[]; lines: number; identical: number; ratio: number };
  /** Paragraphs that had the original's lines but were broken anew ('auto'), and why. */
  reflowed: { region: string; block: string; paragraph: number; why: string }[];
  /** Runs broken at the measure and lines condensed to fit (each also a warning). */
  notes: (Note & { region: string })[];
  /** The written page as a print plant's preflight sees it (only when a PDF was rendered). */
  preflight?: Preflight;
}

const chars = (s: string) => [...s.replace(/\s+/g, '')].length;

/** Fit per region, and fidelity: how many of the original lines the typesetter reproduced. */
export function buildReport(name: string, source: Source, frames: readonly Frame[], set: SetText, unplaced: string[], warnings: string[] = []): PageReport {
  const regions: RegionFit[] = [];
  const overflow: Overflow[] = [];
  const notes = set.stories.flatMap((s) => s.notes.map((n) => ({ ...n, region: s.region })));
  const reflowed = notes.filter((n) => n.kind === 'reflowed').map((n) => ({ region: n.region, block: n.block, paragraph: n.paragraph, why: n.detail }));
  const others = notes.filter((n) => n.kind !== 'reflowed');
  for (const story of set.stories) {
    const frame = frames.find((f) => f.id === story.region);
    const used = story.columns.reduce((n, c) => n + c.linesUsed, 0);
    const available = story.columns.reduce((n, c) => n + c.linesAvailable, 0);
    const lastUsed = [...story.columns].reverse().find((c) => c.linesUsed > 0);
    const over = story.overflow.reduce((n, o) => n + chars(o.text), 0);
    overflow.push(...story.overflow.map((o) => ({ ...o, region: story.region })));
    const setChars = story.lines.reduce((n, l) => n + chars(l.text), 0);
    const missing = over > 0 && story.missing ? { missingLines: story.missing.lines, missingMm: Math.round((story.missing.height / MM) * 10) / 10 } : {};
    regions.push({ region: story.region, kind: frame?.kind ?? '?', linesUsed: used, linesAvailable: available, set: setChars, overflow: over, underfill: lastUsed ? available - used : 0, ...missing });
  }
  return {
    name,
    regions,
    overflow,
    overflowChars: overflow.reduce((n, o) => n + chars(o.text), 0),
    unplaced,
    warnings: [
      ...standInWarnings(set),
      ...warnings,
      ...placeholderWarnings(frames),
      ...fontWarnings(set),
      ...others.map(noteWarning),
      ...reflowed.map((p) => `warning: ${p.region} (${p.block} paragraph ${p.paragraph + 1}): reflowed, the measure does not hold the original lines (${p.why})`),
    ],
    dropped: source.dropped,
    collapses: source.collapses,
    fallbacks: set.fallbacks,
    missing: set.missing,
    fidelity: compareLines(source, set),
    reflowed,
    notes: others,
  };
}

/** Photo regions that name no image: a gray placeholder stands where the photo goes. */
function placeholderWarnings(frames: readonly Frame[]): string[] {
  return frames.filter((f) => f.region.kind === 'photo' && !f.region.image).map((f) => `warning: ${f.id}: no image; a gray placeholder is drawn in its place`);
}

/** Characters set in a fallback face (another font than the style's), and characters no face has. */
function fontWarnings(set: SetText): string[] {
  const out = Object.entries(set.fallbacks).map(([face, cs]) => `warning: ${[...cs].length} character${[...cs].length === 1 ? '' : 's'} set in fallback font ${face}: ${cs}`);
  if (set.missing.length) out.push(`warning: characters no font has (not drawn): ${set.missing.join(' ')}`);
  return out;
}

/**
 * Photos under GOOD_PPI at print size (from the preflight of the written page, or measured from the
 * image files by check): soft on newsprint; under MIN_PPI the preflight also fails them.
 */
export function resolutionWarnings(photos: readonly { region: string; ppi: number }[]): string[] {
  return photos.filter((p) => p.ppi < GOOD_PPI).map((p) => `warning: ${p.region}: photo at ${p.ppi} ppi at print size (newsprint needs ${GOOD_PPI})`);
}

function noteWarning(n: Note & { region: string }): string {
  const where = `${n.region} (${n.block} paragraph ${n.paragraph + 1})`;
  if (n.kind === 'broken-run') return `warning: ${where}: a run with no break opportunity is longer than the measure; broken after "${n.detail.length > 24 ? '…' + n.detail.slice(-24) : n.detail}"`;
  return `warning: ${where}: ${n.detail}`;
}

/** One warning per font role the page asked for that has no face installed (e.g. fangsong): its text was set in another face. */
function standInWarnings(set: SetText): string[] {
  return Object.entries(set.standIns ?? {}).map(([asked, { face, reason }]) => {
    const [role, weight] = [asked.slice(0, asked.lastIndexOf('-')), asked.slice(asked.lastIndexOf('-') + 1)];
    return `warning: font role "${role}" (${weight}) has no face: ${reason}; its text is set in ${face}`;
  });
}

/** Compare the typesetter's lines with the original lines that ingest kept (body paragraphs of articles and sidebars). */
export function compareLines(source: Source, set: SetText): PageReport['fidelity'] {
  const setLines = new Map<string, string[]>();
  for (const story of set.stories)
    for (const l of story.lines) {
      if (l.role !== 'body') continue;
      const key = `${l.block}#${l.paragraph}`;
      if (!setLines.has(key)) setLines.set(key, []);
      setLines.get(key)!.push(l.text.replace(/\s+/g, ''));
    }
  const blocks: BlockFidelity[] = [];
  for (const b of source.blocks) {
    if (b.kind !== 'article' && b.kind !== 'sidebar') continue;
    const f: BlockFidelity = { block: b.id, lines: 0, identical: 0, differing: [] };
    b.lines.forEach((orig, p) => {
      const mine = setLines.get(`${b.id}#${p}`) ?? [];
      orig.forEach((o, k) => {
        const want = o.replace(/\s+/g, '');
        f.lines++;
        if (mine[k] === want) f.identical++;
        else f.differing.push({ paragraph: p, line: k, original: want, set: mine[k] ?? '' });
      });
    });
    blocks.push(f);
  }
  const lines = blocks.reduce((n, b) => n + b.lines, 0);
  const identical = blocks.reduce((n, b) => n + b.identical, 0);
  return { blocks, lines, identical, ratio: lines ? identical / lines : 1 };
}

/** The summary `render` and `check` print: one line per region, then problems. */
export function formatReport(r: PageReport): string {
  const rows = r.regions.map((g) => {
    const short = g.missingLines ? `: ${g.missingLines} line${g.missingLines === 1 ? '' : 's'} short (${g.missingMm} mm of column)` : '';
    const fit = g.overflow ? `OVERFLOW ${g.overflow} chars${short}` : g.linesAvailable ? `${g.linesUsed}/${g.linesAvailable} lines${g.underfill ? `, ${g.underfill} empty` : ''}` : 'ok';
    return `  ${g.region.padEnd(16)} ${g.kind.padEnd(9)} ${fit}`;
  });
  const notes: string[] = [];
  if (r.unplaced.length) notes.push(`not placed on the page: ${r.unplaced.join(', ')}`);
  if (r.dropped.length) notes.push(`dropped from the text: ${r.dropped.length} (${[...new Set(r.dropped.map((d) => d.reason))].join(', ')})`);
  notes.push(...r.warnings);
  notes.push(`original lines reproduced: ${r.fidelity.identical}/${r.fidelity.lines} (${(r.fidelity.ratio * 100).toFixed(1)}%)`);
  if (r.preflight) notes.push(...formatPreflight(r.preflight));
  return [`${r.name}:`, ...rows, ...notes.map((n) => `  ${n}`)].join('\n');
}
