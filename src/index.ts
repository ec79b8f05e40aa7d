/** banmian's public API for scripts. */
export { renderPage, setPage, defaultFonts, pageFails, type PageOptions, type SetPage } from './pipeline.js';
export { ingest, blockText, type Source, type Block } from './ingest/index.js';
export { checkConservation, inferSetting, type ConservationReport, type Setting } from './ingest/index.js';
export { loadLayout, resolveLayout, LayoutFile } from './model/index.js';
export type { Layout } from './model/index.js';
export { layoutPage, type Frame } from './layout/index.js';
export { assign } from './assign/index.js';
export { typesetPage, Glyphs, type SetText, type SetLine, type PlacedGlyph, type GlyphRun } from './typeset/index.js';
export { renderPdf, renderDocument, type RenderOptions } from './render/pdf.js';
export { PRINTING_CONDITIONS, type PrintingCondition } from './render/conditions.js';
export { altoXml, type AltoOptions } from './export/alto.js';
export { buildReport, formatReport, preflight, type PageReport, type Preflight, type PrintRules } from './report/index.js';
export { FontBook } from './fonts/fontbook.js';
export { InputError } from './errors.js';
export { writeFileAtomic, type FileAccess } from './fsutil.js';
export { renderBatch, batchExitCode, expandBatch, type BatchOptions, type BatchPage, type BatchSummary, type PageResult } from './batch/index.js';
