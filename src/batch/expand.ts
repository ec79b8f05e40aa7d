import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { checkUnderRoot, isUnder, maxInput, readInput, type FileAccess } from '../fsutil.js';
import { parseJson } from '../json.js';

/** One page of a batch: the layout file to render and where its PDF goes. */
export interface BatchPage {
  layout: string;
  output: string;
  /** Text file to use instead of the layout's own `text` (optional, manifests only). */
  text?: string;
}

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
    const files = (await globFiles(arg, cwd)).filter((f) => f.endsWith('.json') && !NOT_LAYOUTS.has(basename(f)));
    if (files.length === 0) throw new InputError(`${arg}: the pattern matches no .json file`);
    pages = files.map((layout) => ({ layout }));
  } else {
    const info = await stat(path).catch(() => null);
    if (!info) throw new InputError(`${arg}: no such file or folder`);
    if (info.isDirectory()) {
      const files = (await readdir(path)).filter((f) => f.endsWith('.json') && !NOT_LAYOUTS.has(f)).sort();
      if (files.length === 0) throw new InputError(`${arg}: the folder holds no layout (.json) files`);
      pages = files.map((f) => ({ layout: join(path, f) }));
    } else {
      pages = await readManifest(path, arg, { ...access, root: resolve(cwd, access?.root ?? cwd) });
      const list = withOutputs(pages, out, cwd, arg);
      const manifestAsOutput = list.find((p) => p.output === path);
      if (manifestAsOutput) throw new InputError(`${arg}: ${manifestAsOutput.layout} would write its PDF over the manifest`);
      return list;
    }
  }
  return withOutputs(pages, out, cwd);
}

/**
 * Give each page its output (default `<out>/<layout file name>.pdf`); an output must stay inside the
 * out folder and may not be the batch's own files; two pages may not write one file.
 */
export function withOutputs(pages: readonly (string | { layout: string; output?: string; text?: string })[], out: string, cwd = process.cwd(), where = 'batch'): BatchPage[] {
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
    return { layout, output, ...(p.text ? { text: resolve(cwd, p.text) } : {}) };
  });
}

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
