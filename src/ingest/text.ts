import type { Block } from './types.js';

/** Every character a block holds, in order: byline, paragraphs (or columns and subtitle), credit. */
export function blockText(b: Block): string {
  return [b.arrow ?? '', b.byline ?? '', ...b.paragraphs, b.credit ?? ''].join('');
}
