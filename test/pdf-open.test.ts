/**
 * pdf.js's legacy build replaces Array.prototype.push, JSON.stringify and JSON.parse with core-js's
 * JavaScript versions for the whole process (ten times slower pushes everywhere); loadPdfJs puts
 * the natives back. Checked in fresh processes: uvu runs every test file in one process, where
 * another file may have loaded pdf.js already.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const OPEN = pathToFileURL(resolve(ROOT, 'dist/src/pdf/open.js')).href;

/** Run `load` in a fresh node and say which of the three built-ins are still the ones it started with. */
function natives(load: string): { push: boolean; stringify: boolean; parse: boolean; getDocument: boolean } {
  const script = `
    const push = Array.prototype.push, { stringify, parse } = JSON;
    const lib = await ${load};
    console.log(JSON.stringify({ push: Array.prototype.push === push, stringify: JSON.stringify === stringify, parse: JSON.parse === parse, getDocument: typeof lib.getDocument === 'function' }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

test('pdf.js imported as it is replaces the built-ins (why loadPdfJs exists)', () => {
  const r = natives(`import('pdfjs-dist/legacy/build/pdf.mjs')`);
  assert.ok(r.getDocument);
  assert.not.ok(r.push && r.stringify && r.parse, 'pdf.js no longer replaces push or JSON: loadPdfJs could import it plainly');
});

test('loadPdfJs leaves Array.prototype.push and JSON native', () => {
  assert.equal(natives(`import(${JSON.stringify(OPEN)}).then((m) => m.loadPdfJs())`), { push: true, stringify: true, parse: true, getDocument: true });
});

test.run();
