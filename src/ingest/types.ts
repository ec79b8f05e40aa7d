import type { Setting } from './setting.js';

export type BlockKind =
  | 'article'
  | 'subhead'
  | 'vertical-headline'
  | 'headline-group'
  | 'caption'
  | 'sidebar'
  | 'slogan'
  | 'page-header'
  | 'page-footer'
  | 'unknown';

export interface Block {
  /** Stable id: kind and ordinal, e.g. `article-2`. */
  id: string;
  kind: BlockKind;
  /** Clean paragraph texts (no byline, no credit). */
  paragraphs: string[];
  /** The original (cleaned) lines of each paragraph, for comparison with the typesetter's breaks. */
  lines: string[][];
  /** Inferred line length in em (digits and Latin count half, quotes half). */
  lineLength: number;
  /** 1-based line numbers of the source text this block came from: [first, last]. */
  source: [number, number];
  /** article: the byline run-in at the head of the first paragraph, e.g. 本报讯（记者 王金勇 通讯员 刘涛）. */
  byline?: string;
  /** article: the byline stood on a line (or lines) of its own rather than running into the text. */
  bylineAlone?: boolean;
  /** subhead: the article it sits in and the index of the paragraph it precedes. */
  within?: { article: string; beforeParagraph: number };
  /** headline-group: its parts. */
  headline?: { kicker?: string; main?: string; subtitle?: string };
  /** headline-group: the lines stood right before an article's byline (in reading order). */
  leadsArticle?: boolean;
  /** headline-group: the article it was paired with by shared wording, and the score. */
  pairedWith?: { article: string; score: number };
  /** vertical-headline: the columns of the main headline, right to left, and the subtitle. */
  columns?: string[];
  subtitle?: string;
  /** caption: the credit line (… 摄) and the arrow that points at the photo. */
  credit?: string;
  arrow?: string;
  /** article, sidebar: how the block was set, as its lines show it (see ingest/setting.ts). */
  setting?: Setting;
  /** PDF path only: where the block stands on the original page. */
  geometry?: BlockGeometry;
}

/** [x0, y0, x1, y1] in points from the page's top left, y down. */
export type Rect = [number, number, number, number];

/** One original line as it stood on the page. */
export interface LineBox {
  text: string;
  bbox: Rect;
  /** y of the baseline (vertical lines: x of the column's centre). */
  baseline: number;
  size: number;
  /** The original's font name (e.g. FZBSJW-GB1-0) and whether it looked bold. */
  font: string;
  bold: boolean;
  /** Index of the block's column (geometry.columns) the line stands in. */
  column: number;
  /** Horizontal placement inside its column: flush both sides, flush start (short), centred, flush end. */
  align: 'justify' | 'start' | 'center' | 'end';
  /** Glyphs without a Unicode value on this line (reported, never set). */
  unknown?: number;
  /** Where each character of `text` but spaces stood: its glyph's origin x (pt), in order. */
  xs?: number[];
}

/** A block's geometry on the original page (PDF path). */
export interface BlockGeometry {
  bbox: Rect;
  /** The text columns in reading order (body blocks), or the block's own box. */
  columns: Rect[];
  /** The line boxes of each paragraph, parallel to Block.lines. */
  lineBoxes: LineBox[][];
  /** Body size, baseline pitch (0 for one line) and tracking in em (extra space between characters). */
  size: number;
  leading: number;
  tracking: number;
  /** The font most of the block is set in, its weight, and its colour (#rrggbb). */
  font: string;
  bold: boolean;
  color: string;
  /** headline-group: each line's part (kicker, main, subtitle), in order. */
  parts?: ('kicker' | 'main' | 'subtitle')[];
  /** The block sits inside a drawn box (border or tint). */
  boxed?: { bbox: Rect; border: number; borderColor?: string; tint?: string };
  /** sidebar: its first paragraph is the box's title. */
  title?: boolean;
  /** caption: what stood before the credit on its line (tab: flush right; ideographic space: a gap; '': a line of its own), and its face. */
  creditSep?: string;
  creditFont?: string;
  /** article: the face of its run-in byline or item title (font name, bold). */
  bylineFace?: { font: string; bold: boolean };
  /** caption: the photo it belongs to (index into PageGeometry.photos). */
  photo?: number;
}

/** What the original page shows besides its text (PDF path). */
export interface PageGeometry {
  /** 1-based page number in the PDF, and the page size in points. */
  page: number;
  width: number;
  height: number;
  /** Pictures: photos, placeholders (an empty tinted box where a picture goes: no image), ornaments (small images). */
  photos: { bbox: Rect; image?: { id: string; /** PdfImage.seq: the paint it is. */ seq: number; bbox: Rect; pixelWidth: number; pixelHeight: number }; kind: 'photo' | 'placeholder' | 'ornament' }[];
  rules: { orientation: 'h' | 'v'; at: number; from: number; to: number; weight: number; color: string }[];
  boxes: { bbox: Rect; border: number; borderColor?: string; tint?: string }[];
  /** Glyphs drawn as outlines (filled vector paths in the shape of text) are not text: counted here. */
  outlinedText?: number;
}

export interface Dropped {
  /** The character(s) removed. */
  text: string;
  line: number;
  column: number;
  reason: 'replacement-character' | 'control-character' | 'fake-bold-duplicate' | 'byte-order-mark' | 'no-unicode';
  /** PDF path: where on the page the glyph stood (points, top left origin). */
  at?: { x: number; y: number };
}

export interface FakeBoldCollapse {
  line: number;
  from: string;
  to: string;
}

/** An archive correction applied (only with `corrections: true`); column counts the cleaned line. */
export interface Correction {
  line: number;
  column: number;
  from: string;
  to: string;
}

export interface Source {
  blocks: Block[];
  dropped: Dropped[];
  collapses: FakeBoldCollapse[];
  /** Archive corrections applied (empty unless `corrections` is on). */
  corrections: Correction[];
  /** Text encoding the input was read as ('pdf' for the PDF path). */
  encoding: string;
  /** PDF path: the page the blocks were read from, with its photos, rules and boxes. */
  page?: PageGeometry;
}

export interface IngestOptions {
  /** Character corrections an archive wants (e.g. ○ → 〇 inside numbers). Off by default. */
  corrections?: boolean;
}
