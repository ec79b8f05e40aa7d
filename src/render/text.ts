import type { SetLine, PlacedGlyph } from '../typeset/index.js';
import { BLACK, fillOp, isBlack, toCmyk } from './color.js';

/** The parts of pdfkit's EmbeddedFont that banmian writes through (pdfkit has no public glyph-id API). */
export interface EmbeddedFontLike {
  id: string;
  font: { getGlyph(id: number): { advanceWidth: number } };
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
  ref(): unknown;
}

export interface ContentSink {
  addContent(op: string): void;
  useFont(face: string): EmbeddedFontLike;
  pageHeight: number;
  /** PDF/X: the graphics states (resource names) set before black text (overprint) and other text (knockout). */
  overprint?: { black: string; other: string };
}

/** Two hex digits for each byte value: a glyph id is written as two lookups, not a toString and a pad per glyph. */
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number) => (n >= 0 && n < 0x10000 ? HEX2[n >> 8] + HEX2[n & 0xff] : n.toString(16).padStart(4, '0'));
/** A number as PDF content writes it: at most three decimals. */
export const num = (n: number) => (Math.round(n * 1000) / 1000).toString();

/** Include a glyph in the font subset (with its width and Unicode text for extraction); its subset id. */
function encodeGlyph(font: EmbeddedFontLike, g: PlacedGlyph): number {
  const sub = font.subset.includeGlyph(g.gid);
  if (font.widths[sub] == null) font.widths[sub] = font.font.getGlyph(g.gid).advanceWidth * font.scale;
  if (font.unicode[sub] == null) font.unicode[sub] = [...g.text].map((c) => c.codePointAt(0)!);
  return sub;
}

/**
 * Write set lines as text objects, positioned glyph by glyph so that the PDF holds exactly the
 * typesetter's positions and stays searchable. Consecutive glyphs on one baseline in one face,
 * size, scale and colour share a TJ array. Justified CJK text spaces most glyphs of a line alike,
 * so that common spacing goes in the character spacing (Tc) and only the exceptions (compressed
 * punctuation, line ends) carry a TJ number: about a third of the content stream of one number per
 * glyph, and as much less to deflate. Coordinates: pdfkit's page space is y-down; text is written
 * in PDF's native y-up space.
 */
export function writeLines(sink: ContentSink, lines: readonly SetLine[]) {
  const H = sink.pageHeight;
  const out: string[] = ['q', `1 0 0 -1 0 ${num(H)} cm`];
  // Tc and the overprint state are graphics state: they carry across text objects until the Q below
  // restores them. The page starts in knockout, so other text needs no state until black has set one.
  const state = { color: '', tc: 0, gs: sink.overprint?.other ?? '' };
  for (const line of lines) {
    const glyphs = line.glyphs;
    for (let i = 0; i < glyphs.length; ) {
      const first = glyphs[i];
      let j = i + 1;
      if (!first.rotate)
        while (j < glyphs.length && sameRun(first, glyphs[j]) && glyphs[j].x >= glyphs[j - 1].x) j++;
      const cmyk = first.color ? toCmyk(first.color) : BLACK;
      const c = fillOp(cmyk);
      if (c !== state.color) {
        out.push(c);
        state.color = c;
        const gs = sink.overprint && (isBlack(cmyk) ? sink.overprint.black : sink.overprint.other);
        if (gs && gs !== state.gs) {
          out.push(`/${gs} gs`);
          state.gs = gs;
        }
      }
      writeRun(sink, out, state, glyphs.slice(i, j), H);
      i = j;
    }
  }
  out.push('Q');
  sink.addContent(out.join('\n'));
}

function sameRun(a: PlacedGlyph, b: PlacedGlyph): boolean {
  return a.face === b.face && a.size === b.size && Math.abs(a.y - b.y) < 0.001 && (a.scaleX ?? 1) === (b.scaleX ?? 1) && !b.rotate && a.color === b.color;
}

/** The most frequent value (to 0.001) of a list; 0 for an empty one. */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const k = Math.round(v * 1000) / 1000;
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n > bestCount) {
      // Two assignments, not a destructuring: this runs per glyph, often before the JIT has warmed up.
      best = k;
      bestCount = n;
    }
  }
  return best;
}

function writeRun(sink: ContentSink, out: string[], state: { tc: number }, run: readonly PlacedGlyph[], H: number) {
  const first = run[0];
  const font = sink.useFont(first.face);
  const sx = first.scaleX ?? 1;
  const size = first.size;
  const y = H - first.y;
  const matrix = first.rotate === 90 ? `0 -1 1 0 ${num(first.x)} ${num(y)}` : `${num(sx)} 0 0 1 ${num(first.x)} ${num(y)}`;
  const subs = run.map((g) => encodeGlyph(font, g));
  // extra[k]: how far glyph k+1 sits beyond glyph k's advance, in text space (before the scale).
  const extra: number[] = [];
  for (let k = 0; k + 1 < run.length; k++) extra.push((run[k + 1].x - run[k].x) / sx - (font.widths[subs[k]] / 1000) * size);
  const tc = run.length > 1 ? mode(extra) : state.tc;
  if (tc !== state.tc) {
    out.push(`${num(tc)} Tc`);
    state.tc = tc;
  }
  let tj = '[<';
  for (let k = 0; k < run.length; k++) {
    tj += hex4(subs[k]);
    if (k + 1 < run.length) {
      const adj = (-(extra[k] - tc) * 1000) / size;
      if (Math.abs(adj) > 0.05) tj += `> ${num(adj)} <`;
    }
  }
  out.push(`BT /${font.id} ${num(size)} Tf ${matrix} Tm ${tj}>] TJ ET`);
}
