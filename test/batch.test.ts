import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expandBatch, type BatchSummary } from '../src/index.js';
import { pdfText } from './helpers/pdf.js';
import { ROOT, SAMPLE_LAYOUT, SAMPLE_TEXT } from './helpers/sample.js';

const dir = mkdtempSync(join(tmpdir(), 'banmian-batch-'));
const pages = join(dir, 'pages');
const sample = JSON.parse(readFileSync(SAMPLE_LAYOUT, 'utf8'));

// The batches run in `dir`, the root of the files layouts name: the text is copied there.
const TEXT = join(dir, 'text.txt');
writeFileSync(TEXT, readFileSync(SAMPLE_TEXT));

/** The sample layout, its text referenced absolutely, changed by `edit`. */
function variant(name: string, edit: (l: typeof sample) => void = () => {}) {
  const l = structuredClone(sample);
  delete l.$schema;
  l.name = name;
  l.text = TEXT;
  edit(l);
  writeFileSync(join(pages, `${name}.json`), JSON.stringify(l));
}
const region = (l: typeof sample, id: string) => l.regions.find((r: { id: string }) => r.id === id);

rmSync(pages, { recursive: true, force: true });
(await import('node:fs')).mkdirSync(pages, { recursive: true });
variant('a-page');
variant('b-page', (l) => (l.page.header.date = '2020-07-07'));
variant('c-page', (l) => (l.page.header.page = 4));
variant('d-broken', (l) => (l.page.columns = 'six'));
variant('e-overflow', (l) => (region(l, 'lead-continued').height = '90mm'));
writeFileSync(join(pages, 'schema.json'), '{"$comment": "not a layout: skipped by folder expansion"}');

function banmian(args: string[], onStderr?: (chunk: string, child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/banmian.js'), ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr, child);
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

test('a batch of 5 pages: one broken, one overflowing; the rest are rendered and the summary says so', async () => {
  const out = join(dir, 'out');
  const run = await banmian(['batch', 'pages', '--out', 'out', '--jobs', '2', '--json']);
  assert.is(run.code, 1, run.stderr);
  const summary: BatchSummary = JSON.parse(readFileSync(join(out, 'batch-summary.json'), 'utf8'));
  assert.equal(JSON.parse(run.stdout), summary, '--json prints the summary it writes');
  const by = Object.fromEntries(summary.pages.map((p) => [p.layout.split('/').pop(), p]));
  assert.equal(Object.keys(by).sort(), ['a-page.json', 'b-page.json', 'c-page.json', 'd-broken.json', 'e-overflow.json']);
  for (const name of ['a-page', 'b-page', 'c-page']) {
    assert.is(by[`${name}.json`].status, 'ok', by[`${name}.json`].error);
    assert.is(by[`${name}.json`].output, join(out, `${name}.pdf`));
    assert.is(by[`${name}.json`].overflowChars, 0);
    assert.ok(by[`${name}.json`].ms > 0);
  }
  const broken = by['d-broken.json'];
  assert.is(broken.status, 'failed');
  assert.is(broken.output, null);
  assert.match(broken.error!, /d-broken\.json/);
  assert.match(broken.error!, /columns/);
  assert.not.match(broken.error!, /internal error/);
  const overflow = by['e-overflow.json'];
  assert.is(overflow.status, 'overflow');
  assert.ok(overflow.overflowChars > 0);
  assert.ok(overflow.overflowBlocks.length > 0);
  assert.equal(summary.totals.pages, 5);
  assert.equal([summary.totals.ok, summary.totals.overflow, summary.totals.failed, summary.totals.cancelled], [3, 1, 1, 0]);
  assert.is(summary.totals.jobs, 2);
  assert.ok(summary.totals.peakWorkerMB > 0);
  assert.match(run.stderr, /\[5\/5\]/, 'plain progress lines when stderr is not a terminal');
  assert.match(run.stderr, /failed +\S*d-broken\.json: /);
  // The overflowing page is still written; the broken one is not; nothing temporary is left.
  assert.equal(readdirSync(out).sort(), ['a-page.pdf', 'b-page.pdf', 'batch-summary.json', 'c-page.pdf', 'e-overflow.pdf']);
  const text = await pdfText(new Uint8Array(readFileSync(join(out, 'b-page.pdf'))));
  assert.ok(text.includes('濮阳'), 'a batch PDF reads back with its text');
});

test('bad arguments exit 2 with a message', async () => {
  const noOut = await banmian(['batch', 'pages']);
  assert.is(noOut.code, 2);
  assert.match(noOut.stderr, /--out/);
  const jobs = await banmian(['batch', 'pages', '--out', 'o2', '--jobs', 'zero']);
  assert.is(jobs.code, 2);
  assert.match(jobs.stderr, /--jobs/);
  const none = await banmian(['batch', 'nowhere/*.json', '--out', 'o2']);
  assert.is(none.code, 2);
  assert.match(none.stderr, /matches no/);
  assert.not.ok(existsSync(join(dir, 'o2')));
});

test('manifests, folders and globs name the same pages; clashing outputs are refused', async () => {
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ pages: ['pages/a-page.json', { layout: 'pages/b-page.json', output: 'sub/b.pdf' }] }));
  const fromManifest = await expandBatch(manifest, 'x', dir);
  assert.equal(fromManifest, [
    { layout: join(pages, 'a-page.json'), output: join(dir, 'x/a-page.pdf') },
    { layout: join(pages, 'b-page.json'), output: join(dir, 'x/sub/b.pdf') },
  ]);
  const folder = (await expandBatch('pages', 'x', dir)).map((p) => p.layout);
  const glob = (await expandBatch('pages/*.json', 'x', dir)).map((p) => p.layout);
  assert.equal(folder, glob);
  assert.is(folder.length, 5, 'schema.json is not a page');
  assert.equal((await expandBatch('**/?-page.json', 'x', dir)).length, 3);
  writeFileSync(manifest, JSON.stringify(['pages/a-page.json', { layout: 'pages/b-page.json', output: 'a-page.pdf' }]));
  await expandBatch(manifest, 'x', dir).then(
    () => assert.unreachable('two pages writing one file'),
    (e) => assert.match(e.message, /would both write/),
  );
  writeFileSync(manifest, JSON.stringify({ pages: [{ output: 'x.pdf' }] }));
  await expandBatch(manifest, 'x', dir).then(
    () => assert.unreachable('entry without layout'),
    (e) => assert.match(e.message, /pages\[0\]/),
  );
  // A misspelt field is named, not dropped (the page would have gone to its default output).
  writeFileSync(manifest, JSON.stringify({ pages: ['pages/a-page.json', { layout: 'pages/b-page.json', ouput: 'b.pdf' }] }));
  await expandBatch(manifest, 'x', dir).then(
    () => assert.unreachable('a misspelt field'),
    (e) => assert.match(e.message, /pages\[1\]: unknown field "ouput" \(a page has layout, output, text\)/),
  );
});

test('Ctrl-C stops the batch cleanly: exit 130, summary written, only whole PDFs, no temp files', async () => {
  const out = join(dir, 'out-int');
  let sent = false;
  const run = await banmian(['batch', 'pages', '--out', 'out-int', '--jobs', '1'], (err, child) => {
    if (!sent && /\[1\/5\]/.test(err)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  assert.ok(sent, run.stderr);
  assert.is(run.code, 130, run.stderr);
  const summary: BatchSummary = JSON.parse(readFileSync(join(out, 'batch-summary.json'), 'utf8'));
  assert.ok(summary.interrupted);
  assert.ok(summary.totals.cancelled >= 1, JSON.stringify(summary.totals));
  const files = readdirSync(out);
  assert.not.ok(files.some((f) => f.endsWith('.tmp')), files.join(' '));
  // Every page the summary calls written is there, and every PDF there is whole (a page stopped
  // right after its rename may be there too, complete: never a partial one).
  const pdfs = files.filter((f) => f.endsWith('.pdf'));
  for (const p of summary.pages.filter((p) => p.output)) assert.ok(pdfs.includes(p.output!.split('/').pop()!), `${p.output} missing`);
  assert.ok(pdfs.length < 5, 'the batch stopped before the end');
  for (const f of pdfs) assert.ok((await pdfText(new Uint8Array(readFileSync(join(out, f))))).length > 100, `${f} is a whole PDF`);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
