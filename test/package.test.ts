import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './helpers/sample.js';

/**
 * The package as a user gets it: `npm pack`, installed into an empty folder (from npm's cache where
 * it can, else from the registry), and the README's API example type-checked with strict tsc and run.
 */

const dir = mkdtempSync(join(tmpdir(), 'banmian-package-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function npm(args: string[], cwd: string): string {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

/** Bytes of a folder, files only (what `du` counts, without the block rounding). */
function bytesOf(path: string): number {
  let n = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    if (e.isDirectory()) n += bytesOf(p);
    else if (e.isFile()) n += statSync(p).size;
  }
  return n;
}

const version = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

test('npm pack + install in an empty folder: the README example passes strict tsc and runs; only the fonts used are installed', () => {
  // The tests run on a fresh build (npm test builds first): pack it with the fonts, as prepack does.
  execFileSync(process.execPath, ['scripts/pack-fonts.mjs'], { cwd: ROOT });
  let tarball: string;
  let files: { path: string; size: number }[];
  try {
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)) as { filename: string; files: { path: string; size: number }[] }[];
    tarball = join(dir, packed[0].filename);
    files = packed[0].files;
  } finally {
    execFileSync(process.execPath, ['scripts/pack-fonts.mjs', '--clean'], { cwd: ROOT });
  }
  // What the package holds: no tests, benchmarks, sources or source maps; exactly the registry's font files.
  assert.not.ok(files.some((f) => /^(test|bench|src|scripts)\/|^dist\/(test|bench)\/|\.map$/.test(f.path)), files.map((f) => f.path).filter((p) => /test|bench|\.map$/.test(p)).join(', '));
  const registry = JSON.parse(readFileSync(join(ROOT, 'fonts/registry.json'), 'utf8')) as { roles: Record<string, { weights: Record<string, string> }> };
  const used = Object.values(registry.roles).flatMap((r) => Object.values(r.weights));
  const fonts = files.filter((f) => /\.(ttf|otf|woff2?)$/.test(f.path)).map((f) => f.path.replace(/^fonts\//, ''));
  assert.equal(fonts.sort(), [...used].sort());

  // An empty project: banmian from the tarball, TypeScript and Node's types for the example.
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  npm(['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball, `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`], app);

  // The README's example, as printed.
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const example = /From a script \(ESM\)[^]*?```js\n([^]*?)```/.exec(readme)?.[1];
  assert.ok(example, 'no API example in the README');
  writeFileSync(join(app, 'example.mts'), example!);
  // TypeScript with its defaults (the library check included), strict, and Node's types, which the
  // example's node:fs needs: the package's types need nothing more (no @types/fontkit, TS7016).
  const tsc = spawnSync(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '--strict', '--noEmit', '--module', 'nodenext', '--target', 'es2022', '--types', 'node', 'example.mts'], { cwd: app, encoding: 'utf8' });
  assert.is(tsc.status, 0, tsc.stdout + tsc.stderr);
  writeFileSync(join(app, 'example.mjs'), example!);
  // (Without the test runner's FORCE_COLOR, console.log prints plain numbers.)
  const { FORCE_COLOR, ...env } = process.env;
  const run = spawnSync(process.execPath, ['example.mjs'], { cwd: app, encoding: 'utf8', timeout: 120_000, env: { ...env, NO_COLOR: '1' } });
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, /^0 1\n/, `no overflow, every original line reproduced: ${run.stdout.slice(0, 40)}`);
  assert.match(run.stdout, /1\/1 ok .*puyang-daily-kaifaqu\.pdf/);
  assert.ok(readFileSync(join(app, 'page.pdf')).subarray(0, 5).toString() === '%PDF-');
  assert.ok(existsSync(join(app, 'output/batch/batch-summary.json')));

  // The command line from the installed package, which holds its JavaScript libraries only in its
  // bundles (scripts/bundle.mjs; pdf.js and pdf-lib in their own, src/vendored.ts): derive opens the
  // PDF with pdf.js and reads its objects with pdf-lib.
  for (const dev of ['pdfjs-dist', '@cantoo/pdf-lib', 'pdfkit', 'fontkit', 'yoga-layout']) assert.not.ok(existsSync(join(app, 'node_modules', dev)), `${dev} was installed`);
  const cli = join(app, 'node_modules/banmian/bin/banmian.js');
  const derive = spawnSync(process.execPath, [cli, 'derive', 'page.pdf', '-o', 'derived.json'], { cwd: app, encoding: 'utf8', timeout: 120_000, env: { ...env, NO_COLOR: '1' } });
  assert.is(derive.status, 0, derive.stderr);
  const derived = JSON.parse(readFileSync(join(app, 'derived.json'), 'utf8')) as { regions: { kind: string }[] };
  assert.ok(derived.regions.filter((r) => r.kind === 'article').length >= 5, derive.stdout);

  // The installed package: banmian itself is its code and the eight font files it uses (the font
  // packages' 260 MB are not installed); the rest is its dependencies. Measured without the example's
  // TypeScript and Node types.
  const own = bytesOf(join(app, 'node_modules/banmian')) / 1e6;
  const modules = bytesOf(join(app, 'node_modules'));
  const tooling = ['typescript', '@types', '@typescript'].filter((d) => existsSync(join(app, 'node_modules', d))).reduce((n, d) => n + bytesOf(join(app, 'node_modules', d)), 0);
  const mb = (modules - tooling) / 1e6;
  console.log(`   installed: node_modules ${mb.toFixed(1)} MB, of which banmian ${own.toFixed(1)} MB (fonts ${(bytesOf(join(app, 'node_modules/banmian/fonts')) / 1e6).toFixed(1)} MB)`);
  assert.not.ok(existsSync(join(app, 'node_modules/@expo-google-fonts')) || existsSync(join(app, 'node_modules/@fontsource')), 'the font packages were installed whole');
  assert.ok(own < 100, `banmian ${own.toFixed(1)} MB`);
  assert.ok(mb < 175, `node_modules ${mb.toFixed(1)} MB`);
});

test.run();
