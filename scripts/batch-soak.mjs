#!/usr/bin/env node
// A long batch with broken pages (issue 13): every good page must be rendered, every broken page
// reported in the summary with a one-line reason, no stack trace anywhere, memory flat over the run.
//
//   npm run soak                         500 pages, 10% broken (ten kinds), all cores
//   npm run soak -- --pages 100 --jobs 2
//
// Not part of the tests (it takes minutes); run it after changes to the batch runner or the pipeline.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/banmian.js');
const { values } = parseArgs({ options: { pages: { type: 'string', default: '500' }, jobs: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const PAGES = Number(values.pages);

const work = mkdtempSync(join(tmpdir(), 'banmian-soak-'));
for (const d of ['layouts/images', 'input', 'pages']) mkdirSync(join(work, d), { recursive: true });
for (const f of ['layouts/puyang-daily-kaifaqu.json', 'layouts/donghe-evening-community.json', 'layouts/images/donghe-night-market.jpg', 'layouts/images/donghe-pipes.jpg', 'input/puyang-daily-kaifaqu.txt', 'input/donghe-evening-community.txt'])
  copyFileSync(join(ROOT, f), join(work, f));
spawnSync('mkfifo', [join(work, 'input/pipe')]);
writeFileSync(join(work, 'input/binary.txt'), readFileSync(join(work, 'layouts/images/donghe-pipes.jpg')).subarray(0, 2048));
const jpeg = readFileSync(join(work, 'layouts/images/donghe-pipes.jpg'));
writeFileSync(join(work, 'layouts/images/cut.jpg'), jpeg.subarray(0, jpeg.length >> 1));

/** An example layout with its paths made absolute (pages live in pages/). */
function base(which) {
  const file = join(work, 'layouts', which === 'puyang' ? 'puyang-daily-kaifaqu.json' : 'donghe-evening-community.json');
  const l = JSON.parse(readFileSync(file, 'utf8'));
  delete l.$schema;
  l.text = resolve(dirname(file), l.text);
  const walk = (rs) => rs.forEach((r) => (r.image && (r.image = resolve(dirname(file), r.image)), r.children && walk(r.children)));
  walk(l.regions);
  return l;
}
const photos = (l) => {
  const all = [];
  const walk = (rs) => rs.forEach((r) => (r.kind === 'photo' && r.image && all.push(r), r.children && walk(r.children)));
  walk(l.regions);
  return all;
};

/** Ten ways a page can be broken, and the reason the summary must give. */
const BROKEN = {
  'bad-json': [(_, file) => writeFileSync(file, '{"name": "x", "regions": [\n'), /not valid JSON/],
  schema: [(l) => (l.page.columns = 'six'), /page\.columns/],
  'missing-text': [(l) => (l.text = join(work, 'input/nowhere.txt')), /nowhere\.txt: file not found/],
  'fifo-text': [(l) => (l.text = join(work, 'input/pipe')), /pipe: is a named pipe/],
  'binary-text': [(l) => (l.text = join(work, 'input/binary.txt')), /binary\.txt: this is a JPEG image/],
  'cut-photo': [(l) => (photos(l)[0].image = join(work, 'layouts/images/cut.jpg')), /cut\.jpg: (cannot be decoded|not an image)/],
  deep: [
    (l) => {
      let r = l.regions[0];
      for (let i = 0; i < 600; i++) r = { kind: 'group', id: `g${i}`, children: [r] };
      l.regions[0] = r;
    },
    /nested more than \d+ levels deep/,
  ],
  nonsense: [(l) => (l.styles = { ...l.styles, body: { ...(l.styles?.body ?? {}), leading: '0' } }), /styles\.body\.leading/],
  'outside-root': [(l) => (l.text = '/etc/passwd'), /\/etc\/passwd is outside the root folder/],
  'style-constructor': [(l) => (l.regions[0].style = 'constructor'), /unknown style "constructor"/],
};
const kinds = Object.keys(BROKEN);
const expected = new Map();
const brokenEvery = 10; // 10% broken
for (let i = 0; i < PAGES; i++) {
  const name = `page-${String(i).padStart(4, '0')}`;
  const file = join(work, 'pages', `${name}.json`);
  const which = i % 3 === 0 ? 'donghe' : 'puyang';
  const l = base(which);
  l.name = name;
  if (l.page.header) l.page.header = { ...l.page.header, date: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10), page: 1 + (i % 8) };
  if (i % brokenEvery === brokenEvery - 1) {
    const kind = kinds[Math.floor(i / brokenEvery) % kinds.length];
    const [edit, reason] = BROKEN[kind];
    // Photos are on the tabloid: a cut photo needs it.
    const page = kind === 'cut-photo' ? { ...base('donghe'), name } : l;
    edit(page, file);
    if (kind !== 'bad-json') writeFileSync(file, JSON.stringify(page));
    expected.set(file, { kind, reason });
  } else writeFileSync(file, JSON.stringify(l));
}

// Run the batch; sample its resident memory (Linux /proc) every second.
const out = join(work, 'out');
const args = [BIN, 'batch', join(work, 'pages'), '--out', out, '--json', ...(values.jobs ? ['--jobs', values.jobs] : [])];
const t0 = performance.now();
const child = spawn(process.execPath, args, { cwd: work });
let stdout = '';
let stderr = '';
child.stdout.on('data', (d) => (stdout += d));
child.stderr.on('data', (d) => (stderr += d));
const rss = [];
const sampler = setInterval(() => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
    if (kb) rss.push({ s: (performance.now() - t0) / 1000, mb: kb / 1024 });
  } catch {
    // The process has ended.
  }
}, 1000);
const code = await new Promise((ok) => child.on('close', ok));
clearInterval(sampler);
const seconds = (performance.now() - t0) / 1000;

const problems = [];
const summary = JSON.parse(readFileSync(join(out, 'batch-summary.json'), 'utf8'));
const STACK = /^\s+at .+:\d+:\d+\)?$|internal error/m;
for (const [where, text] of [['stderr', stderr], ['stdout', stdout], ['summary', JSON.stringify(summary, null, 1)]]) if (STACK.test(text)) problems.push(`a stack trace or internal error in ${where}`);
if (code !== 1) problems.push(`exit ${code}, expected 1 (pages failed)`);
let good = 0;
let broken = 0;
for (const p of summary.pages) {
  const want = expected.get(p.layout);
  if (!want) {
    good++;
    if (p.status !== 'ok') problems.push(`${p.layout}: ${p.status} ${p.error ?? ''}`);
    else if (spawnSync('qpdf', ['--check', p.output]).status !== 0) problems.push(`${p.output}: qpdf --check fails`);
  } else {
    broken++;
    if (p.status !== 'failed') problems.push(`${p.layout} (${want.kind}): ${p.status}, expected failed`);
    else if (!want.reason.test(p.error) || p.error.includes('\n')) problems.push(`${p.layout} (${want.kind}): reason "${p.error}"`);
  }
}
if (good + broken !== PAGES) problems.push(`${good + broken} pages in the summary, ${PAGES} made`);

// Memory: the second tenth of the run against the last tenth (the first holds the workers' start).
const tenth = Math.max(1, Math.floor(rss.length / 10));
const avg = (xs) => xs.reduce((a, x) => a + x.mb, 0) / Math.max(1, xs.length);
const early = avg(rss.slice(tenth, 2 * tenth));
const late = avg(rss.slice(-tenth));
const peak = Math.max(...rss.map((x) => x.mb));
if (late > early * 1.25 + 20) problems.push(`memory grew from ${early.toFixed(0)} MB to ${late.toFixed(0)} MB`);
const t = summary.totals;
console.log(`soak: ${PAGES} pages (${good} good, ${broken} broken of ${kinds.length} kinds) in ${seconds.toFixed(1)} s on ${t.jobs} workers, ${t.pagesPerSecond} pages/s`);
console.log(`  summary: ${t.ok} ok, ${t.overflow} overflow, ${t.failed} failed, ${t.cancelled} cancelled; exit ${code}`);
console.log(`  process RSS: start ${rss[0]?.mb.toFixed(0)} MB, second tenth ${early.toFixed(0)} MB, last tenth ${late.toFixed(0)} MB, end ${rss.at(-1)?.mb.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (summary: start ${t.processStartMB}, end ${t.processMB}, peak ${t.peakProcessMB})`);
console.log(`  RSS by tenth of the run, MB: ${Array.from({ length: 10 }, (_, k) => avg(rss.slice(k * tenth, (k + 1) * tenth)).toFixed(0)).join(' ')}`);
for (const w of summary.workers) console.log(`  worker ${w.worker}: ${w.pages} pages, heap+external after its first page ${w.firstMB} MB, after its last ${w.lastMB} MB, peak ${w.peakMB} MB`);
const reasons = new Map();
for (const p of summary.pages) if (p.status === 'failed') reasons.set(expected.get(p.layout)?.kind ?? '?', p.error.replace(work, '…').slice(0, 150));
for (const [kind, reason] of reasons) console.log(`  ${kind.padEnd(17)} ${reason}`);
if (problems.length) console.log(`soak: ${problems.length} problems:\n  ${problems.slice(0, 30).join('\n  ')}`);
else console.log('soak: every good page rendered (qpdf --check passes), every broken page failed with its one-line reason, no stack trace');
if (values.keep || problems.length) console.log(`  scratch folder kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exitCode = problems.length ? 1 : 0;
