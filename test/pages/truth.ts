/**
 * The truth about a generated test page: what the generator placed and where, written beside the PDF
 * as `<name>.truth.json` so that the PDF reader, derive, compare and the evaluation can be checked
 * against it.
 *
 * Units and axes: lengths in pt; every box is {x, y, w, h} measured from the page's top-left corner,
 * x to the right and y downwards (PDF user space flipped), the box of the text's em squares (a line
 * of size s is s tall; its baseline lies 0.88 s below the line's top).
 *
 * Text: each string is exactly what is drawn, in reading order, without line breaks (a paragraph is
 * one string however many lines it takes). Compare ignoring white space: bylines and credits keep
 * their spaces between names, but a reader sees them as gaps.
 *
 * Blocks come in reading order. They use the kinds and field names of banmian's `Source` where one
 * exists (`headline.kicker/main/subtitle`, `byline`, `bylineAlone`, `within`, `columns` of a vertical
 * headline, `credit`), plus geometry. A headline group, vertical headline, subhead, caption or sidebar
 * names the article it belongs to in `article`.
 */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A font as Typst selected it: family name, OpenType weight (100–900), size in pt. */
export interface Face {
  family: string;
  weight: number;
  size: number;
}

export type BlockKind =
  | 'page-header'
  | 'headline-group'
  | 'article'
  | 'subhead'
  | 'vertical-headline'
  | 'caption'
  | 'sidebar'
  | 'section-head'
  | 'slogan'
  | 'page-footer';

interface BlockBase {
  /** Stable within the page: `a1`, `a1-head`, `a1-sub1`, `photo2-caption`, … */
  id: string;
  kind: BlockKind;
  /** The region the block occupies (an article: the union of its body parts). */
  box: Box;
  /** The article this block belongs to (headline groups, subheads, captions, vertical headlines, sidebars). */
  article?: string;
}

/** The page header: newspaper name, page number, section, date, editors, each a separate string. */
export interface PageHeaderBlock extends BlockBase {
  kind: 'page-header';
  parts: string[];
}

export interface HeadlineGroupBlock extends BlockBase {
  kind: 'headline-group';
  headline: { kicker?: string; main: string; subtitle?: string };
  /** The main headline's lines as set (two for a two-line headline; `main` is them joined). */
  mainLines: string[];
  faces: { kicker?: Face; main: Face; subtitle?: Face };
  align: 'center' | 'start';
}

/** One rectangle of an article's body, set in `columns` columns of `rows` lines each, all filled. */
export interface BodyPart {
  box: Box;
  columns: number;
  columnWidth: number;
  gutter: number;
  rows: number;
  /** Indexes into the article's paragraphs: the first and last paragraph set in this part. */
  paragraphs: [number, number];
}

export interface ArticleBlock extends BlockBase {
  kind: 'article';
  /** 本报讯（记者 … 通讯员 …） at the start of the first paragraph, or on a line of its own (bylineAlone). */
  byline?: string;
  bylineAlone?: boolean;
  /** A short-news item's title, set bold at the start of its first paragraph (not part of paragraphs[0]). */
  runIn?: string;
  /** Full paragraphs, without the byline or run-in title. */
  paragraphs: string[];
  /** Of the first body part (parts may differ). */
  columns: number;
  columnWidth: number;
  face: Face;
  /** Distance from one baseline to the next, pt. */
  lineStep: number;
  /** Characters per full line of the first part (column width / size: the body is set on an em grid). */
  lineLength: number;
  /** First-line indent of every paragraph, in em. */
  indent: number;
  /** Body parts in reading order; more than one when the article goes on in another column block. */
  parts: BodyPart[];
}

export interface SubheadBlock extends BlockBase {
  kind: 'subhead';
  text: string;
  within: { article: string; beforeParagraph: number };
  face: Face;
}

/** Characters stacked one per line in columns; `columns` right to left, then the subtitle column(s). */
export interface VerticalHeadlineBlock extends BlockBase {
  kind: 'vertical-headline';
  columns: string[];
  subtitle?: string;
  faces: { main: Face; subtitle?: Face };
}

export interface CaptionBlock extends BlockBase {
  kind: 'caption';
  text: string;
  /** … 摄, set after the caption text. */
  credit?: string;
  photo: string;
}

export interface SidebarBlock extends BlockBase {
  kind: 'sidebar';
  title?: string;
  paragraphs: string[];
  /** The box drawn around it: border width (pt) and tint (gray level, 1 = white). */
  frame: { stroke: number; fill: number };
}

/** A bar over a group of items (简讯), set reversed or bold. */
export interface SectionHeadBlock extends BlockBase {
  kind: 'section-head';
  text: string;
}

export interface SloganBlock extends BlockBase {
  kind: 'slogan';
  text: string;
}

/** The imprint line at the foot of the page (publisher, address, price). */
export interface PageFooterBlock extends BlockBase {
  kind: 'page-footer';
  parts: string[];
}

export type Block =
  | PageHeaderBlock
  | HeadlineGroupBlock
  | ArticleBlock
  | SubheadBlock
  | VerticalHeadlineBlock
  | CaptionBlock
  | SidebarBlock
  | SectionHeadBlock
  | SloganBlock
  | PageFooterBlock;

export interface Photo {
  id: string;
  article?: string;
  /** Where the picture is drawn (the whole image, no crop). */
  box: Box;
  /** The JPEG written beside the truth, its pixel size and colour (gray or rgb). */
  file: string;
  pixels: { width: number; height: number };
  color: 'gray' | 'rgb';
}

/** A straight rule, from (x1, y1) to (x2, y2), `width` pt thick. */
export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

/** A filled or stroked rectangle (sidebar frames, tint strips, bars). fill: gray level or null. */
export interface Panel {
  box: Box;
  fill: number | null;
  stroke: number | null;
  of?: string;
}

export interface PageTruth {
  name: string;
  description: string;
  /** The seed of the text generator: the same seed, the same page. */
  seed: number;
  page: { width: number; height: number };
  /** The area inside the margins. */
  typeArea: Box;
  /** 'reading': the content stream follows reading order; 'headlines-last': bodies first, headlines at the end (as Founder's output often is). */
  contentOrder: 'reading' | 'headlines-last';
  blocks: Block[];
  photos: Photo[];
  rules: Rule[];
  panels: Panel[];
  /** Set by Typst: its version and the text settings that are page-wide. */
  engine: { name: 'typst'; version: string; cjkLatinSpacing: boolean };
}

/**
 * The truth of a damaged-text-layer fixture: the text that is really on each page (what a reader
 * should recover), line by line, with the baseline origin of each line in the page's top-left space,
 * and what is wrong with the text layer.
 */
export interface FixtureLine {
  text: string;
  /** Origin of the first glyph: x, and y of the baseline from the top (for vertical lines, the top of the first glyph's em box). */
  x: number;
  y: number;
  size: number;
  vertical?: boolean;
  /** Drawn as fake bold (overprinted copies or fill + stroke). */
  bold?: boolean;
  /** Each glyph placed by the content stream (a Tj per glyph), not by the font's widths. */
  placed?: boolean;
}

export type Damage =
  | { kind: 'none' }
  | { kind: 'fake-bold-overprint'; copies: number; offset: number }
  | { kind: 'fake-bold-stroke'; renderMode: 2; strokeWidth: number }
  | { kind: 'no-tounicode'; font: string }
  | { kind: 'digit-widths'; claimed: number; advance: number; font: string }
  | { kind: 'vertical-identity-v'; font: string }
  | { kind: 'vertical-one-char-lines' }
  | { kind: 'no-text-layer' }
  | { kind: 'encrypted'; method: 'AES-128'; userPassword: string; ownerPassword: string }
  | { kind: 'two-pages' };

export interface FixtureTruth {
  name: string;
  description: string;
  damage: Damage[];
  pages: { width: number; height: number; lines: FixtureLine[]; images: { box: Box }[] }[];
}
