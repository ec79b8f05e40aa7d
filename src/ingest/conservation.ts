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
  const held = new Map<string, number>();
  const where = new Map<string, Set<string>>();
  const hold = (c: string, by: string, n = 1) => {
    if (isLayoutSpace(c)) return;
    held.set(c, (held.get(c) ?? 0) + n);
    if (n > 0) (where.get(c) ?? where.set(c, new Set()).get(c)!).add(by);
  };
  for (const b of source.blocks) for (const c of blockText(b)) hold(c, b.id);
  for (const d of source.dropped) for (const c of d.text) hold(c, `dropped:${d.reason}`);
  for (const c of source.corrections) {
    hold(c.to, 'correction', -1);
    hold(c.from, 'correction');
  }

  const missing: ConservationReport['missing'] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    let column = 0;
    for (const c of raw.normalize('NFC')) {
      column++;
      if (isLayoutSpace(c)) continue;
      const n = held.get(c) ?? 0;
      if (n > 0) held.set(c, n - 1);
      else missing.push({ char: c, line: i + 1, column });
    }
  });
  const extra: ConservationReport['extra'] = [];
  for (const [char, count] of held) if (count !== 0) extra.push({ char, count, where: [...(where.get(char) ?? [])].slice(0, 5) });

  const inconsistent = source.blocks.flatMap(selfCheck);
  const ids = source.blocks.map((b) => b.id);
  for (const id of new Set(ids)) if (ids.indexOf(id) !== ids.lastIndexOf(id)) inconsistent.push(`${id}: id used twice`);
  return { ok: missing.length === 0 && extra.length === 0 && inconsistent.length === 0, missing, extra, inconsistent };
}

/** The fields of one block that repeat its text must say the same thing. */
function selfCheck(b: Block): string[] {
  const problems: string[] = [];
  const paragraphs = nonSpace(b.paragraphs.join(''));
  // The original lines hold the arrow and byline too, but not a credit that stood on a line of its own.
  if (nonSpace(b.lines.flat().join('')) !== nonSpace((b.arrow ?? '') + (b.byline ?? '')) + paragraphs) problems.push(`${b.id}: its lines do not hold the same text as its paragraphs`);
  if (b.lines.length !== b.paragraphs.length && b.kind !== 'vertical-headline' && b.kind !== 'headline-group') problems.push(`${b.id}: ${b.lines.length} line lists for ${b.paragraphs.length} paragraphs`);
  if (b.columns && nonSpace([...b.columns, b.subtitle ?? ''].join('')) !== paragraphs) problems.push(`${b.id}: columns and subtitle differ from its paragraphs`);
  if (b.headline && nonSpace([b.headline.kicker, b.headline.main, b.headline.subtitle].filter(Boolean).join('')) !== paragraphs) problems.push(`${b.id}: headline parts differ from its paragraphs`);
  return problems;
}
