import type { StandIn } from '../fonts/fontbook.js';
import type { Box } from '../model/index.js';
import type { Glyphs } from './glyphs.js';

/**
 * What glyphs set together share: face, size, baseline, scale and colour. One object serves a run of
 * glyphs (all of a justified line's characters in one face and size share one), so that a glyph
 * stores only its own id, text and x (see Glyphs).
 */
export interface GlyphRun {
  /** Font face key (role-weight), e.g. song-regular. */
  face: string;
  size: number;
  /** The baseline, in points from the page's top. */
  y: number;
  /** Horizontal scale (1 = none), for condensed headlines and tate-chu-yoko. */
  scaleX?: number;
  /** Rotation in degrees clockwise (90 for Latin in vertical text). */
  rotate?: number;
  /** Set upright in vertical text, one under the other (written in the font's vertical mode, so readers take the column for a line). */
  upright?: boolean;
  color?: string;
}

/**
 * One glyph on the page, as an object (a line's glyphs are stored by field: see Glyphs). Coordinates
 * in points from the page's top left; (x, run.y) is the glyph origin on the baseline.
 */
export interface PlacedGlyph {
  gid: number;
  /** The text the glyph stands for (for the PDF's Unicode map and text extraction). */
  text: string;
  x: number;
  run: GlyphRun;
}

export interface SetLine {
  /** Frame-relative facts for reports: the region and which column the line sits in. */
  region: string;
  column: number;
  /** The text of the line, as set (for comparison with the original lines). */
  text: string;
  /** Left edge, baseline, width available, width used. */
  x: number;
  y: number;
  width: number;
  used: number;
  glyphs: Glyphs;
  /** The block and paragraph the line belongs to, and its line index in that paragraph. */
  block: string;
  paragraph: number;
  line: number;
  role: 'body' | 'subhead' | 'credit' | 'title' | 'headline' | 'vertical';
  /** Headline lines (role headline or vertical): which part of the headline group the line sets. */
  part?: HeadlinePart;
  /** The horizontal scale a line too long for its measure was set at to fit it (never drawn past its box). */
  condensed?: number;
}

/** Something the typesetter did that the report should say. */
export interface Note {
  /**
   * reflowed: a paragraph with the original's lines was broken anew ('auto'); broken-run: a run with
   * no break opportunity, longer than the measure, was broken at it; condensed: a line was scaled
   * horizontally to fit its measure; wrapped: a heading too wide for its column was set on more lines;
   * tight: a paragraph broken anew was set a little tight (紧排) to save a line for text that overflowed.
   */
  kind: 'reflowed' | 'broken-run' | 'condensed' | 'wrapped' | 'tight';
  block: string;
  paragraph: number;
  /** Why (reflowed), the text before the break (broken-run), or the scale (condensed). */
  detail: string;
}

export interface Overflow {
  block: string;
  paragraph: number;
  /** The characters that did not fit. */
  text: string;
}

export interface ColumnFill {
  box: Box;
  linesUsed: number;
  linesAvailable: number;
}

/** The parts of a headline group: the kicker (引题) above, the main headline (主题), the subtitle (副题) below. */
export type HeadlinePart = 'kicker' | 'main' | 'subtitle';

export interface SetStory {
  region: string;
  /** The kind of the source block the story shows (article, caption, page-header, …; none for inline text). */
  kind?: string;
  /** A story showing one part of a headline group (a derived layout's headline line of no article). */
  part?: HeadlinePart;
  lines: SetLine[];
  columns: ColumnFill[];
  overflow: Overflow[];
  /** When text overflows: the body lines it would take beyond the region (at the body's leading) and their height, pt. */
  missing?: { lines: number; height: number };
  notes: Note[];
}

/** What one page's setting learned about its fonts: reported, never drawn as empty boxes. */
export interface FaceLog {
  /** Characters no face of the role (or its fallbacks) has: not drawn. */
  missing: Set<string>;
  /** Characters set in a fallback face, by face key. */
  fallbacks: Map<string, Set<string>>;
  /** Roles asked for that have no face installed (key role-weight, e.g. kai-bold), with the face set instead and why. */
  standIns?: Map<string, StandIn>;
}

export interface SetText {
  stories: SetStory[];
  /** Characters set in a fallback face (face key → characters). */
  fallbacks: Record<string, string>;
  /** Characters no face has: never drawn as boxes, reported. */
  missing: string[];
  /** Roles the page asked for that have no face installed (role-weight → the face set instead, and why). */
  standIns: Record<string, StandIn>;
}
