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
  };
  vertical?: { columns: string[]; subtitle?: string };
}
