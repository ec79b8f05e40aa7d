import type { Item } from './items.js';
import type { PlacedGlyph } from './types.js';

/** Turn an item set at (x, baseline) with width `w` into glyphs, added to `out` (a line's glyphs: no array per character). */
export function placeItem(it: Item, x: number, baseline: number, w: number, scaleX = 1, out: PlacedGlyph[] = []): PlacedGlyph[] {
  const em = it.size;
  let cx = x;
  if (it.punct && it.opening) cx = x + (w - em) * scaleX;
  const upem = it.face.font.unitsPerEm;
  for (const g of it.glyphs) {
    // Only dashes stretch (to 2 em): the font's own advance is looked up for them alone.
    const fontAdvance = it.kind === 'dash' ? it.face.font.getGlyph(g.gid).advanceWidth / upem : 0;
    const stretch = fontAdvance > 0 ? g.advance / fontAdvance : 1;
    const glyph: PlacedGlyph = { face: it.face.key, gid: g.gid, text: g.text, x: cx, y: baseline, size: em };
    const sx = stretch * scaleX;
    if (Math.abs(sx - 1) > 1e-3) glyph.scaleX = sx;
    if (it.style.color && it.style.color !== '#000000') glyph.color = it.style.color;
    out.push(glyph);
    cx += g.advance * em * scaleX;
  }
  return out;
}
