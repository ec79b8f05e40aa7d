/**
 * `npm run eval`: rebuild every page there is and compare the rebuild with its original, one row a
 * page. Pages: banmian's renders of the example layouts (layouts/*.json, a round trip), the
 * generated test pages (test/pages: set by Typst, with known geometry) and the same generators' pages
 * of two other seeds, held out (no rule was developed on them), PDFs named on the command
 * line or found in the folders named there, and ../shared/corpus/*.pdf when that folder sits beside
 * the repository. Nothing here is tuned to a page.
 *
 *   npm run eval [-- [pdf or folder …] [--out output/eval] [--no-pictures]]
 *
 * The overlay and side-by-side pictures of each page go to --out (default output/eval).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { comparePdfs, type PageComparison } from '../src/compare/index.js';
import { derivePage } from '../src/rebuild.js';
import { setDerivedWithBreaks } from '../test/helpers/breaks.js';
import { popplerCount } from '../test/helpers/poppler.js';
import { ROOT } from './util.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, 'no-pictures': { type: 'boolean' } } });
const OUT = resolve(values.out ?? join(ROOT, 'output/eval'));
const pictures = !values['no-pictures'];
const CORPUS = resolve(ROOT, '../shared/corpus');

/** Rebuild page `page` of an original PDF; undefined while banmian has no rebuild. */
type Rebuild = (pdf: Uint8Array, file: string, page: number) => Promise<Uint8Array>;

/**
 * banmian's rebuild, when this build has it (src/rebuild.ts, `rebuildPage(bytes, file, page)`).
 * The module name is a variable so that the script compiles before rebuild exists.
 */
async function findRebuild(): Promise<Rebuild | undefined> {
  const name = '../src/rebuild.js';
  const mod = (await import(name).catch(() => undefined)) as { rebuildPage?: (pdf: Uint8Array, file: string, page: number) => Promise<{ pdf: Uint8Array }> } | undefined;
  const rebuildPage = mod?.rebuildPage;
  return rebuildPage ? async (pdf, file, page) => (await rebuildPage(pdf, file, page)).pdf : undefined;
}

interface Original {
  name: string;
  file: string;
  pdf: Uint8Array;
  /** Where it comes from: example (banmian render), given, corpus. */
  kind: string;
}

async function examples(): Promise<Original[]> {
  const { renderPage } = await import('../src/pipeline.js');
  const out: Original[] = [];
  for (const f of readdirSync(join(ROOT, 'layouts')).filter((f) => f.endsWith('.json') && f !== 'schema.json').sort()) {
    const page = await renderPage(join(ROOT, 'layouts', f));
    out.push({ name: f.replace(/\.json$/, ''), file: join(OUT, f.replace(/\.json$/, '.pdf')), pdf: page.pdf, kind: 'example' });
  }
  return out;
}

/** The generated test pages (made once per generator version into dist/test-pages). */
async function testPages(): Promise<Original[]> {
  const { generated } = await import('../test/pages/generate.js');
  return (await generated()).pages.map((p) => ({ name: p.name, file: join(p.dir, `${p.name}.pdf`), pdf: p.pdf, kind: 'generated' }));
}

/**
 * Pages the rules were not developed on: the same generators with other seeds (other text, photos,
 * column widths, gutters and settings), which nobody looked at while writing the rules. Their rows
 * say how banmian does on a page it has not seen.
 */
const HELD_OUT_SEEDS = [7, 8];
async function heldOutPages(): Promise<Original[]> {
  const { generated } = await import('../test/pages/generate.js');
  const out: Original[] = [];
  for (const seed of HELD_OUT_SEEDS) for (const p of (await generated(seed)).pages) out.push({ name: `${p.name}-s${seed}`, file: join(p.dir, `${p.name}.pdf`), pdf: p.pdf, kind: `held out` });
  return out;
}

function pdfsIn(path: string, kind: string): Original[] {
  const files = statSync(path).isDirectory() ? readdirSync(path).filter((f) => f.toLowerCase().endsWith('.pdf')).sort().map((f) => join(path, f)) : [path];
  return files.map((file) => ({ name: basename(file).replace(/\.pdf$/i, ''), file, pdf: readFileSync(file), kind }));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The same page pair counted by poppler's pdftotext (another reader): its lines not identical and
 * characters missing, against compare's. Pages with damaged widths (digits pulled out of their
 * lines by pdftotext) disagree for poppler's reason, not compare's.
 */
function independent(original: string, facsimile: string, c: PageComparison): string {
  try {
    const p = popplerCount(original, facsimile);
    return `${p.notIdentical} lines, ${p.surplusOriginal} chars (compare: ${c.lines.original - c.lines.identical}, ${c.chars.missing})`;
  } catch (e) {
    return `n/a (${(e as Error).message.split(':')[0]})`;
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const rebuild = await findRebuild();
  const originals = [...(await examples()), ...(await testPages()), ...(await heldOutPages()), ...positionals.flatMap((p) => pdfsIn(resolve(p), 'given')), ...(existsSync(CORPUS) ? pdfsIn(CORPUS, 'corpus') : [])];
  for (const o of originals) if (o.kind === 'example') writeFileSync(o.file, o.pdf);

  console.log(`banmian eval — ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
  console.log(rebuild ? 'facsimile: banmian rebuild of each original' : 'facsimile: the original itself (this build has no rebuild yet: the table checks the reader and compare, not a rebuild)');
  console.log(`corpus: ${existsSync(CORPUS) ? CORPUS : 'not present (../shared/corpus)'}\n`);

  const head = ['page', 'kind', 'articles intact', 'lines identical', 'chars missing', 'largest move', 'visual', 'time', 'pdftotext'];
  const rows: string[][] = [];
  for (const o of originals) {
    const t = performance.now();
    let c: PageComparison;
    let facsimile: Uint8Array;
    try {
      // Rebuild plugs in here: the facsimile of page 1 (multi-page originals: page 1 for now).
      facsimile = rebuild ? await rebuild(o.pdf, o.file, 1) : o.pdf;
      [c] = await comparePdfs(o.pdf, o.file, facsimile, `${o.name} (facsimile)`, { page: 1, overlay: pictures, side: pictures });
    } catch (e) {
      rows.push([o.name, o.kind, `failed: ${(e as Error).message}`, '', '', '', '', `${((performance.now() - t) / 1000).toFixed(2)} s`, '']);
      continue;
    }
    const ms = performance.now() - t;
    writeFileSync(join(OUT, `${o.name}-facsimile.pdf`), facsimile);
    if (c.overlay) writeFileSync(join(OUT, `${o.name}-overlay.png`), c.overlay);
    if (c.side) writeFileSync(join(OUT, `${o.name}-side.png`), c.side);
    rows.push([
      o.name,
      o.kind,
      `${c.regions.intact}/${c.regions.count} ${c.regions.kind === 'article' ? 'articles' : 'blocks'}`,
      `${c.lines.identical}/${Math.max(c.lines.original, c.lines.facsimile)} (${pct(c.lines.share)})`,
      String(c.chars.missing),
      `${c.move.largestMm.toFixed(2)} mm`,
      c.visual ? c.visual.score.toFixed(3) : '-',
      `${(ms / 1000).toFixed(2)} s`,
      independent(o.file, join(OUT, `${o.name}-facsimile.pdf`), c),
    ]);
  }
  table(head, rows);
  if (pictures) console.log(`\npictures: ${OUT}/<page>-overlay.png, <page>-side.png`);

  // Typesetting that carries (issue 12): each page's derived layout, unedited, with its body text
  // broken anew ('reflow') and kept where the measure holds it ('auto'): the body lines that come out
  // as the original broke them, and what overflowed.
  console.log('\nline breaks on the derived layout, no edits: body lines as the original broke them');
  const breaks: string[][] = [];
  for (const o of originals) {
    try {
      const r = await breaksOn(o);
      breaks.push([o.name, o.kind, ...r.map((m) => `${m.identical}/${m.lines} (${pct(m.identical / Math.max(1, m.lines))})${m.overflow ? `, ${m.overflow} chars over` : ''}`)]);
    } catch (e) {
      breaks.push([o.name, o.kind, `failed: ${(e as Error).message}`, '']);
    }
  }
  table(['page', 'kind', 'reflow', 'auto'], breaks);
}

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => [...(r[k] ?? '')].length)));
  const line = (r: string[]) => '| ' + r.map((v, k) => v + ' '.repeat(widths[k] - [...v].length)).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

/** The derived layout of page 1 set with every body and sidebar style's breaks 'reflow', then 'auto'. */
async function breaksOn(o: Original): Promise<{ lines: number; identical: number; overflow: number }[]> {
  const derived = await derivePage(o.pdf, o.file, 1, resolve(dirname(o.file), `${o.name}.json`));
  const out = [];
  for (const mode of ['reflow', 'auto'] as const) {
    const { report } = await setDerivedWithBreaks(derived, mode);
    out.push({ lines: report.fidelity.lines, identical: report.fidelity.identical, overflow: report.overflowChars });
  }
  return out;
}

await main();
