import type { Setting } from '../ingest/index.js';

/** A run of text in one style (a byline run-in at the head of a paragraph, then the body). */
export interface Run {
  text: string;
  style: string;
  /** A byline that stood on lines of its own in the original (it ends its line). */
  alone?: boolean;
}

export interface StoryParagraph {
  runs: Run[];
  /** The paragraph style: indent, alignment, leading come from it. */
  style: string;
  role: 'body' | 'subhead' | 'credit' | 'title';
  /** The block it came from and its paragraph index there, and the original lines to compare with. */
  block: string;
  index: number;
  original?: string[];
  /**
   * The width (pt) of the column the original lines stood in, when the source knows it (read from
   * the original PDF): set in a measure this wide, the lines are the original's as they were, and
   * only a line that no longer fits makes the paragraph reflow.
   */
  measure?: number;
  /**
   * Where each original line stood, when the source knows it (read from the original page): its
   * baseline (pt from the page's top) and the index of the story's column it stood in. A line kept as
   * the original's is set there again, so the page's own spacing (a gap between paragraphs, room left
   * for a subhead) survives; a reflowed paragraph falls back on the line grid. `xs`: where each of the
   * line's characters (spaces aside) stood, so a kept line's characters stand there again.
   */
  pins?: { baseline: number; column: number; xs?: number[] }[];
  /** The original first line's indent (pt), when the source knows it (a hanging quote, a byline set flush): it replaces the style's. */
  indent?: number;
  /** How the original set its block, as the text shows it: the defaults for what the layout's styles do not write. */
  setting?: Setting;
}

export interface Story {
  region: string;
  /** The kind of the source block the story shows (article, caption, page-header, …); page-header for the header line the layout's page.header makes; none for inline text. */
  kind?: string;
  /** A story showing one paragraph of a headline group: which part it is. */
  part?: 'kicker' | 'main' | 'subtitle';
  /** Regions the text continues into after this one's columns (continueIn chain). */
  continuedIn: string[];
  blocks: string[];
  paragraphs: StoryParagraph[];
  /** The region's line-break mode, over its paragraphs' styles. */
  breaks?: 'original' | 'reflow' | 'auto';
  headline?: {
    kicker?: string;
    main?: string;
    subtitle?: string;
    block?: string;
    /** style of the main line */
    style?: string;
    /** The group's original lines in order (kicker, main, subtitle lines), for headlines placed line by line. */
    lines?: string[];
    /** The part each of `lines` belongs to. */
    parts?: ('kicker' | 'main' | 'subtitle')[];
    /** Where each of those lines' characters stood, when the source knows (read from the original page). */
    xs?: (number[] | undefined)[];
  };
  vertical?: { columns: string[]; subtitle?: string };
}
