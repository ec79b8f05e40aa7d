import { basename, dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { checkUnderRoot, maxInput, readInputSync, type FileAccess, type NamedInput } from '../fsutil.js';
import { checkDepth, parseJson } from '../json.js';
import { LayoutFile, type LayoutFileT, type RegionT } from './schema.js';
import { resolveStyles } from './styles.js';
import type { Layout, PageSpec } from './types.js';
import { PAGE_PRESETS, toPt } from './units.js';

/**
 * Read, merge (extends), validate and resolve a layout file. Errors are InputErrors naming the file
 * and JSON path. The templates it extends, its text and its images must lie under `access.root`
 * (default: the current folder); the layout file itself is the caller's choice.
 */
export function loadLayout(file: string, access?: FileAccess): Layout {
  const path = resolve(file);
  const chain: string[] = [];
  const data = readMerged(path, [], chain, access);
  return resolveLayout(data, path, access, chain);
}

/**
 * Validate and resolve layout data already in memory (`file` names it in messages and anchors
 * relative paths). `templates`: the files it was merged from (loadLayout passes them).
 */
export function resolveLayout(data: unknown, file: string, access?: FileAccess, templates: readonly string[] = []): Layout {
  // Before zod and yoga, which both recurse: a layout nested thousands deep would overflow the stack.
  checkDepth(data, file);
  const parsed = LayoutFile.safeParse(data);
  if (!parsed.success) throw new InputError(formatIssues(file, parsed.error, data));
  const layout = parsed.data as LayoutFileT;
  if (!layout.page) throw new InputError(`${file}: page: required (page size and margins)`);
  if (!layout.regions?.length) throw new InputError(`${file}: regions: at least one region is required`);
  const styles = (() => {
    try {
      return resolveStyles(layout.styles);
    } catch (e) {
      throw new InputError(`${file}: ${(e as Error).message}`);
    }
  })();
  const body = styles.body;
  const ctx = { em: body.size, line: body.leading };
  /** A page length in points; a bad one is an InputError naming its path (a percentage has nothing to be a percentage of here). */
  const pt = (v: string | number, path: string): number => {
    try {
      return toPt(v, ctx);
    } catch (e) {
      throw new InputError(`${file}: ${path}: ${(e as Error).message}`);
    }
  };
  const p = layout.page;
  let width: number;
  let height: number;
  if (typeof p.size === 'object') {
    const size = p.size;
    width = pt(size.width, 'page.size.width');
    height = pt(size.height, 'page.size.height');
  } else if (p.size === 'custom') {
    if (p.width === undefined || p.height === undefined) throw new InputError(`${file}: page: size "custom" needs width and height`);
    width = pt(p.width, 'page.width');
    height = pt(p.height, 'page.height');
  } else {
    const [w, h] = PAGE_PRESETS[p.size];
    width = toPt(`${w}mm`);
    height = toPt(`${h}mm`);
  }
  const m = typeof p.margins === 'object' ? p.margins : { top: p.margins, right: p.margins, bottom: p.margins, left: p.margins };
  const at = (side: string) => (typeof p.margins === 'object' ? `page.margins.${side}` : 'page.margins');
  const margins = {
    top: pt(m.top, at('top')),
    right: pt(m.right, at('right')),
    bottom: pt(m.bottom, at('bottom')),
    left: pt(m.left, at('left')),
  };
  if (margins.left + margins.right >= width || margins.top + margins.bottom >= height) throw new InputError(`${file}: page.margins: the margins leave no type area on a ${Math.round(width)} × ${Math.round(height)} pt page`);
  const page: PageSpec = {
    width,
    height,
    margins,
    columns: p.columns ?? 1,
    gutter: p.gutter !== undefined ? pt(p.gutter, 'page.gutter') : 0,
    baseline: p.baseline !== undefined ? pt(p.baseline, 'page.baseline') : undefined,
    header: p.header,
  };
  const name = layout.name ?? basename(file).replace(/\.json$/i, '');
  // Header regions go last so that the user's regions keep their indexes in messages.
  const regions = page.header ? [...layout.regions, ...headerRegions(page.header)] : layout.regions;
  const ids = new Map<string, string>();
  const checkIds = (rs: RegionT[], path: string) =>
    rs.forEach((r, i) => {
      const here = `${path}[${i}]`;
      if (ids.has(r.id)) throw new InputError(`${file}: ${here}.id: "${r.id}" is already the id of ${ids.get(r.id)}`);
      ids.set(r.id, here);
      if (r.kind === 'group') checkIds(r.children, `${here}.children`);
    });
  checkIds(layout.regions, 'regions');
  for (const r of regions.slice(layout.regions.length))
    if (ids.has(r.id)) throw new InputError(`${file}: ${ids.get(r.id)}.id: "${r.id}" is reserved for the page header line (page.header)`);
  checkStyleNames(layout.regions, styles, file);
  const textFile = layout.text ? resolve(dirname(file), layout.text) : undefined;
  const inputs: NamedInput[] = [{ path: file, role: 'the layout', kind: 'layout' }, ...templates.slice(1).map((t) => ({ path: t, role: 'a layout it extends', kind: 'template' as const }))];
  if (textFile) {
    checkUnderRoot(textFile, access, `${file}: text`);
    inputs.push({ path: textFile, role: "the layout's text", kind: 'text', where: `${file}: text` });
  }
  const original = layout.original ? { pdf: resolve(dirname(file), layout.original.pdf), page: layout.original.page ?? 1 } : undefined;
  if (original) {
    checkUnderRoot(original.pdf, access, `${file}: original.pdf`);
    inputs.push({ path: original.pdf, role: 'the original page PDF', kind: 'text', where: `${file}: original.pdf` });
  }
  forEachRegion(layout.regions, (r, path) => {
    if (r.kind !== 'photo' || !r.image) return;
    // Resolved as render/pdf.ts resolves it.
    const image = resolve(dirname(file), r.image);
    checkUnderRoot(image, access, `${file}: ${path}.image`);
    inputs.push({ path: image, role: `the image of region "${r.id}"`, kind: 'image', where: `${file}: ${path}.image` });
  });
  return {
    name,
    file,
    textFile,
    inputs,
    ...(original ? { original } : {}),
    corrections: layout.corrections ?? false,
    page,
    styles,
    regions,
  };
}

function forEachRegion(regions: RegionT[], fn: (r: RegionT, path: string) => void, path = 'regions') {
  regions.forEach((r, i) => {
    fn(r, `${path}[${i}]`);
    if (r.kind === 'group') forEachRegion(r.children, fn, `${path}[${i}].children`);
  });
}

/** Every style a region names must exist: checked here once, so later stages can rely on it. */
function checkStyleNames(regions: RegionT[], styles: Record<string, unknown>, file: string, path = 'regions') {
  const check = (name: string | undefined, where: string) => {
    if (name !== undefined && !Object.hasOwn(styles, name)) throw new InputError(`${file}: ${where}: unknown style "${name}" (styles: ${Object.keys(styles).join(', ')})`);
  };
  regions.forEach((r, i) => {
    const here = `${path}[${i}]`;
    check(r.style, `${here}.style`);
    if (r.kind === 'photo') check(r.caption?.style, `${here}.caption.style`);
    if (r.kind === 'article' && r.headline) {
      check(r.headline.style, `${here}.headline.style`);
      r.headline.lines?.forEach((l, k) => check(l.style, `${here}.headline.lines[${k}].style`));
    }
    if (r.kind === 'vertical') check(r.subtitleStyle, `${here}.subtitleStyle`);
    if (r.kind === 'group') checkStyleNames(r.children, styles, file, `${here}.children`);
  });
}

const WEEKDAYS = '日一二三四五六';

/** The regions the page header line (page.header) becomes: its text is the running header, not content. */
export const PAGE_HEADER_REGIONS: ReadonlySet<string> = new Set(['@header-left', '@header-right']);

/**
 * The page header line (眉头) as regions in the top margin: paper and date on the left, section
 * and page number on the right, a thin rule under them.
 */
function headerRegions(h: NonNullable<PageSpec['header']>): RegionT[] {
  const [y, m, d] = h.date.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  const left = `${h.paper} ${y}年${m}月${d}日 星期${weekday}${h.edition ? ` ${h.edition}` : ''}`;
  const right = `${h.section ? `${h.section} ` : ''}第${h.page}版`;
  const band = { y: '-9mm', width: '50%', height: '5mm' } as const;
  return [
    { kind: 'text', id: '@header-left', x: 0, ...band, style: 'page-header', content: { text: left } },
    { kind: 'text', id: '@header-right', x: '50%', ...band, style: 'page-header-right', content: { text: right } },
    { kind: 'rule', id: '@header-rule', x: 0, y: '-4mm', width: '100%', height: '1mm', weight: '0.75pt' },
  ] as RegionT[];
}

/**
 * Read a layout file and the chain it extends, merged: the child's page, styles and regions win;
 * overrides patch regions by id. `files` collects every file read, the layout first.
 */
function readMerged(path: string, chain: string[], files: string[], access?: FileAccess): Record<string, unknown> {
  if (chain.includes(path)) throw new InputError(`${chain.at(-1)}: extends: cycle through ${path}`);
  if (chain.length) checkUnderRoot(path, access, `${chain.at(-1)}: extends`);
  const bytes = readInputSync(path, { where: chain.length ? `${chain.at(-1)}: extends` : '', limit: maxInput(access), kind: 'a layout' });
  files.push(path);
  const data = parseJson(bytes.toString('utf8'), path) as Record<string, unknown>;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InputError(`${path}: expected a JSON object`);
  if (typeof data.extends !== 'string') return applyOverrides(data, path);
  const base = readMerged(resolve(dirname(path), data.extends), [...chain, path], files, access);
  // The text file of the base is relative to the base; re-anchor it to this file if the child does not set its own.
  if (!data.text && typeof base.text === 'string') base.text = resolve(dirname(resolve(dirname(path), data.extends as string)), base.text);
  const baseOriginal = base.original as { pdf?: unknown } | undefined;
  if (!data.original && typeof baseOriginal?.pdf === 'string') base.original = { ...baseOriginal, pdf: resolve(dirname(resolve(dirname(path), data.extends as string)), baseOriginal.pdf) };
  // So are its photos: a region the child takes over from the base names its image as the base wrote it.
  const baseDir = dirname(resolve(dirname(path), data.extends as string));
  const anchor = (rs: unknown): unknown =>
    Array.isArray(rs)
      ? rs.map((r) => {
          if (!r || typeof r !== 'object') return r;
          const o = r as Record<string, unknown>;
          if (o.kind === 'photo' && typeof o.image === 'string') return { ...o, image: resolve(baseDir, o.image) };
          if (o.kind === 'group') return { ...o, children: anchor(o.children) };
          return o;
        })
      : rs;
  base.regions = anchor(base.regions);
  const merged: Record<string, unknown> = { ...base, ...data };
  merged.page = { ...(base.page as object), ...(data.page as object) };
  merged.styles = { ...(base.styles as object), ...(data.styles as object) };
  const regions = [...((base.regions as { id: string }[]) ?? [])];
  for (const r of (data.regions as { id: string }[]) ?? []) {
    const i = regions.findIndex((b) => b.id === r.id);
    if (i >= 0) regions[i] = r;
    else regions.push(r);
  }
  merged.regions = regions;
  delete merged.extends;
  return applyOverrides(merged, path);
}

function applyOverrides(data: Record<string, unknown>, path: string): Record<string, unknown> {
  const overrides = data.overrides as Record<string, Record<string, unknown>> | undefined;
  if (!overrides) return data;
  const patch = (regions: RegionT[]): RegionT[] =>
    regions.map((r) => {
      const o = Object.hasOwn(overrides, r.id) ? overrides[r.id] : undefined;
      const next = o ? ({ ...r, ...o } as RegionT) : r;
      return next.kind === 'group' ? { ...next, children: patch(next.children) } : next;
    });
  const ids = new Set<string>();
  const collect = (rs: RegionT[]) => rs.forEach((r) => (ids.add(r.id), r.kind === 'group' && collect(r.children)));
  collect((data.regions as RegionT[]) ?? []);
  for (const id of Object.keys(overrides)) if (!ids.has(id)) throw new InputError(`${path}: overrides.${id}: no region has this id`);
  const out: Record<string, unknown> = { ...data, regions: patch((data.regions as RegionT[]) ?? []) };
  delete out.overrides;
  return out;
}

/** `regions[3].columns: expected a positive integer, got -1` */
export function formatIssues(file: string, error: z.ZodError, data: unknown): string {
  const lines = error.issues.slice(0, 12).map((issue) => {
    const path = issue.path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
    const got = valueAt(data, issue.path as (string | number)[]);
    return `${path || '(root)'}: ${explain(issue, got)}`;
  });
  const more = error.issues.length > 12 ? `\n  … and ${error.issues.length - 12} more` : '';
  return `${file}: invalid layout\n  ${lines.join('\n  ')}${more}`;
}

function explain(issue: z.core.$ZodIssue, got: unknown): string {
  const shown = got === undefined ? 'nothing' : JSON.stringify(got);
  // Our own schema messages already say what was expected.
  if (issue.message.startsWith('expected ')) return got === undefined ? `required (${issue.message})` : `${issue.message}, got ${shown}`;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number' && issue.minimum === 0 && !issue.inclusive) return `expected a positive ${(issue as { origin: string }).origin === 'number' ? 'number' : 'value'}, got ${shown}`;
      return `expected at least ${issue.minimum}, got ${shown}`;
    case 'invalid_type':
      if (issue.expected === 'int') return `expected an integer, got ${shown}`;
      return got === undefined ? `required (${issue.expected})` : `expected ${issue.expected}, got ${shown}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      if ((issue as { discriminator?: string }).discriminator) return `${issue.message}, got ${shown}`;
      return `not one of the accepted forms, got ${shown}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${shown}`;
    default:
      return `${issue.message}${got !== undefined && issue.code !== 'custom' ? `, got ${shown}` : ''}`;
  }
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}
