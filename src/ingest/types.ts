import type { Setting } from './setting.js';

export type BlockKind =
  | 'article'
  | 'subhead'
  | 'vertical-headline'
  | 'headline-group'
  | 'caption'
  | 'sidebar'
  | 'slogan'
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
}

export interface Dropped {
  /** The character(s) removed. */
  text: string;
  line: number;
  column: number;
  reason: 'replacement-character' | 'control-character' | 'fake-bold-duplicate' | 'byte-order-mark';
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
  /** Text encoding the input was read as. */
  encoding: string;
}

export interface IngestOptions {
  /** Character corrections an archive wants (e.g. ○ → 〇 inside numbers). Off by default. */
  corrections?: boolean;
}
