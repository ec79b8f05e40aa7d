import { InputError } from '../errors.js';
import { buildBlocks } from './build.js';
import { decodeText } from './decode.js';
import { collapseFakeBold, normalizeLine, type CleanLine } from './normalize.js';
import { pairHeadlines } from './pair.js';
import { segment } from './segment.js';
import type { Correction, Dropped, FakeBoldCollapse, IngestOptions, Source } from './types.js';

export type { Block, BlockKind, Correction, Dropped, FakeBoldCollapse, Source, IngestOptions } from './types.js';
export { inferSetting, type Setting, type LineEvidence } from './setting.js';
export { decodeText } from './decode.js';
export { blockText } from './text.js';
export { checkConservation, type ConservationReport } from './conservation.js';

/** Ingest extracted page text (string or raw bytes) into clean blocks, accounting for every character. */
export function ingest(input: string | Uint8Array, options: IngestOptions = {}, name = 'input'): Source {
  const { text, encoding } = typeof input === 'string' ? { text: input, encoding: 'utf-16 (string)' } : decodeText(input, name);
  if (!/[^\s\uFEFF]/u.test(text)) throw new InputError(`${name}: there is no text in it${text.length ? ' (only spaces and blank lines)' : ''}`);
  const dropped: Dropped[] = [];
  const collapses: FakeBoldCollapse[] = [];
  const corrections: Correction[] = [];
  const clean: (CleanLine | null)[] = text.split(/\r\n|\r|\n/).map((l, i) => {
    const line = normalizeLine(l, i + 1, dropped, options.corrections, corrections);
    return line.text === '' ? null : line;
  });
  // Fake-bold doubling (22001199) is undone only on lines segmentation takes as headings.
  const drafts = segment(clean, (line) => collapseFakeBold(line, dropped, collapses));
  const blocks = pairHeadlines(buildBlocks(drafts));
  dropped.sort((a, b) => a.line - b.line || a.column - b.column);
  return { blocks, dropped, collapses, corrections, encoding };
}
