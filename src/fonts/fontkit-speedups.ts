import type * as fontkit from 'fontkit';

/**
 * Speed-ups for fontkit font objects as banmian uses them: each keeps fontkit's answers exactly
 * (test/batch-speed.test.ts compares them with a plain fontkit font) and removes work a page does
 * thousands of times or that a cold process pays for tables it never needs in full.
 */
export function speedUp(font: fontkit.Font): void {
  decodeLocaFast(font);
  memoizeLookups(font);
  skipUnusedControlBox(font);
}

interface FontInternals {
  _tables: Record<string, unknown>;
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  head: { indexToLocFormat: number };
  stream: { buffer: Uint8Array };
  unitsPerEm: number;
  _variationProcessor?: unknown;
  _cmapProcessor: { lookup(cp: number): number };
  getGlyph(gid: number, chars?: number[]): fontkit.Glyph;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): fontkit.Glyph;
}

/**
 * Decode a TrueType font's `loca` table (where each glyph's outline starts) with a typed view and
 * hand it to fontkit ready-made. fontkit decodes it entry by entry through its generic struct reader
 * the first time any glyph's advance or outline is asked for: 65,000 entries per CJK font, 15–25 ms
 * per font on a cold process. The result has fontkit's shape (`version`, byte `offsets`, already
 * processed) and values (test/batch-speed.test.ts compares them).
 */
export function decodeLocaFast(font: fontkit.Font): void {
  const f = font as unknown as FontInternals;
  const entry = f.directory?.tables?.loca;
  if (!entry || !f._tables || 'loca' in f._tables) return;
  const version = f.head.indexToLocFormat;
  const bytes = f.stream.buffer;
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, entry.length);
  const short = version === 0;
  const n = short ? entry.length >> 1 : entry.length >> 2;
  const offsets: number[] = new Array(n);
  if (short) for (let i = 0; i < n; i++) offsets[i] = view.getUint16(i * 2) * 2;
  else for (let i = 0; i < n; i++) offsets[i] = view.getUint32(i * 4);
  f._tables.loca = { version, offsets, _processed: true };
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

const PATCHED = Symbol('banmian.skipUnusedControlBox');

/**
 * fontkit's TrueType glyph computes its control box (decoding the glyph header from glyf) on the
 * first advanceWidth, only to derive vertical metrics when the font has no vmtx table. The Noto CJK
 * fonts have vmtx, so for them (and any non-variable font with vmtx) go straight to the metrics.
 */
export function skipUnusedControlBox(font: fontkit.Font): void {
  const f = font as unknown as FontInternals;
  if (!f.directory?.tables?.glyf) return;
  const proto = Object.getPrototypeOf(f.getGlyph(0)) as Record<string | symbol, unknown>;
  const base = Object.getPrototypeOf(proto) as { _getMetrics?: (cbox?: unknown) => unknown };
  if (proto[PATCHED] || typeof proto._getMetrics !== 'function' || typeof base._getMetrics !== 'function') return;
  const own = proto._getMetrics as (this: { _font: FontInternals; _metrics?: unknown }) => unknown;
  const baseMetrics = base._getMetrics;
  proto[PATCHED] = own;
  proto._getMetrics = function (this: { _font: FontInternals; _metrics?: unknown }) {
    if (this._metrics) return this._metrics;
    const font = this._font;
    // The base method needs the box only without vmtx; variable fonts must decode their outlines.
    if (font._variationProcessor || !font.directory.tables.vmtx) return own.call(this);
    return baseMetrics.call(this);
  };
}

/** fontkit's own metrics for a glyph whose metrics are not computed yet (for tests). */
export function fontkitGlyphMetrics(glyph: fontkit.Glyph): unknown {
  const own = (Object.getPrototypeOf(glyph) as Record<symbol, ((this: fontkit.Glyph) => unknown) | undefined>)[PATCHED];
  return (own ?? (glyph as unknown as { _getMetrics(): unknown })._getMetrics).call(glyph);
}
