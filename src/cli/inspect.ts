import { dirname, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { maxImage, maxInput, readInput } from '../fsutil.js';
import { blockText, type Block, type Source } from '../ingest/index.js';
import { looksLikePdf } from '../pdf/open.js';
import { ingestText } from '../textfile.js';
import { args, fileAccess, number, one } from './options.js';

/** `banmian inspect <text | original.pdf> [--json] [--corrections] [--page N]`: the blocks ingest finds, as a table or as JSON. */
export async function inspectCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, { json: { type: 'boolean' }, corrections: { type: 'boolean' }, page: { type: 'string' }, 'max-input': { type: 'string' } }, 'inspect');
  const file = one(positionals, 'inspect <text file | original.pdf>');
  const access = fileAccess(values);
  // An original page PDF may be as big as a photo; extracted text is held to the text limit.
  const bytes = await readInput(file, { limit: maxImage(access), kind: 'an original PDF' });
  if (looksLikePdf(bytes)) return inspectPdfCommand(bytes, file, values.page === undefined ? undefined : number('--page', values.page, 1, 100000, 'a page number'), !!values.json);
  if (values.page !== undefined) throw new InputError(`--page: ${file} is not a PDF`);
  refuseLayout(bytes, file);
  const limit = maxInput(access);
  if (bytes.length > limit) throw new InputError(`${file}: ${Math.round((bytes.length / 2 ** 20) * 10) / 10} MiB is over the ${Math.round((limit / 2 ** 20) * 10) / 10} MiB limit for a text file (--max-input MB raises it)`);
  const source = ingestText(bytes, { corrections: values.corrections }, file);
  process.stdout.write(values.json ? JSON.stringify(source, null, 2) + '\n' : table(source));
  return 0;
}

/**
 * A layout given where its text is meant: a JSON object with regions, a page or a text field (a
 * layout, or a template) is refused with what to do instead, rather than ingested as a page of text.
 */
function refuseLayout(bytes: Uint8Array, file: string) {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{')) return;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return;
  }
  const o = json as Record<string, unknown>;
  if (!o || typeof o !== 'object' || !('regions' in o || 'page' in o || 'text' in o || 'original' in o || 'extends' in o)) return;
  const text = typeof o.text === 'string' ? ` (its text is ${relative('.', resolve(dirname(file), o.text)) || o.text}: banmian inspect that file)` : typeof o.original === 'object' ? ' (inspect its original PDF)' : '';
  throw new InputError(`${file}: a layout, not extracted text${text}; inspect reads a text file or an original PDF; banmian check ${file} sets the layout and reports how it fits`);
}

/** The PDF front door: each page's blocks with their geometry, lines, photos, rules and boxes. */
async function inspectPdfCommand(bytes: Uint8Array, file: string, pageNo: number | undefined, json: boolean): Promise<number> {
  // The table of each page as soon as it is read (a later page may fail).
  const pages = await inspectPdf(bytes, file, pageNo, ({ number, json: p, source }) => {
    if (!json) process.stdout.write(`${file} page ${number}: ${p.width} × ${p.height} pt, ${p.glyphs} glyphs, ${p.lines.length} lines, ${source.page?.photos.length ?? 0} images, ${source.page?.rules.length ?? 0} rules, ${source.page?.boxes.length ?? 0} boxes\n` + table(source));
  });
  if (json) process.stdout.write(JSON.stringify(pages.length === 1 ? pages[0].json : pages.map((p) => p.json), null, 2) + '\n');
  return 0;
}

interface InspectedPage {
  number: number;
  source: Source;
  json: { width: number; height: number; glyphs: number; lines: unknown[] } & Record<string, unknown>;
}

/** Each page read (all pages, or page `pageNo`): its number, its Source, and what `inspect --json` prints for it. */
export async function inspectPdf(bytes: Uint8Array, file: string, pageNo?: number, onPage?: (p: InspectedPage) => void): Promise<InspectedPage[]> {
  const { openPdf, pageNumbers } = await import('../pdf/open.js');
  const { readPage } = await import('../pdf/read.js');
  const { readLines } = await import('../pdf/lines.js');
  const { ingestPdfPage } = await import('../ingest/geometry/index.js');
  const doc = await openPdf(bytes, file);
  const pages = [];
  try {
    for (const n of pageNumbers(doc, file, pageNo)) {
      const { page } = await readPage(doc, n);
      if (!page.glyphs.length) throw new InputError(`${file}: no text layer on page ${n}${page.images.length ? ' (it holds only images: a scan needs OCR first)' : ''}`);
      const read = readLines(page);
      const source = ingestPdfPage(page, read);
      const r = (v: number) => Math.round(v * 100) / 100;
      const lines = read.lines.map((l) => ({ text: l.text, bbox: l.bbox.map(r), baseline: r(l.baseline), size: r(l.size), font: page.fonts[l.font]?.name, bold: l.bold, vertical: l.vertical, color: l.color, ...(l.unknown ? { unknown: l.unknown } : {}), ...(l.invisible ? { invisible: true } : {}) }));
      const inspected = { number: n, source, json: { page: n, width: r(page.width), height: r(page.height), fonts: page.fonts, glyphs: page.glyphs.length, lines, ...source } };
      pages.push(inspected);
      onPage?.(inspected);
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

const FIRST_CHARS = 24;

/** One row per block (id, kind, line length in em, paragraphs, first characters), then what was removed or changed. */
function table(source: Source): string {
  const rows = [['id', 'kind', 'line', 'paras', 'text'], ...source.blocks.map(row)];
  // A reduce, not Math.max(...rows): a spread of a hundred thousand rows overflows the stack.
  const widths = [0, 1, 2, 3].map((k) => rows.reduce((w, r) => Math.max(w, r[k].length), 0));
  const out = rows.map((r) => [r[0].padEnd(widths[0]), r[1].padEnd(widths[1]), r[2].padStart(widths[2]), r[3].padStart(widths[3]), r[4]].join('  '));
  out.push('');
  out.push(source.page ? `${source.blocks.length} blocks` : `encoding ${source.encoding}; ${source.blocks.length} blocks`);
  const reasons = new Map<string, number[]>();
  for (const d of source.dropped) (reasons.get(d.reason) ?? reasons.set(d.reason, []).get(d.reason)!).push(d.line);
  out.push(`dropped ${source.dropped.length}${[...reasons].map(([r, lines]) => `; ${r} ×${lines.length} (lines ${[...new Set(lines)].join(', ')})`).join('')}`);
  out.push(`fake-bold collapses: ${source.collapses.map((c) => `line ${c.line} ${c.from}→${c.to}`).join(', ') || 'none'}`);
  if (source.corrections.length) out.push(`corrections: ${source.corrections.map((c) => `line ${c.line}:${c.column} ${c.from}→${c.to}`).join(', ')}`);
  return out.join('\n') + '\n';
}

function row(b: Block): string[] {
  const extra = b.pairedWith ? `  → ${b.pairedWith.article} (score ${b.pairedWith.score})` : b.within ? `  (in ${b.within.article}, before paragraph ${b.within.beforeParagraph + 1})` : '';
  const text = [...blockText(b).replace(/\s+/g, ' ')];
  return [b.id, b.kind, String(b.lineLength), String(b.paragraphs.length), text.slice(0, FIRST_CHARS).join('') + (text.length > FIRST_CHARS ? '…' : '') + extra];
}
