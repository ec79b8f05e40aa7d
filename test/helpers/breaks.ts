import { dirname } from 'node:path';
import { resolveLayout, setPage, type SetPage } from '../../src/index.js';
import type { DerivedPage } from '../../src/rebuild.js';

/**
 * A derived layout, unedited but for one thing: every body and sidebar style's `breaks` set to
 * `mode`. Set (not rendered) from the derived source, with the layout living where `derivePage` meant.
 */
export async function setDerivedWithBreaks(derived: DerivedPage, mode: 'reflow' | 'auto' | 'original'): Promise<SetPage> {
  const data = structuredClone(derived.layout) as { styles: Record<string, { breaks?: string }> };
  for (const [name, style] of Object.entries(data.styles)) if (name.startsWith('body') || name.startsWith('sidebar')) style.breaks = mode;
  const root = dirname(derived.layoutFile);
  return setPage(resolveLayout(data, derived.layoutFile, { root }), { root, source: derived.source, images: derived.photos });
}
