import { buildBlocks } from './build.js';
import { decodeText } from './decode.js';
import { collapseFakeBold, normalizeLine, type CleanLine } from './normalize.js';
import { pairHeadlines } from './pair.js';
import { segment } from './segment.js';
import { classifyLine, looksLikeHeading } from './lines.js';
import type { Dropped, FakeBoldCollapse, IngestOptions, Source } from './types.js';

export type { Block, BlockKind, Dropped, Source, IngestOptions } from './types.js';
export { decodeText } from './decode.js';
export { blockText } from './text.js';

/** Ingest extracted page text (string or raw bytes) into clean blocks, accounting for every character. */
export function ingest(input: string | Uint8Array, options: IngestOptions = {}, name = 'input'): Source {
  const { text, encoding } = typeof input === 'string' ? { text: input, encoding: 'utf-16 (string)' } : decodeText(input, name);
  const dropped: Dropped[] = [];
  const collapses: FakeBoldCollapse[] = [];
  const raw = text.split(/\r\n|\r|\n/);
  const clean: (CleanLine | null)[] = raw.map((l, i) => {
    const line = normalizeLine(l, i + 1, dropped, options.corrections);
    return line.text === '' ? null : line;
  });
  // Fake-bold doubling is undone only on short isolated lines (headlines, subheads).
  clean.forEach((l, i) => {
    if (!l) return;
    const isolated = !clean[i + 1] && (!clean[i - 1] || i === 0 || /[。！？”]$/u.test(clean[i - 1]!.text));
    if (isolated && classifyLine(l.text) === 'text' && looksLikeHeading(l.text.replace(/(\d)\1/g, '$1'), 30)) clean[i] = collapseFakeBold(l, dropped, collapses);
  });
  const blocks = pairHeadlines(buildBlocks(segment(clean)));
  return { blocks, dropped, collapses, encoding };
}
