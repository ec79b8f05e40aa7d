/**
 * One page of a PDF as drawn: every glyph at its origin, every image where it is painted, every
 * vector path. Points, origin at the page's top left, y down (the viewport of the page's crop box).
 */

/** A rectangle [x0, y0, x1, y1] with x0 ≤ x1 and y0 ≤ y1. */
export type Rect = [number, number, number, number];

export interface PdfGlyph {
  /** The Unicode text the glyph stands for ('' when the font gives none). */
  text: string;
  /** False when the text is unknown or unusable: no ToUnicode entry, U+FFFD, private use, .notdef. */
  known: boolean;
  /** Glyph origin as the content stream put it (never derived from glyph boxes). */
  x: number;
  y: number;
  /** Type size in points (the em's height on the page). */
  size: number;
  /** Horizontal scale of the glyph relative to its size (1 unless Tz or an anisotropic matrix condenses it). */
  scaleX: number;
  /** The advance the font claims, in points along the writing direction (may be damaged). */
  advance: number;
  /** Index into PdfPage.fonts. */
  font: number;
  /** Writing direction: horizontal, or a vertical writing-mode font (Identity-V). */
  vertical: boolean;
  /** Baseline angle in degrees, counter-clockwise on the page (0 for ordinary horizontal text). */
  angle: number;
  /** Text render mode: fill, stroke, fill and stroke, invisible (OCR layers), as the PDF says. */
  mode: 'fill' | 'stroke' | 'fill-stroke' | 'invisible';
  /** Fill colour (#rrggbb, as pdf.js converts every colour space). */
  color: string;
  /** Position in drawing order (for reading order ties and overprint detection). */
  seq: number;
  /** The marked-content id (MCID) the glyph is drawn in: in a tagged PDF, its place in the structure tree. */
  mcid?: number;
}

export interface PdfFont {
  /** The font's PostScript name without a subset tag, e.g. FZBSJW-GB1-0. */
  name: string;
  /** The font is a vertical writing-mode CID font. */
  vertical: boolean;
  bold: boolean;
  italic: boolean;
  /** The font program is embedded in the PDF. */
  embedded: boolean;
  type3: boolean;
}

export interface PdfImage {
  /** pdf.js object id, to fetch the pixels. */
  id: string;
  /** Where the image's unit square lands on the page. */
  bbox: Rect;
  /** What is visible of it: bbox clipped by the current clip path. */
  visible: Rect;
  /** The transformation of the unit square (a b c d e f), page coordinates. */
  matrix: number[];
  pixelWidth: number;
  pixelHeight: number;
  /** A stencil mask (ImageMask): a 1-bit shape painted in the fill colour, no colour of its own. */
  mask?: boolean;
  /** Painting order. */
  seq: number;
}

export interface PdfSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPath {
  bbox: Rect;
  /** Straight pieces of the path (curves are approximated by their chord). */
  segments: PdfSegment[];
  /** The path closes rectangles only (re, or four axis-parallel sides). */
  rectangles: Rect[];
  hasCurves: boolean;
  stroke?: { width: number; color: string };
  fill?: { color: string };
  seq: number;
}

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  glyphs: PdfGlyph[];
  fonts: PdfFont[];
  images: PdfImage[];
  paths: PdfPath[];
}
