import { isLayoutSpace } from './normalize.js';
import { blockText } from './text.js';
import type { Block, Source } from './types.js';

export interface ConservationReport {
  /** True when every non-space input character is in exactly one block or in `dropped`, and blocks agree with themselves. */
  ok: boolean;
  /** Input characters that are in no block and not in `dropped` (1-based line and column of the NFC line). */
  missing: { char: string; line: number; column: number }[];
  /** Characters the blocks and `dropped` hold beyond the input's: invented, or counted twice. */
  extra: { char: string; count: number; where: string[] }[];
  /** Blocks whose fields disagree (their original lines, paragraphs, columns or headline parts). */
  inconsistent: string[];
}

const nonSpace = (s: string): string => [...s].filter((c) => !isLayoutSpace(c)).join('');

/**
 * Check that ingest lost nothing and invented nothing: the non-space characters of `text` (the
 * decoded input; each line NFC-normalized, as ingest reads it) must equal, as a multiset, those of
 * every block's `blockText` plus `dropped`, with the archive corrections undone. Also checks that
 * each block's fields that repeat its text (lines, columns, headline parts) agree with its paragraphs.
 */
export function checkConservation(text: string, source: Source): ConservationReport {
  // Counts by code point: a typed array keeps a 10 MB text to a few hundred milliseconds.
  const held = new Int32Array(0x110000);
  const hold = (chars: string, n = 1) => {
    for (const c of chars) if (!isLayoutSpace(c)) held[c.codePointAt(0)!] += n;
  };
  for (const b of source.blocks) hold(blockText(b));
  for (const d of source.dropped) hold(d.text);
  for (const c of source.corrections) {
    hold(c.to, -1);
    hold(c.from);
  }

  const missing: ConservationReport['missing'] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    let column = 0;
    for (const c of raw.normalize('NFC')) {
      column++;
      if (isLayoutSpace(c)) continue;
      const cp = c.codePointAt(0)!;
      if (held[cp] > 0) held[cp]--;
      else missing.push({ char: c, line: i + 1, column });
    }
  });
  const extra: ConservationReport['extra'] = [];
  for (let cp = 0; cp < held.length; cp++) if (held[cp] !== 0) extra.push({ char: String.fromCodePoint(cp), count: held[cp], where: [] });
  for (const e of extra.slice(0, 20)) {
    for (const b of source.blocks) if (e.where.length < 5 && blockText(b).includes(e.char)) e.where.push(b.id);
    if (source.dropped.some((d) => d.text.includes(e.char))) e.where.push('dropped');
  }

  const inconsistent = source.blocks.flatMap(selfCheck);
  const ids = new Set<string>();
  for (const b of source.blocks) {
    if (ids.has(b.id)) inconsistent.push(`${b.id}: id used twice`);
    ids.add(b.id);
  }
  return { ok: missing.length === 0 && extra.length === 0 && inconsistent.length === 0, missing, extra, inconsistent };
}

/** The fields of one block that repeat its text must say the same thing. */
function selfCheck(b: Block): string[] {
  const problems: string[] = [];
  const paragraphs = nonSpace(b.paragraphs.join(''));
  // The original lines hold the arrow and byline too, but not a credit that stood on a line of its own
  // (read from a PDF, a caption's lines are all its lines as they stood, the credit's included).
  const credit = b.geometry?.creditSep !== undefined ? (b.credit ?? '') : '';
  if (nonSpace(b.lines.flat().join('')) !== nonSpace((b.arrow ?? '') + (b.byline ?? '')) + paragraphs + nonSpace(credit)) problems.push(`${b.id}: its lines do not hold the same text as its paragraphs`);
  if (b.lines.length !== b.paragraphs.length && b.kind !== 'vertical-headline' && b.kind !== 'headline-group') problems.push(`${b.id}: ${b.lines.length} line lists for ${b.paragraphs.length} paragraphs`);
  if (b.columns && nonSpace([...b.columns, b.subtitle ?? ''].join('')) !== paragraphs) problems.push(`${b.id}: columns and subtitle differ from its paragraphs`);
  if (b.headline && nonSpace([b.headline.kicker, b.headline.main, b.headline.subtitle].filter(Boolean).join('')) !== paragraphs) problems.push(`${b.id}: headline parts differ from its paragraphs`);
  return problems;
}
