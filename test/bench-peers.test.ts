/**
 * The bench compares equal work (issue 16): the Typst and react-pdf peers run bare, with no banmian
 * code in their process. esbuild follows each peer's whole import graph (static and dynamic imports
 * with literal paths, as the bench runs them from dist/bench/peers) and lists every file it reaches:
 * only the peer and its node-only harness may be there, and the only packages it may name are the
 * engine's own and Node's.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const PEERS = join(ROOT, 'dist/bench/peers');

/** Files and packages a module's import graph reaches (packages are not followed). */
async function importGraph(entry: string): Promise<{ files: string[]; packages: string[] }> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
  const inputs = result.metafile!.inputs;
  const packages = new Set<string>();
  for (const input of Object.values(inputs)) for (const i of input.imports) if (i.external) packages.add(i.path);
  return { files: Object.keys(inputs).map((f) => relative(ROOT, resolve(ROOT, f))), packages: [...packages] };
}

const ALLOWED: Record<string, RegExp> = {
  typst: /^(node:.*|@myriaddreamin\/typst-ts-node-compiler)$/,
  'react-pdf': /^(node:.*|react|@react-pdf\/renderer)$/,
};

for (const engine of ['typst', 'react-pdf']) {
  test(`bench peer ${engine}: loads no banmian code, only ${engine} and Node`, async () => {
    const { files, packages } = await importGraph(join(PEERS, `${engine}.js`));
    assert.equal(files.sort(), [`dist/bench/peers/${engine}.js`, 'dist/bench/peers/harness.js'].sort());
    for (const p of packages) assert.ok(ALLOWED[engine].test(p), `${engine} peer imports ${p}`);
  });
}

test('the import check sees banmian code when a peer loads it', async () => {
  // A peer that reaches banmian through a helper, as bench/peer.ts once did through bench/a3.ts.
  const dir = mkdtempSync(join(tmpdir(), 'banmian-peer-'));
  try {
    mkdirSync(join(dir, 'peers'));
    const a3 = join(ROOT, 'dist/bench/a3.js');
    assert.ok(existsSync(a3));
    const peer = join(dir, 'peers', 'typst.js');
    const harness = join(dir, 'peers', 'harness.js');
    writeFileSync(harness, readFileSync(join(PEERS, 'harness.js'), 'utf8'));
    writeFileSync(peer, `import ${JSON.stringify(a3)};\nimport './harness.js';\n`);
    const { files } = await importGraph(peer);
    assert.ok(files.some((f) => f.startsWith('dist/src/')), files.join(', '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
