import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeLines, type EmbeddedFontLike } from '../src/render/text.js';
import { Glyphs, type PlacedGlyph, type SetLine } from '../src/typeset/index.js';

/** A stand-in font: glyph id g has advance 1000 units, except ids ≥ 100 (half-width marks): 500. */
function fakeFont(): EmbeddedFontLike {
  const ids = new Map<number, number>();
  return {
    id: 'F1',
    font: { getGlyph: (gid: number) => ({ advanceWidth: gid >= 100 ? 500 : 1000 }) },
    subset: { includeGlyph: (gid: number) => (ids.has(gid) ? ids.get(gid)! : (ids.set(gid, ids.size + 1), ids.size)) },
    widths: [],
    unicode: [],
    scale: 1,
    ref: () => null,
  };
}

/** Replay the text operators: where a PDF reader puts each glyph (x of its origin, in page space before the y flip). */
function replay(content: string, font: EmbeddedFontLike): { x: number; code: number }[] {
  const placed: { x: number; code: number }[] = [];
  let tc = 0;
  for (const op of content.split('\n')) {
    const m = /^(-?[\d.]+) Tc$/.exec(op);
    if (m) tc = Number(m[1]);
    const bt = /^BT \/\S+ ([\d.]+) Tf ([-\d.]+) 0 0 1 ([-\d.]+) [-\d.]+ Tm \[(.*)\] TJ ET$/.exec(op);
    if (!bt) continue;
    const [size, sx, x0] = [Number(bt[1]), Number(bt[2]), Number(bt[3])];
    let x = x0;
    for (const part of bt[4].match(/<[0-9a-f]*>|-?[\d.]+/g)!) {
      if (part.startsWith('<')) {
        for (let i = 1; i + 4 <= part.length - 1; i += 4) {
          const code = parseInt(part.slice(i, i + 4), 16);
          placed.push({ x, code });
          x += ((font.widths[code] / 1000) * size + tc) * sx;
        }
      } else x -= (Number(part) / 1000) * size * sx;
    }
  }
  return placed;
}

test('glyphs land where the typesetter put them: common spacing in Tc, exceptions in TJ', () => {
  const font = fakeFont();
  let content = '';
  const sink = { addContent: (s: string) => (content += s + '\n'), useFont: () => font, useVerticalFont: () => font, pageHeight: 800 };
  const glyph = (gid: number, x: number, size = 9, scaleX?: number): PlacedGlyph => ({ gid, text: '字', x, run: { face: 'song-regular', y: 100, size, ...(scaleX ? { scaleX } : {}) } });
  // A justified line: 9 pt glyphs 9.37 pt apart, a compressed mark (half width, no spacing), a kerned end.
  const xs = [10];
  const gids = [1, 2, 3, 100, 4, 5, 6, 7, 8];
  for (let k = 1; k < gids.length; k++) xs.push(xs[k - 1] + (gids[k - 1] >= 100 ? 4.5 : 9.37) + (k === gids.length - 1 ? 0.8 : 0));
  const lines: SetLine[] = [
    { text: '', glyphs: Glyphs.of(gids.map((g, k) => glyph(g, xs[k]))) } as unknown as SetLine,
    // A condensed headline (scaleX) and a line with no extra spacing at all.
    { text: '', glyphs: Glyphs.of([glyph(9, 50, 20, 0.8), glyph(10, 66, 20, 0.8), glyph(11, 82.5, 20, 0.8)]) } as unknown as SetLine,
    { text: '', glyphs: Glyphs.of([glyph(12, 10, 9), glyph(13, 19, 9), glyph(14, 28, 9)]) } as unknown as SetLine,
  ];
  writeLines(sink, lines);
  const placed = replay(content, font);
  const want = lines.flatMap((l) => l.glyphs.map((g) => g.x));
  assert.is(placed.length, want.length);
  placed.forEach((p, i) => assert.ok(Math.abs(p.x - want[i]) < 0.005, `glyph ${i}: at ${p.x}, set at ${want[i]}`));
  // The justified line's spacing went to Tc, so only its two exceptions carry numbers.
  const first = content.split('\n').filter((l) => l.startsWith('BT'))[0];
  assert.is(first.match(/> -?[\d.]+ </g)?.length, 2, first);
  assert.match(content, /^0\.37 Tc$/m);
  assert.match(content, /^0 Tc$/m, 'Tc goes back to 0 for the unspaced line');
  assert.ok(content.startsWith('q\n') && content.trimEnd().endsWith('Q'), 'all inside q … Q, so Tc does not leak');
});

test.run();
