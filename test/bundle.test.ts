/**
 * The command line's bundles (scripts/bundle.mjs): bin/banmian.js runs dist/bundle/main.cjs with its
 * code cache, and what it writes is what the compiled modules (dist/src) write.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const BUNDLE = join(ROOT, 'dist/bundle');
const SAMPLE = join(ROOT, 'layouts/puyang-daily-kaifaqu.json');

test('V8 takes the code caches of main.cjs and pdfjs.cjs (written by the build)', () => {
  for (const f of ['main.cjs', 'pdfjs.cjs']) assert.ok(existsSync(join(BUNDLE, `${f}.cache`)), `${f}.cache`);
  const script = `
    const cache = require(${JSON.stringify(join(BUNDLE, 'code-cache.cjs'))});
    const { main } = cache.load(${JSON.stringify(join(BUNDLE, 'main.cjs'))});
    const pdfjs = cache.load(${JSON.stringify(join(BUNDLE, 'pdfjs.cjs'))});
    console.log(JSON.stringify({ main: typeof main, getDocument: typeof pdfjs.getDocument, rejected: cache.rejected() }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
  assert.equal(out, { main: 'function', getDocument: 'function', rejected: [] });
});

test('the bundled command line writes the same PDF and report as the compiled modules', () => {
  // bin/banmian.js runs the bundle only when it is as new as dist/src (npm test builds both).
  assert.ok(statSync(join(BUNDLE, 'main.cjs')).mtimeMs >= statSync(join(ROOT, 'dist/src/cli/main.js')).mtimeMs, 'the bundle is older than dist/src: run node scripts/bundle.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'banmian-bundle-'));
  try {
    // The same file name (it goes into the document ID), in two folders.
    const [a, b] = [join(dir, 'a', 'page.pdf'), join(dir, 'b', 'page.pdf')];
    const viaBin = spawnSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'render', SAMPLE, '-o', a, '--json'], { cwd: ROOT, encoding: 'utf8' });
    const src = pathToFileURL(join(ROOT, 'dist/src/cli/main.js')).href;
    const viaSrc = spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(src)}); process.exitCode = await main(process.argv.slice(1));`, 'render', SAMPLE, '-o', b, '--json'], { cwd: ROOT, encoding: 'utf8' });
    assert.is(viaBin.status, 0, viaBin.stderr);
    assert.is(viaSrc.status, 0, viaSrc.stderr);
    assert.ok(readFileSync(a).equals(readFileSync(b)), 'the same PDF bytes');
    const report = (s: string, pdf: string) => ({ ...JSON.parse(s), output: pdf });
    assert.equal(report(viaBin.stdout, 'x'), report(viaSrc.stdout, 'x'));
    assert.is(viaBin.stderr, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
