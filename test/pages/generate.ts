/**
 * Writing the test pages and fixtures to a folder, and a cached copy for tests.
 *
 * `writeAll(dir)` writes, for each page, `<name>.pdf`, `<name>.truth.json` and its photos
 * (`<name>-photoN.jpg`, named in the truth), the fixtures under `fixtures/`, and `index.json`
 * listing them all. `generated()` does the same into `dist/test-pages/<hash>/` once per content hash
 * of the generator (its compiled modules, the seed and the versions of Typst, sharp and fontkit),
 * so tests in a plain clone make the pages themselves and later runs reuse them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { a4Page } from './a4.js';
import { broadsheetPage } from './broadsheet.js';
import { makeFixtures } from './fixtures.js';
import { tabloidPage } from './tabloid.js';
import type { FixtureTruth, PageTruth } from './truth.js';

export const PAGES = [
  { name: 'broadsheet-daily', make: broadsheetPage },
  { name: 'tabloid-evening', make: tabloidPage },
  { name: 'a4-weekly', make: a4Page },
] as const;

export const DEFAULT_SEED = 1;

export interface WrittenPage {
  name: string;
  pdf: string;
  truth: string;
  bytes: number;
  ms: number;
}
export interface Index {
  seed: number;
  pages: WrittenPage[];
  fixtures: WrittenPage[];
}
/** index.json: the same without timings. */
type StoredIndex = { seed: number; pages: Omit<WrittenPage, 'ms'>[]; fixtures: Omit<WrittenPage, 'ms'>[] };

/** Write the pages (seed given) and the fixtures into dir; returns what was written, with timings. */
export async function writeAll(dir: string, seed = DEFAULT_SEED, only?: string[]): Promise<Index> {
  mkdirSync(join(dir, 'fixtures'), { recursive: true });
  const pages: WrittenPage[] = [];
  for (const p of PAGES) {
    if (only && !only.includes(p.name)) continue;
    const t0 = performance.now();
    const { pdf, truth, files } = await p.make(seed);
    const ms = performance.now() - t0;
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
    writeFileSync(join(dir, `${p.name}.pdf`), pdf);
    writeFileSync(join(dir, `${p.name}.truth.json`), JSON.stringify(truth, null, 1) + '\n');
    pages.push({ name: p.name, pdf: `${p.name}.pdf`, truth: `${p.name}.truth.json`, bytes: pdf.length, ms: Math.round(ms) });
  }
  const t0 = performance.now();
  const fx = only ? [] : await makeFixtures();
  const perFixture = fx.length ? Math.round((performance.now() - t0) / fx.length) : 0;
  const fixtures = fx.map((f) => {
    writeFileSync(join(dir, 'fixtures', `${f.name}.pdf`), f.pdf);
    writeFileSync(join(dir, 'fixtures', `${f.name}.truth.json`), JSON.stringify(f.truth, null, 1) + '\n');
    return { name: f.name, pdf: `fixtures/${f.name}.pdf`, truth: `fixtures/${f.name}.truth.json`, bytes: f.pdf.length, ms: perFixture };
  });
  const index: Index = { seed, pages, fixtures };
  // The index on disk leaves out the timings, so that the folder is the same bytes every run.
  const stable = { seed, pages: pages.map(({ ms: _, ...p }) => p), fixtures: fixtures.map(({ ms: _, ...f }) => f) };
  writeFileSync(join(dir, 'index.json'), JSON.stringify(stable, null, 1) + '\n');
  return index;
}

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root (this module runs from dist/test/pages). */
const ROOT = resolve(HERE, '../../..');

/** What the pages depend on: the generator's compiled code and the versions of the tools that set them. */
function contentHash(seed: number): string {
  const h = createHash('sha256');
  h.update(`seed ${seed}\n`);
  for (const f of readdirSync(HERE).filter((f) => f.endsWith('.js')).sort()) h.update(f).update(readFileSync(join(HERE, f)));
  const require = createRequire(import.meta.url);
  for (const pkg of ['@myriaddreamin/typst-ts-node-compiler', 'sharp', 'fontkit']) h.update(pkg).update(versionOf(require.resolve(pkg), pkg));
  return h.digest('hex').slice(0, 16);
}

/** A package's version, from the package.json above its entry point (some packages do not export it). */
function versionOf(entry: string, name: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name) return pkg.version ?? '';
  }
  throw new Error(`pages: no package.json for ${name} above ${entry}`);
}

export interface Generated {
  dir: string;
  pages: { name: string; pdf: Buffer; truth: PageTruth; dir: string }[];
  fixtures: { name: string; pdf: Buffer; truth: FixtureTruth }[];
}

const cached = new Map<number, Promise<Generated>>();

/**
 * The pages and fixtures for tests, generated once per content hash into dist/test-pages/ (seed 1,
 * what the tests use); another seed's go to dist/test-pages/seed<N>/ (pages the rules were not
 * developed on, for npm run eval's held-out rows).
 */
export function generated(seed = DEFAULT_SEED): Promise<Generated> {
  let pages = cached.get(seed);
  if (!pages) cached.set(seed, (pages = generate(seed)));
  return pages;
}

async function generate(seed: number): Promise<Generated> {
  const parent = join(ROOT, 'dist', 'test-pages', ...(seed === DEFAULT_SEED ? [] : [`seed${seed}`]));
  const dir = join(parent, contentHash(seed));
  if (!existsSync(join(dir, 'index.json'))) {
    // Written to a fresh folder and renamed: a run that stops half-way leaves no half a cache.
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    await writeAll(tmp, seed);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    // Pages of earlier generator versions are of no further use (other seeds' folders stay).
    for (const old of readdirSync(parent)) if (join(parent, old) !== dir && !old.includes('.tmp-') && !old.startsWith('seed')) rmSync(join(parent, old), { recursive: true, force: true });
  }
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as StoredIndex;
  return {
    dir,
    pages: index.pages.map((p) => ({ name: p.name, dir, pdf: readFileSync(join(dir, p.pdf)), truth: JSON.parse(readFileSync(join(dir, p.truth), 'utf8')) as PageTruth })),
    fixtures: index.fixtures.map((f) => ({ name: f.name, pdf: readFileSync(join(dir, f.pdf)), truth: JSON.parse(readFileSync(join(dir, f.truth), 'utf8')) as FixtureTruth })),
  };
}
