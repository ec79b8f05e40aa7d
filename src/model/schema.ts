import { z } from 'zod';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from './dates.js';
import { isLength, PAGE_PRESETS } from './units.js';

const describe = <T extends z.ZodType>(t: T, d: string) => t.describe(d);

export const Length = describe(
  z.union([z.number(), z.string().refine(isLength, { error: 'expected a length such as 12mm, 9pt, 36Q, 小五, 2字, 3行 or 50%' })]),
  'A length: a number (points) or a string with a unit: pt, mm, cm, in, Q (级, 0.25 mm), 字 (body em), 行 (body lines), or a size name such as 小五.',
);
const PositiveInt = z.int({ error: 'expected a positive integer' }).positive({ error: 'expected a positive integer' });
const Color = describe(z.string().regex(/^(#[0-9a-fA-F]{6}|cmyk\(\s*[\d.]+\s*,\s*[\d.]+\s*,\s*[\d.]+\s*,\s*[\d.]+\s*\))$/), 'A colour: #rrggbb or cmyk(c, m, y, k) with 0–100 per channel.');

export const Margins = z.union([Length, z.strictObject({ top: Length, right: Length, bottom: Length, left: Length })]);

export const Breaks = z
  .enum(['original', 'reflow', 'auto'])
  .describe('Line breaks of text that came with the original’s lines: original (each original line is one line), reflow (break anew), auto (keep the original lines where the measure holds them, reflow a paragraph that no longer fits; the default).');

export const Style = z.strictObject({
  extends: z.string().optional().describe('Name of the style this one inherits from.'),
  font: z.string().optional().describe('Font role from fonts/registry.json: song (宋体), hei (黑体), kai (楷体) or fangsong (仿宋). A role with no face installed (fangsong by default) is set in song, with a warning in the report.'),
  weight: z.enum(['regular', 'bold', 'black']).optional(),
  size: Length.optional().describe('Type size: 小五, 9pt, 36Q …'),
  leading: Length.optional().describe('Line pitch (baseline to baseline).'),
  tracking: z.number().optional().describe('Extra space between characters, in em.'),
  indent: z.number().optional().describe('First-line indent in em (2 for body text).'),
  quotes: z.enum(['half', 'full']).optional().describe('Width of “ ” ‘ ’.'),
  punctuation: z.enum(['compressed', 'full', 'kaiming']).optional().describe('compressed: ，。、 etc. take half an em and expand when a line is justified; full: one em each; kaiming (开明式, clreq): 。？！ one em, the others half.'),
  adjacentMarks: z.enum(['compress', 'keep']).optional().describe('Two adjacent full-width marks (。” ，“ ）、): compress to 1.5 em (clreq, default) or keep 2 em.'),
  pushIn: z.enum(['compress', 'line-end']).optional().describe('To hold a mark that may not begin a line: compress punctuation anywhere in the line (clreq, default), or only the mark at the line end.'),
  kinsoku: z.enum(['none', 'basic', 'strict']).optional().describe('Line-start/line-end prohibition level (clreq).'),
  align: z.enum(['justify', 'left', 'center', 'right', 'spread']).optional().describe('spread: letter-space to fill the line.'),
  scale: z.number().positive().optional().describe('Horizontal scale in percent (condensed < 100 < extended).'),
  fit: z.enum(['none', 'condense', 'scale', 'spread']).optional().describe('Headlines: condense to fit one line; scale (condense or extend) to fill it exactly; or letter-space (spread) to fill it.'),
  targetWidth: Length.optional().describe('Headlines: the width to fit or fill (default: the frame width), e.g. 20字 or 120mm; the line is centred in the frame.'),
  latinSpacing: z.number().min(0).max(0.25).optional().describe('Space between Han and Latin/digits, in em (0–¼).'),
  latinSpacingMin: z.number().min(0).max(0.25).optional().describe('The least the Han–Latin space closes to on a tight line, in em (default 0: it may close up entirely, as clreq allows).'),
  digits: z.enum(['proportional', 'half', 'full']).optional().describe('Digits in the font’s proportional widths, its half-width forms (GSUB hwid, ½ em each) or its full-width forms (fwid, 1 em).'),
  keepTogether: z.array(z.string().min(1)).optional().describe('Words never broken across lines (a Chinese newspaper rule for leaders’ names). "@leaders" stands for the built-in list of leaders’ names: ["@leaders", "张三"] extends it, [] clears it.'),
  breaks: Breaks.optional(),
  lineBreaker: z
    .enum(['first-fit', 'optimal'])
    .optional()
    .describe('How lines are broken anew: first-fit (each line as full as it can be, then the next) or optimal (the whole paragraph at once, Knuth–Plass, as Typst and TeX do). Default: whichever reproduces more of the original lines the text came with.'),
  tateChuYoko: z.number().int().min(0).max(4).optional().describe('Vertical text: numbers of up to this many digits stand upright side by side in one em (default 2).'),
  spaceBefore: Length.optional(),
  spaceAfter: Length.optional(),
  color: Color.optional(),
});

export const Selector = z
  .union([
    z.strictObject({
      block: z.string().describe('A block id from `banmian inspect`, e.g. article-2.'),
      paragraph: z.int().min(0).optional().describe('Only this paragraph of the block (0-based), e.g. one line of a page header.'),
    }),
    z.strictObject({ prefix: z.string().min(1).describe('The first characters of the block text (spaces ignored).') }),
    z.strictObject({ text: z.string().min(1).describe('Inline text, for headlines that are missing or wrong.') }),
  ])
  .describe('What a region shows: a block id, a text prefix, or inline text.');

const Placement = {
  id: z.string().min(1),
  x: Length.optional().describe('Left edge, from the type area’s left edge.'),
  y: Length.optional().describe('Top edge, from the type area’s top edge.'),
  width: Length.optional(),
  height: Length.optional(),
  column: PositiveInt.optional().describe('Grid placement: first page-grid column (1-based).'),
  span: PositiveInt.optional().describe('Grid placement: number of page-grid columns.'),
  grow: z.number().min(0).optional().describe('Inside a group: flex grow.'),
  style: z.string().optional(),
};

/** A headline line placed where the original had it (derived layouts): the top of its em box, its width, its style. */
export const HeadlineLine = z.strictObject({
  x: Length,
  y: Length.describe('Top of the line’s em box, from the type area’s top edge.'),
  width: Length,
  style: z.string(),
});

export const HeadlineSpec = z.strictObject({
  content: Selector.optional().describe('Defaults to the headline group paired with the article.'),
  lines: z.array(HeadlineLine).optional().describe('Each line of the headline group (kicker lines, main lines, subtitle lines, in order) at its own place and style, as `derive` writes them; without it the group is set in a zone above the columns.'),
  kicker: z.string().optional(),
  main: z.string().optional(),
  subtitle: z.string().optional(),
  span: PositiveInt.optional().describe('Columns the headline spans (default: all).'),
  style: z.string().optional().describe('Style of the main headline (default: headline); kicker and subtitle use kicker and subtitle.'),
});

/** A text column at a given place (derived layouts): x, y from the type area's top left. */
export const ColumnBox = z.strictObject({ x: Length, y: Length, width: Length, height: Length });

/** Text set in columns (articles and boxes). */
const Columns = {
  columnBoxes: z.array(ColumnBox).min(1).optional().describe('The columns, each at its own place and size, in reading order (as `derive` writes them from an original page); replaces the even split into `columns`.'),
  columns: PositiveInt.default(1),
  lineLength: z.number().positive().optional().describe('Column width in em of the body size (the original’s characters per line).'),
  gutter: Length.optional(),
  balance: z.boolean().optional().describe('Balance a short text across the columns (default true); false fills column by column.'),
  breaks: Breaks.optional().describe('Line breaks for this region’s text, over its styles’ (see Style.breaks).'),
  bylineStyle: z.string().optional().describe('Style of the byline or item title run in at the head of the text (default: byline).'),
};

export const ArticleRegion = z.strictObject({
  kind: z.literal('article'),
  ...Placement,
  ...Columns,
  content: Selector.optional().describe('Omitted only in a region another article continues into (continueIn).'),
  headline: z.union([HeadlineSpec, z.literal(false)]).optional(),
  columnRules: z.boolean().optional(),
  continueIn: z.string().optional().describe('Id of a region where the body continues.'),
});

export const BoxRegion = z.strictObject({
  kind: z.literal('box'),
  ...Placement,
  ...Columns,
  content: Selector.optional().describe('Omitted: the box is drawn (border, tint) with nothing set in it, e.g. a frame around several articles or a bar behind a heading.'),
  title: z.string().optional(),
  border: Length.optional(),
  tint: Color.optional(),
  padding: Length.optional(),
});

export const VerticalRegion = z.strictObject({
  kind: z.literal('vertical'),
  ...Placement,
  content: Selector,
  subtitleStyle: z.string().optional(),
  subtitleGap: Length.optional().describe('Space between the last main column and the subtitle column (default 1.5 × the space between main columns); derive writes what the original had.'),
});

export const CaptionSpec = z.strictObject({
  content: Selector,
  position: z.enum(['below', 'above', 'left', 'right']).default('below'),
  breaks: Breaks.optional().describe('Line breaks for the caption, over its style’s (see Style.breaks).'),
  size: Length.optional().describe('Height (below/above) or width (left/right) of the caption.'),
  style: z.string().optional(),
});

export const PhotoRegion = z.strictObject({
  kind: z.literal('photo'),
  ...Placement,
  image: z.string().optional().describe('Image file, relative to the layout file. Omitted: a gray placeholder.'),
  fit: z.enum(['cover', 'contain', 'fill']).default('cover').describe('cover: scale to fill the frame, cropping the overflow (default); contain: scale to fit inside it; fill: stretch to the frame (what derive writes with a crop: the original placement, whatever its scaling).'),
  crop: z
    .strictObject({ x: z.number().min(0), y: z.number().min(0), width: z.number().positive(), height: z.number().positive() })
    .optional()
    .describe('The part of the image to use, in its pixels (x, y from its top left, after EXIF orientation; fractions allowed); fit then places that part as it would the whole image. derive writes the part the original page showed.'),
  grayscale: z.boolean().default(false),
  caption: CaptionSpec.optional(),
});

export const RuleRegion = z.strictObject({
  kind: z.literal('rule'),
  ...Placement,
  weight: Length.optional(),
  color: Color.optional(),
});

export const StripRegion = z.strictObject({
  kind: z.literal('strip'),
  ...Placement,
  content: Selector,
  tint: Color.optional(),
});

export const TextRegion = z.strictObject({
  kind: z.literal('text'),
  ...Placement,
  content: Selector,
  breaks: Breaks.optional().describe('Line breaks for this region’s text, over its style’s (see Style.breaks).'),
});

export const GroupRegion = z.strictObject({
  kind: z.literal('group'),
  ...Placement,
  direction: z.enum(['row', 'column']).default('column'),
  gap: Length.optional(),
  // Typed loosely to break the type-level cycle; the parsed children are Regions (see types.ts).
  get children(): z.ZodArray<z.ZodType<unknown>> {
    return z.array(Region as z.ZodType<unknown>);
  },
});

export const Region = z.discriminatedUnion('kind', [ArticleRegion, BoxRegion, VerticalRegion, PhotoRegion, RuleRegion, StripRegion, TextRegion, GroupRegion]);

export const PageHeader = z.strictObject({
  paper: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: CALENDAR_DATE_MESSAGE }).refine(isCalendarDate, { error: CALENDAR_DATE_MESSAGE }).describe('The issue date, YYYY-MM-DD (a real calendar date).'),
  page: z.union([z.string(), z.number()]),
  section: z.string().optional(),
  edition: z.string().optional(),
});

export const Page = z.strictObject({
  size: z.union([z.enum(Object.keys(PAGE_PRESETS) as [string, ...string[]]), z.literal('custom'), z.strictObject({ width: Length, height: Length })]),
  width: Length.optional().describe('With size "custom".'),
  height: Length.optional().describe('With size "custom".'),
  margins: Margins,
  columns: PositiveInt.optional().describe('Page grid: number of columns.'),
  gutter: Length.optional().describe('Page grid: space between columns.'),
  baseline: Length.optional().describe('Baseline grid pitch.'),
  header: PageHeader.optional().describe('The page header line (眉头).'),
});

export const LayoutFile = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[\w.-]+$/).optional().describe('Output name; defaults to the layout file name.'),
  extends: z.string().optional().describe('A layout file this one builds on (same page design, another day).'),
  text: z.string().optional().describe('The extracted text file, relative to this layout file.'),
  original: z
    .strictObject({
      pdf: z.string().describe('The original page PDF, relative to this layout file.'),
      page: PositiveInt.default(1).describe('The page of the PDF (1-based).'),
    })
    .optional()
    .describe('Read the text from the original page PDF (its glyphs, in reading order, with their geometry) instead of a text file.'),
  corrections: z.boolean().optional().describe('Apply the archive character corrections to the text (○ → 〇 inside numbers); off by default.'),
  page: Page.optional(),
  styles: z.record(z.string(), Style).optional(),
  regions: z.array(Region).optional(),
  overrides: z.record(z.string(), z.record(z.string(), z.unknown())).optional().describe('Per-region field overrides, by region id (for layouts that extend a template).'),
});

export type LayoutInput = z.input<typeof LayoutFile>;
export type StyleInput = z.infer<typeof Style>;
export type SelectorT = z.infer<typeof Selector>;
export type ArticleRegionT = z.infer<typeof ArticleRegion>;
export type HeadlineLineT = z.infer<typeof HeadlineLine>;
export type BoxRegionT = z.infer<typeof BoxRegion>;
export type VerticalRegionT = z.infer<typeof VerticalRegion>;
export type PhotoRegionT = z.infer<typeof PhotoRegion>;
export type RuleRegionT = z.infer<typeof RuleRegion>;
export type StripRegionT = z.infer<typeof StripRegion>;
export type TextRegionT = z.infer<typeof TextRegion>;
export type GroupRegionT = Omit<z.infer<typeof GroupRegion>, 'children'> & { children: RegionT[] };
export type RegionT = ArticleRegionT | BoxRegionT | VerticalRegionT | PhotoRegionT | RuleRegionT | StripRegionT | TextRegionT | GroupRegionT;
export type LayoutFileT = Omit<z.infer<typeof LayoutFile>, 'regions'> & { regions?: RegionT[] };
