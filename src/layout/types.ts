import type { Box, RegionT } from '../model/index.js';

/** Where a region sits on the page and how its inside is divided; points, origin at the page's top left. */
export interface Frame {
  id: string;
  kind: RegionT['kind'];
  region: RegionT;
  box: Box;
  /** article: the zone the headline group is set in. */
  headline?: Box;
  /** article: each headline line's own em box and style, when the layout places them (derived layouts). */
  headlineLines?: { box: Box; style: string }[];
  /** Text columns, in reading order (article body, box, strip, text, caption, vertical). */
  columns: Box[];
  /** photo: the picture, and the caption under (or beside) it, which is also its text column. */
  image?: Box;
  caption?: Box;
  /** box: border width; rule: line weight (points). */
  stroke?: number;
  /** vertical: the space before the subtitle column (points), when the layout gives it. */
  subtitleGap?: number;
}

/** What the layout stage needs to know of the content: the headline lines of each article region (their style names) and caption sizes. */
export interface LayoutHints {
  headlines?: Record<string, string[]>;
  /** Characters of caption text (including credit) per photo region id, to size the caption. */
  captionChars?: Record<string, number>;
}
