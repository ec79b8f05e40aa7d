import type * as fontkit from 'fontkit';

interface FontInternals {
  unitsPerEm: number;
  _cmapProcessor: { lookup(cp: number): number };
  getGlyph(gid: number, chars?: number[]): fontkit.Glyph;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): fontkit.Glyph;
}

/**
 * Memoize, on one fontkit font object, the lookups the typesetter makes for every character:
 * code point → glyph id (a binary search through fontkit's lazily decoded cmap each time) and
 * unitsPerEm (a getter chain through the head table). Same values, same glyph objects (fontkit
 * already caches glyphs by id); a page repeats a few hundred characters thousands of times.
 */
export function memoizeLookups(font: fontkit.Font): void {
  const f = font as unknown as FontInternals;
  Object.defineProperty(f, 'unitsPerEm', { value: f.unitsPerEm, enumerable: true });
  const cmap = f._cmapProcessor;
  const gids = new Map<number, number>();
  const gidOf = (cp: number): number => {
    let gid = gids.get(cp);
    if (gid === undefined) gids.set(cp, (gid = cmap.lookup(cp)));
    return gid;
  };
  f.hasGlyphForCodePoint = (cp) => !!gidOf(cp);
  f.glyphForCodePoint = (cp) => f.getGlyph(gidOf(cp), [cp]);
}
