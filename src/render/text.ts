import type { SetLine, PlacedGlyph } from '../typeset/index.js';
import { BLACK, fillOp, toCmyk } from './color.js';

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
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const num = (n: number) => (Math.round(n * 1000) / 1000).toString();

/** Include a glyph in the font subset (with its width and Unicode text for extraction); its 4-digit hex code. */
function encodeGlyph(font: EmbeddedFontLike, g: PlacedGlyph): string {
  const sub = font.subset.includeGlyph(g.gid);
  if (font.widths[sub] == null) font.widths[sub] = font.font.getGlyph(g.gid).advanceWidth * font.scale;
  if (font.unicode[sub] == null) font.unicode[sub] = [...g.text].map((c) => c.codePointAt(0)!);
  return hex4(sub);
}

/**
 * Write set lines as text objects, positioned glyph by glyph through TJ kerning so that the PDF
 * holds exactly the typesetter's positions and stays searchable. Consecutive glyphs on one baseline
 * in one face, size, scale and colour share a TJ array. Coordinates: pdfkit's page space is
 * y-down; text is written in PDF's native y-up space.
 */
export function writeLines(sink: ContentSink, lines: readonly SetLine[]) {
  const H = sink.pageHeight;
  sink.addContent('q');
  sink.addContent(`1 0 0 -1 0 ${num(H)} cm`);
  let color = '';
  for (const line of lines) {
    const glyphs = line.glyphs;
    for (let i = 0; i < glyphs.length; ) {
      const first = glyphs[i];
      let j = i + 1;
      if (!first.rotate)
        while (j < glyphs.length && sameRun(first, glyphs[j]) && glyphs[j].x >= glyphs[j - 1].x) j++;
      const c = fillOp(first.color ? toCmyk(first.color) : BLACK);
      if (c !== color) {
        sink.addContent(c);
        color = c;
      }
      writeRun(sink, glyphs.slice(i, j), H);
      i = j;
    }
  }
  sink.addContent('Q');
}

function sameRun(a: PlacedGlyph, b: PlacedGlyph): boolean {
  return a.face === b.face && a.size === b.size && Math.abs(a.y - b.y) < 0.001 && (a.scaleX ?? 1) === (b.scaleX ?? 1) && !b.rotate && a.color === b.color;
}

function writeRun(sink: ContentSink, run: readonly PlacedGlyph[], H: number) {
  const first = run[0];
  const font = sink.useFont(first.face);
  const sx = first.scaleX ?? 1;
  const y = H - first.y;
  const matrix = first.rotate === 90 ? `0 -1 1 0 ${num(first.x)} ${num(y)}` : `${num(sx)} 0 0 1 ${num(first.x)} ${num(y)}`;
  const parts: string[] = [];
  for (let k = 0; k < run.length; k++) {
    const code = encodeGlyph(font, run[k]);
    parts.push(`<${code}>`);
    if (k + 1 < run.length) {
      const advance = (font.widths[font.subset.includeGlyph(run[k].gid)] / 1000) * first.size;
      const wanted = (run[k + 1].x - run[k].x) / sx;
      const adj = (-(wanted - advance) * 1000) / first.size;
      if (Math.abs(adj) > 0.05) parts.push(num(adj));
    }
  }
  sink.addContent(`BT /${font.id} ${num(first.size)} Tf ${matrix} Tm [${parts.join(' ')}] TJ ET`);
}
