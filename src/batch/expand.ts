import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { checkUnderRoot, isUnder, maxInput, readInput, type FileAccess } from '../fsutil.js';
import { parseJson } from '../json.js';

/** One page of a batch: the layout file to render (or an original page PDF to rebuild) and where its PDF goes. */
export interface BatchPage {
  layout: string;
  output: string;
  /** Text file to use instead of the layout's own `text` (optional, manifests only). */
  text?: string;
  /** `layout` is an original PDF: the page of it to rebuild (derive and render). */
  page?: number;
}

/** An original page PDF in a batch is rebuilt; everything else is a layout. */
export const isOriginalPdf = (f: string) => extname(f).toLowerCase() === '.pdf';

/** A manifest file: `{"pages": [...]}` or a bare array; each page a layout path or `{layout, output?, text?}`. */
type ManifestEntry = string | { layout?: unknown; output?: unknown; text?: unknown };

/** Files a batch keeps in its --out folder: never a page's output. */
export const SUMMARY_FILE = 'batch-summary.json';
export const LOCK_FILE = '.banmian-batch.lock';

/** JSON files in a folder or glob that are not layouts (the exported JSON Schema lives next to the layouts). */
const NOT_LAYOUTS = new Set(['schema.json', 'batch-summary.json', 'package.json', 'package-lock.json']);

/**
 * The pages a batch argument names: a manifest (.json with "pages" or an array), a folder (its *.json
 * layouts, not recursive) or a glob (`*`, `?`, `**`, `[..]`). Outputs default to `<out>/<layout name>.pdf`;
 * two pages writing the same output are an error, as is an empty selection.
 */
export async function expandBatch(arg: string, out: string, cwd = process.cwd(), access?: FileAccess): Promise<BatchPage[]> {
  const path = resolve(cwd, arg);
  let pages: { layout: string; output?: string; text?: string }[];
  if (isGlob(arg)) {
    const files = (await globFiles(arg, cwd)).filter((f) => (f.endsWith('.json') && !NOT_LAYOUTS.has(basename(f))) || isOriginalPdf(f));
    if (files.length === 0) throw new InputError(`${arg}: the pattern matches no .json layout or .pdf original`);
    pages = files.map((layout) => ({ layout }));
  } else {
    const info = await stat(path).catch(() => null);
    if (!info) throw new InputError(`${arg}: no such file or folder`);
    if (info.isDirectory()) {
      const files = (await readdir(path)).filter((f) => (f.endsWith('.json') && !NOT_LAYOUTS.has(f)) || isOriginalPdf(f)).sort();
      if (files.length === 0) throw new InputError(`${arg}: the folder holds no layout (.json) or original page (.pdf) files`);
      pages = files.map((f) => ({ layout: join(path, f) }));
    } else {
      if (isOriginalPdf(path)) return withOutputs(await pdfPages([{ layout: path }], cwd), out, cwd);
      pages = await readManifest(path, arg, { ...access, root: resolve(cwd, access?.root ?? cwd) });
      const list = withOutputs(await pdfPages(pages, cwd), out, cwd, arg);
      const manifestAsOutput = list.find((p) => p.output === path);
      if (manifestAsOutput) throw new InputError(`${arg}: ${manifestAsOutput.layout} would write its PDF over the manifest`);
      return list;
    }
  }
  return withOutputs(await pdfPages(pages, cwd), out, cwd);
}

/**
 * Original PDFs become one page each per page they have (name-pN.pdf when more than one). An
 * unreadable PDF stays one page, which fails in its worker with the reason (a batch goes on).
 */
async function pdfPages<T extends { layout: string; output?: string; text?: string }>(pages: T[], cwd: string): Promise<(T & { page?: number })[]> {
  const out: (T & { page?: number })[] = [];
  for (const p of pages) {
    if (!isOriginalPdf(p.layout)) {
      out.push(p);
      continue;
    }
    let count = 1;
    try {
      const { openPdf } = await import('../pdf/open.js');
      const file = resolve(cwd, p.layout);
      const doc = await openPdf(await readInput(file, { limit: 256 * 2 ** 20, kind: 'an original PDF' }), file);
      count = doc.numPages;
      await doc.destroy();
    } catch {
      // Left for the worker to report.
    }
    const stem = basename(p.layout, extname(p.layout));
    for (let n = 1; n <= count; n++) out.push({ ...p, page: n, ...(count > 1 && !p.output ? { output: `${stem}-p${n}.pdf` } : {}) });
  }
  return out;
}

/**
 * Give each page its output (default `<out>/<layout file name>.pdf`); an output must stay inside the
 * out folder and may not be the batch's own files; two pages may not write one file.
 */
export function withOutputs(pages: readonly (string | { layout: string; output?: string; text?: string; page?: number })[], out: string, cwd = process.cwd(), where = 'batch'): BatchPage[] {
  const outDir = resolve(cwd, out);
  const byOutput = new Map<string, string>();
  const reserved = new Set([join(outDir, SUMMARY_FILE), join(outDir, LOCK_FILE)]);
  return pages.map((entry, i) => {
    const p = typeof entry === 'string' ? { layout: entry } : entry;
    const layout = resolve(cwd, p.layout);
    const output = p.output ? resolve(outDir, p.output) : join(outDir, `${basename(layout, extname(layout))}.pdf`);
    if (p.output !== undefined && (output === outDir || !isUnder(output, outDir))) throw new InputError(`${where}: pages[${i}].output: ${p.output} is outside the --out folder ${outDir}`);
    if (reserved.has(output)) throw new InputError(`${where}: pages[${i}].output: ${basename(output)} is the batch's own file`);
    const other = byOutput.get(output);
    if (other) throw new InputError(`${layout} and ${other} would both write ${output}; give one an "output" in a manifest`);
    byOutput.set(output, layout);
    return { layout, output, ...(p.text ? { text: resolve(cwd, p.text) } : {}), ...(p.page !== undefined ? { page: p.page } : {}) };
  });
}

/** What a manifest's page may say. */
const PAGE_FIELDS = ['layout', 'output', 'text'];

async function readManifest(path: string, arg: string, access: FileAccess): Promise<{ layout: string; output?: string; text?: string }[]> {
  const bytes = await readInput(path, { limit: maxInput(access), kind: 'a manifest' });
  const data = parseJson(bytes.toString('utf8'), arg);
  const list = Array.isArray(data) ? data : (data as { pages?: unknown })?.pages;
  if (!Array.isArray(list)) {
    const hint = (data as { regions?: unknown })?.regions ? ' (this looks like a layout: use `banmian render`, or pass its folder or a glob)' : '';
    throw new InputError(`${arg}: a manifest is an array of layout paths or {"pages": [...]}${hint}`);
  }
  if (list.length === 0) throw new InputError(`${arg}: pages: the manifest lists no pages`);
  const base = dirname(path);
  return (list as ManifestEntry[]).map((entry, i) => {
    const where = `${arg}: pages[${i}]`;
    const e = typeof entry === 'string' ? { layout: entry } : entry;
    if (!e || typeof e !== 'object' || typeof e.layout !== 'string' || !e.layout) throw new InputError(`${where}: expected a layout path or {"layout": "...", "output"?: "...", "text"?: "..."}`);
    for (const key of ['output', 'text'] as const) {
      if (e[key] !== undefined && typeof e[key] !== 'string') throw new InputError(`${where}.${key}: expected a string`);
    }
    // A misspelt field would be dropped without a word ("ouput": the page would go to its default output).
    const unknown = Object.keys(e).find((k) => !PAGE_FIELDS.includes(k));
    if (unknown !== undefined) throw new InputError(`${where}: unknown field ${JSON.stringify(unknown)} (a page has ${PAGE_FIELDS.join(', ')})`);
    // What a manifest names is read only under the root, as what a layout names.
    const layout = resolve(base, e.layout);
    checkUnderRoot(layout, access, `${where}.layout`);
    const text = typeof e.text === 'string' ? resolve(base, e.text) : undefined;
    if (text) checkUnderRoot(text, access, `${where}.text`);
    return {
      layout,
      ...(typeof e.output === 'string' ? { output: e.output } : {}),
      ...(text ? { text } : {}),
    };
  });
}

export const isGlob = (s: string) => /[*?[]/.test(s);

/** Files matching a glob, sorted. The walk starts at the longest folder prefix without wildcards. */
export async function globFiles(pattern: string, cwd = process.cwd()): Promise<string[]> {
  const abs = isAbsolute(pattern) ? pattern : join(cwd, pattern);
  const parts = abs.split(/[\\/]/);
  const firstWild = parts.findIndex(isGlob);
  const root = parts.slice(0, firstWild).join(sep) || sep;
  const re = globRegExp(parts.slice(firstWild).join('/'));
  const deep = parts.slice(firstWild).includes('**') || parts.length - firstWild > 1;
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (deep && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(full);
      } else if (re.test(relative(root, full).split(sep).join('/'))) found.push(full);
    }
  };
  await walk(root);
  return found.sort();
}

/** A glob as a regular expression over `/`-separated relative paths. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
