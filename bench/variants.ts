import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_LAYOUT, SAMPLE_TEXT } from './util.js';

/** Same-length substitutions, applied alike to the text and the layout (whose prefixes quote the text). */
const SWAPS: [string, string][] = [
  ['开发区', '高新区'],
  ['濮阳', '安阳'],
  ['企业', '单位'],
  ['工作', '任务'],
  ['项目', '工程'],
  ['群众', '居民'],
];

/**
 * Write `n` variants of the sample page into `dir` (pages/*.json, texts/*.txt): each with its own
 * mix of word swaps in the text, page number, date, margins and tints. Returns the pages folder.
 */
export function writeVariants(dir: string, n: number): string {
  const text = readFileSync(SAMPLE_TEXT, 'utf8');
  const layout = readFileSync(SAMPLE_LAYOUT, 'utf8');
  const pages = join(dir, 'pages');
  const texts = join(dir, 'texts');
  mkdirSync(pages, { recursive: true });
  mkdirSync(texts, { recursive: true });
  for (let k = 0; k < n; k++) {
    const swap = (s: string) => SWAPS.reduce((t, [a, b], i) => ((k >> i) & 1 ? t.split(a).join(b) : t), s);
    const name = `page-${String(k + 1).padStart(4, '0')}`;
    const textFile = join(texts, `${name}.txt`);
    writeFileSync(textFile, swap(text));
    const l = JSON.parse(swap(layout));
    delete l.$schema;
    l.name = name;
    l.text = textFile;
    l.page.header.page = (k % 8) + 1;
    l.page.header.date = `2020-07-${String((k % 28) + 1).padStart(2, '0')}`;
    l.page.margins.left = l.page.margins.right = `${19 + (k % 3) * 0.5}mm`;
    for (const r of l.regions) if (r.tint) r.tint = `cmyk(0, 0, 0, ${6 + (k % 5)})`;
    writeFileSync(join(pages, `${name}.json`), JSON.stringify(l));
  }
  return pages;
}
