export { loadLayout, resolveLayout, formatIssues } from './load.js';
export { LayoutFile, Region, Style } from './schema.js';
export type { RegionT, LayoutFileT, SelectorT, ArticleRegionT, BoxRegionT, VerticalRegionT, PhotoRegionT, StripRegionT, TextRegionT, RuleRegionT, GroupRegionT } from './schema.js';
export type { Layout, PageSpec, Box } from './types.js';
export type { ResolvedStyle } from './styles.js';
export { toPt, MM, SIZE_NAMES, PAGE_PRESETS } from './units.js';
