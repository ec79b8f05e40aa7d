import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPage } from '../../src/index.js';

/** The repository root (tests run from dist/test). */
export const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
export const SAMPLE_LAYOUT = resolve(ROOT, 'layouts/puyang-daily-kaifaqu.json');
export const SAMPLE_TEXT = resolve(ROOT, 'input/puyang-daily-kaifaqu.txt');

let cached: ReturnType<typeof renderPage> | undefined;
/** The sample page, rendered once per test process. */
export const renderedSample = () => (cached ??= renderPage(SAMPLE_LAYOUT));
