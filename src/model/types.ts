import type { NamedInput } from '../fsutil.js';
import type { RegionT } from './schema.js';
import type { ResolvedStyle } from './styles.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageSpec {
  /** Trim size in points. */
  width: number;
  height: number;
  margins: { top: number; right: number; bottom: number; left: number };
  columns: number;
  gutter: number;
  baseline?: number;
  header?: { paper: string; date: string; page: string | number; section?: string; edition?: string };
}

/** A validated layout with everything resolved but the region geometry (the layout stage does that). */
export interface Layout {
  name: string;
  /** Absolute path of the layout file. */
  file: string;
  /** Absolute path of the text file, if the layout names one. */
  textFile?: string;
  /** Every file the page is made from (the layout, the layouts it extends, its text or original PDF, its images): outputs may not be one of them. */
  inputs: NamedInput[];
  /** The original page PDF the text is read from (absolute path and 1-based page), if the layout names one. */
  original?: { pdf: string; page: number };
  /** Apply ingest's archive corrections (○ → 〇 inside numbers). */
  corrections: boolean;
  page: PageSpec;
  styles: Record<string, ResolvedStyle>;
  regions: RegionT[];
}
