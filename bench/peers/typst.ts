/**
 * Typst setting the A3 page, bare: `node dist/bench/peers/typst.js <dir> [warm runs]`. Reads the
 * sources bench/a3.ts wrote (a3.typ, a3-peer.json) and loads nothing but Typst.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPeer } from './harness.js';

await runPeer('typst', async (dir) => {
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const peer = JSON.parse(readFileSync(join(dir, 'a3-peer.json'), 'utf8')) as { fontDir: string; typst: string[] };
  const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [peer.fontDir] }] });
  const first = readFileSync(join(dir, 'a3.typ'), 'utf8');
  return async (k) => {
    const doc = compiler.compile({ mainFileContent: k === 0 ? first : peer.typst[(k - 1) % peer.typst.length] });
    if (!doc.result) throw new Error(`typst: ${JSON.stringify(doc.takeDiagnostics?.() ?? doc)}`);
    return compiler.pdf(doc.result);
  };
});
