/**
 * `npm run bench`: banmian's speed figures (issues 7, 10, 15, 16), printed as a table. Takes a few
 * minutes on 2 cores. Every section prints the load average before and after it: the machine may be
 * shared, so process figures are given as min / median / max of interleaved runs.
 *   1. the sample page, warm: model, ingest, layout, typeset, render, and the floor beside the total
 *   2. the sample page, cold: wall time and peak memory of `banmian render` processes
 *   3. a batch of 1000 generated variants of the sample on 2 workers: pages/s, memory per worker
 *   4. the A3 page (6 justified columns of the sample's body text, one face) set by banmian, Typst and
 *      react-pdf: cold processes in interleaved rounds with banmian's ratio per round, then warm
 *   5. print output of the sample: plain, --pdfa, --pdfx, --pdfx --bleed 3 --marks
 *   6. the PDF front door: `inspect` of a generated broadsheet page warm and cold, `rebuild` of it
 *      cold; the corpus page too when ../shared/corpus is there (never needed)
 *   7. compare of two broadsheet pages with both pictures, cold process and warm
 *   8. typesetting cost per character: the sample's body text 1× to 16× over, ms per 1000 characters
 *   9. proof --watch: an edit of the sample's text to a new proof on disk (bench/watch.ts)
 * Options: --runs N (warm runs, default 20), --cold N (cold rounds, default 7), --pages N (default
 * 1000), --jobs N (default 2), --rounds N (warm A3 processes per engine, default 3),
 * --skip sample,cold,batch,a3,print,pdf,compare,scale,watch.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeA3Inputs } from './a3.js';
import { fmtMs, median, ROOT, SAMPLE_LAYOUT, spread, timeRun, timeNode, type ProcessRun } from './util.js';
import { writeVariants } from './variants.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    cold: { type: 'string', default: '7' },
    pages: { type: 'string', default: '1000' },
    jobs: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    skip: { type: 'string', default: '' },
  },
});
const RUNS = Number(values.runs);
const COLD = Number(values.cold);
const PAGES = Number(values.pages);
const JOBS = Number(values.jobs);
const ROUNDS = Number(values.rounds);
const skip = new Set(values.skip!.split(',').filter(Boolean));
const BIN = join(ROOT, 'bin/banmian.js');
const PEERS = join(ROOT, 'dist/bench/peers');
const tmp = mkdtempSync(join(tmpdir(), 'banmian-bench-'));
const mark = (ok: boolean) => (ok ? 'ok  ' : 'MISS');

/** The command line as a user runs it: the bin file itself (its #! line is part of what is measured). */
const banmian = (args: string[]) => timeRun(BIN, args);

console.log(`banmian bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${new Date().toISOString()}`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`load average ${load()} (1, 5, 15 min). The machine may be shared: process figures are min / median / max of interleaved runs.\n`);

/** Runs a section between two load-average readings. */
async function section(title: string, body: () => Promise<void>) {
  console.log(`${title}    [load ${load()}]`);
  await body();
  console.log(`   load average after: ${load()}\n`);
}

const ms3 = (xs: number[]) => {
  const s = spread(xs);
  return `${fmtMs(s.min)} / ${fmtMs(s.median)} / ${fmtMs(s.max)}`;
};
const x3 = (xs: number[]) => {
  const s = spread(xs);
  return `${s.min.toFixed(2)}× / ${s.median.toFixed(2)}× / ${s.max.toFixed(2)}×`;
};
const check = (r: ProcessRun, what: string, ok = [0]) => {
  if (!ok.includes(r.code ?? -1)) throw new Error(`${what} exited ${r.code}: ${r.stderr.slice(-2000)}`);
  return r;
};

async function sampleWarm() {
  const { fastStart } = await import('../src/warmup.js');
  await fastStart();
  const { renderPage, defaultFonts } = await import('../src/pipeline.js');
  const { floorOf } = await import('./floor.js');
  const rows: Record<string, number>[] = [];
  const floors: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t = performance.now();
    const page = await renderPage(SAMPLE_LAYOUT, { fonts: defaultFonts() });
    rows.push({ ...page.timings, render: page.renderMs, total: performance.now() - t });
    if (i >= 3) floors.push((await floorOf(page, defaultFonts(), join(tmp, 'floor.pdf'))).ms);
  }
  const warm = rows.slice(3);
  const m = (k: string) => median(warm.map((r) => r[k]));
  console.log(`   median of ${RUNS} runs after 3 warm-ups`);
  for (const k of ['model', 'ingest', 'layout', 'typeset', 'render']) console.log(`   ${k.padEnd(8)} ${fmtMs(m(k)).padStart(8)}`);
  // The target is for the whole warm page (model to PDF bytes), which also bounds the render stage.
  console.log(`   ${'total'.padEnd(8)} ${fmtMs(m('total')).padStart(8)}    (min / median / max ${ms3(warm.map((r) => r.total))})    [${mark(m('total') < 120)}] warm page < 120 ms`);
  console.log(`   ${'floor'.padEnd(8)} ${fmtMs(median(floors)).padStart(8)}    subset the same glyphs, deflate the same streams, write the same bytes: ${((median(floors) / m('total')) * 100).toFixed(0)}% of the page`);
  console.log(`   first page in this process (cold JIT, fonts opening): ${fmtMs(rows[0].total)}`);
}

async function sampleCold() {
  const runs: ProcessRun[] = [];
  for (let i = 0; i < COLD; i++) runs.push(check(await banmian(['render', SAMPLE_LAYOUT, '-o', join(tmp, 'sample.pdf')]), 'banmian render'));
  const ms = runs.map((r) => r.ms);
  const rss = runs[0].maxRssMB !== undefined ? `, peak RSS ${median(runs.map((r) => r.maxRssMB!)).toFixed(0)} MB` : '';
  console.log(`   \`banmian render\`, ${COLD} processes: ${ms3(ms)}${rss}, cpu ${ms3(runs.map((r) => r.cpuMs ?? NaN))}`);
  console.log(`   [${mark(median(ms) < 500)}] median < 0.5 s (the target holds when the machine is quiet: see the load average)`);
}

async function batch() {
  const pages = writeVariants(join(tmp, 'batch'), PAGES);
  const out = join(tmp, 'batch', 'out');
  const r = check(await banmian(['batch', pages, '--out', out, '--jobs', String(JOBS), '--json', '--root', tmp]), 'banmian batch', [0, 1]);
  const s = JSON.parse(r.stdout) as import('../src/batch/index.js').BatchSummary;
  const t = s.totals;
  const steady = s.pages.filter((p) => p.status !== 'failed').map((p) => p.ms);
  console.log(`   ${t.pages} pages, ${t.jobs} workers: ${t.ok} ok, ${t.overflow} overflow, ${t.failed} failed${t.failed ? ' — ' + s.pages.find((p) => p.status === 'failed')?.error : ''}`);
  console.log(`   ${t.pagesPerSecond.toFixed(1)} pages/s over ${t.seconds.toFixed(1)} s in the pool (process wall ${fmtMs(r.ms)}, ${(t.pages / (r.ms / 1000)).toFixed(1)} pages/s)    [${mark(t.pagesPerSecond >= 40)}] ≥ 40 pages/s`);
  console.log(`   page time in a worker: min / median / max ${ms3(steady)}`);
  console.log(`   peak memory per worker (its V8 heap + external memory, fonts included): ${t.peakWorkerMB.toFixed(0)} MB    [${mark(t.peakWorkerMB < 120)}] < 120 MB`);
  const rss = r.maxRssMB ?? t.peakProcessMB;
  console.log(`   peak RSS of the whole process (main thread + ${t.jobs} workers): ${rss.toFixed(0)} MB = ${(rss / t.jobs).toFixed(0)} MB per worker`);
}

interface PeerResult {
  engine: string;
  first: number;
  warm: number[];
  bytes: number;
}

async function a3() {
  const dir = join(tmp, 'a3');
  mkdirSync(dir, { recursive: true });
  writeA3Inputs(dir, RUNS);
  const engines = ['banmian', 'typst', 'react-pdf'] as const;
  const peer = (e: string, warm: number) => timeNode([join(PEERS, `${e}.js`), dir, String(warm)]);
  // Cold: a fresh process that loads the engine, sets the page, writes the PDF and exits (banmian's is
  // its command line). Each round runs every engine once, starting with a different one each round.
  const cold: Record<string, number[]> = Object.fromEntries(engines.map((e) => [e, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(engines.map((e) => [e, []]));
  for (let round = 0; round < COLD; round++)
    for (let j = 0; j < engines.length; j++) {
      const e = engines[(round + j) % engines.length];
      const r = check(e === 'banmian' ? await banmian(['render', join(dir, 'a3.json'), '-o', join(dir, 'a3-cli.pdf'), '--root', dir]) : await peer(e, 0), `${e} cold run`);
      cold[e].push(r.ms);
      cpu[e].push(r.cpuMs ?? NaN);
    }
  // Warm: one process per engine sets RUNS more pages, each with fresh text; ROUNDS rounds in turn.
  const warm: Record<string, number[]> = Object.fromEntries(engines.map((e) => [e, []]));
  const floors: number[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (let j = 0; j < engines.length; j++) {
      const e = engines[(round + j) % engines.length];
      const r = check(await peer(e, RUNS), `${e} warm run`);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      const res = lines.find((l) => l.engine) as PeerResult;
      // The first two warm pages still compile code; the rest is the steady state.
      warm[e].push(median(res.warm.slice(2)));
      if (e === 'banmian') floors.push(median(lines.find((l) => l.floor).floor.slice(2)));
    }
  const per = (a: number[], b: number[]) => a.map((v, i) => v / b[i]);
  console.log(`   the sample's body text (≈5,000 characters) in 6 justified columns, 9 pt Noto Serif SC (the only face), 14 pt leading, 2 em indent`);
  console.log(`   cold: ${COLD} rounds, each engine once per round (min / median / max)`);
  for (const e of engines) console.log(`   ${e.padEnd(10)} ${ms3(cold[e]).padStart(26)}   cpu ${ms3(cpu[e])}`);
  const coldTypst = per(cold.banmian, cold.typst);
  console.log(`   banmian ÷ Typst per round:     ${x3(coldTypst)}    [${mark(median(coldTypst) <= 1)}] median ≤ 1.0`);
  console.log(`   banmian ÷ react-pdf per round: ${x3(per(cold.banmian, cold['react-pdf']))}`);
  console.log(`   warm: ${ROUNDS} processes per engine, each the median of its pages 3–${RUNS} (min / median / max over the processes)`);
  for (const e of engines) console.log(`   ${e.padEnd(10)} ${ms3(warm[e]).padStart(26)}`);
  const warmTypst = per(warm.banmian, warm.typst);
  console.log(`   banmian ÷ Typst per round:     ${x3(warmTypst)}    [${mark(median(warmTypst) <= 0.5)}] median ≤ 0.5`);
  console.log(`   banmian ÷ react-pdf per round: ${x3(per(warm.banmian, warm['react-pdf']))}`);
  console.log(`   banmian's floor (subset, deflate, write the same bytes): ${ms3(floors)} = ${((median(floors) / median(warm.banmian)) * 100).toFixed(0)}% of its warm page`);
  console.log(`   (react-pdf has no column flow: it gets the paragraphs pre-split into 6 column boxes; PDFs in ${dir})`);
}

async function print() {
  const { fastStart } = await import('../src/warmup.js');
  await fastStart();
  const { renderPage, defaultFonts } = await import('../src/pipeline.js');
  const variants: { label: string; args: string[]; options: Record<string, unknown> }[] = [
    { label: 'plain', args: [], options: {} },
    { label: '--pdfa', args: ['--pdfa'], options: { pdfa: true } },
    { label: '--pdfx', args: ['--pdfx'], options: { pdfx: true } },
    { label: '--pdfx --bleed 3 --marks', args: ['--pdfx', '--bleed', '3', '--marks'], options: { pdfx: true, bleed: 3, marks: true } },
  ];
  // Warm: the variants in turn, round after round, each round starting with the next one, so load
  // from elsewhere and garbage collection fall on all alike.
  // CPU time (this process, user + system) beside wall time: it does not grow when other processes
  // share the cores, so it shows what an option costs even on a busy machine.
  const warm: number[][] = variants.map(() => []);
  const cpu: number[][] = variants.map(() => []);
  const size: number[] = [];
  for (let round = 0; round < RUNS + 2; round++)
    for (let j = 0; j < variants.length; j++) {
      const i = (round + j) % variants.length;
      const v = variants[i];
      const t = performance.now();
      const c = process.cpuUsage();
      const page = await renderPage(SAMPLE_LAYOUT, { fonts: defaultFonts(), ...v.options });
      const used = process.cpuUsage(c);
      if (round >= 2) warm[i].push(performance.now() - t), cpu[i].push((used.user + used.system) / 1000);
      size[i] = page.pdf.length;
    }
  const cold: number[][] = variants.map(() => []);
  for (let round = 0; round < COLD; round++)
    for (let j = 0; j < variants.length; j++) {
      const i = (round + j) % variants.length;
      const v = variants[i];
      cold[i].push(check(await banmian(['render', SAMPLE_LAYOUT, '-o', join(tmp, 'print.pdf'), ...v.args]), `banmian render ${v.args.join(' ')}`).ms);
    }
  console.log(`   warm: median of ${RUNS}; cold process: median of ${COLD}`);
  console.log(`   ${'options'.padEnd(26)} ${'warm'.padStart(8)} ${'warm cpu'.padStart(9)} ${'cold'.padStart(8)} ${'bytes'.padStart(9)}  × plain`);
  for (const [i, v] of variants.entries())
    console.log(`   ${v.label.padEnd(26)} ${fmtMs(median(warm[i])).padStart(8)} ${fmtMs(median(cpu[i])).padStart(9)} ${fmtMs(median(cold[i])).padStart(8)} ${String(size[i]).padStart(9)}  ${(size[i] / size[0]).toFixed(3)}`);
  const w = median(warm[1]) / median(warm[0]);
  const u = median(cpu[1]) / median(cpu[0]);
  const c = median(cold[1]) / median(cold[0]);
  const pct = (r: number) => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)}%`;
  console.log(`   [${mark(w <= 1.2 && c <= 1.2)}] --pdfa within 20% of a plain render (warm ${pct(w)}, warm cpu ${pct(u)}, cold ${pct(c)})`);
  console.log(`   [${mark(size[1] <= 1.2 * size[0])}] PDF/A within 1.2× of the plain PDF (${(size[1] / size[0]).toFixed(3)}×)`);
}

/** The PDF front door on one original page: inspect warm (in this process) and cold, rebuild cold. */
async function pdfPage(label: string, file: string, targets: boolean) {
  const { inspectPdf } = await import('../src/cli/inspect.js');
  const bytes = readFileSync(file);
  const warm: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now();
    await inspectPdf(bytes, file);
    if (i >= 2) warm.push(performance.now() - t);
  }
  const inspectCold: number[] = [];
  const rebuild: number[] = [];
  const rebuildCpu: number[] = [];
  for (let round = 0; round < COLD; round++) {
    inspectCold.push(check(await banmian(['inspect', file]), `banmian inspect ${file}`).ms);
    // Exit 1: the rebuilt page overflows somewhere (reported, not a failure of the run).
    const r = check(await banmian(['rebuild', file, '-o', join(tmp, 'rebuilt.pdf')]), `banmian rebuild ${file}`, [0, 1]);
    rebuild.push(r.ms);
    rebuildCpu.push(r.cpuMs ?? NaN);
  }
  const t = (ok: boolean, what: string) => (targets ? `    [${mark(ok)}] ${what}` : '');
  console.log(`   ${label}`);
  console.log(`     inspect, warm (same process, ${RUNS} runs): ${ms3(warm)}${t(median(warm) < 300, 'median < 300 ms')}`);
  console.log(`     inspect, cold process (${COLD}):             ${ms3(inspectCold)}`);
  console.log(`     rebuild, cold process (${COLD}):             ${ms3(rebuild)}, cpu ${ms3(rebuildCpu)}${t(median(rebuild) < 2000, 'median < 2 s')}`);
}

async function pdf() {
  const { generated } = await import('../test/pages/generate.js');
  const g = await generated();
  const broadsheet = g.pages.find((p) => p.name === 'broadsheet-daily')!;
  await pdfPage(`generated broadsheet page (test/pages, 390 × 540 mm, 3 photos)`, join(broadsheet.dir, 'broadsheet-daily.pdf'), true);
  // The real page, when the project workspace is there; the bench never needs it.
  const corpus = resolve(ROOT, '../shared/corpus');
  if (existsSync(corpus))
    for (const f of readdirSync(corpus).filter((f) => f.endsWith('.pdf')).sort()) await pdfPage(`corpus page ${f}`, join(corpus, f), false);
}

/** 7. compare: the sample page against a copy with three edits, both broadsheet, with both pictures (issue 11: under 1.5 s cold). */
async function compare() {
  const { writeFileSync } = await import('node:fs');
  const { renderPage, renderPdf, defaultFonts } = await import('../src/index.js');
  const { modifyPage } = await import('../test/helpers/modify.js');
  const { comparePdfs } = await import('../src/compare/index.js');
  const page = await renderPage(SAMPLE_LAYOUT);
  const modified = await renderPdf(page.layout, page.frames, modifyPage(page.set, defaultFonts()).set, defaultFonts());
  const [a, b] = [join(tmp, 'original.pdf'), join(tmp, 'modified.pdf')];
  writeFileSync(a, page.pdf);
  writeFileSync(b, modified);
  // Exit 1 is the expected verdict (the copy has a moved paragraph); anything else is a failure.
  const runs: ProcessRun[] = [];
  for (let i = 0; i < COLD; i++) runs.push(check(await banmian(['compare', a, b, '--png', join(tmp, 'o.png'), '--side', join(tmp, 's.png')]), 'banmian compare', [0, 1]));
  const warm: { c: import('../src/compare/index.js').PageComparison; cpu: number; ms: number }[] = [];
  for (let i = 0; i < RUNS / 4 + 2; i++) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    const [c] = await comparePdfs(page.pdf, a, modified, b, { overlay: true, side: true });
    const used = process.cpuUsage(c0);
    if (i >= 2) warm.push({ c, cpu: (used.user + used.system) / 1000, ms: performance.now() - t });
  }
  const m = (k: keyof (typeof warm)[0]['c']['timings']) => fmtMs(median(warm.map((x) => x.c.timings[k])));
  const wall = runs.map((r) => r.ms);
  console.log(`   the sample page (390 × 540 mm) against a copy with 3 edits, overlay and side-by-side PNGs at 72 dpi`);
  console.log(`   cold process \`banmian compare\` (${COLD}): ${ms3(wall)}, cpu ${ms3(runs.map((r) => r.cpuMs ?? NaN))}    [${mark(median(wall) < 1500)}] median < 1.5 s`);
  console.log(`   warm, in process (median of ${warm.length}): ${fmtMs(median(warm.map((x) => x.ms)))} wall, ${fmtMs(median(warm.map((x) => x.cpu)))} CPU = read both ${m('read')}, pair ${m('pair')}, draw both ${m('draw')}, ink score ${m('score')}, pictures ${m('pictures')}`);
}

/** Rounds of the per-character measure: each scale's figure is a median over them (a shared machine's slow seconds fall on a few). */
const SCALE_ROUNDS = 11;

/** 8. typesetting cost per character, warm. */
async function scale() {
  const { FontBook } = await import('../src/fonts/fontbook.js');
  const { perCharacter, sampleTypeset } = await import('./typeset.js');
  const fonts = new FontBook();
  const s = sampleTypeset(fonts, Math.max(RUNS, 50));
  console.log(`   the sample page ${fmtMs(s.median)} (CPU ${fmtMs(s.cpu)}); the sample's body text k× over in one six-column article, median of ${SCALE_ROUNDS} interleaved rounds`);
  const rows = await perCharacter(fonts, SCALE_ROUNDS);
  for (const r of rows) console.log(`   ${String(r.k).padStart(2)}× ${String(r.chars).padStart(6)} characters ${fmtMs(r.ms).padStart(9)}  ${r.perThousand.toFixed(2).padStart(6)} ms per 1000 characters (CPU ${r.cpuPerThousand.toFixed(2)}; garbage collection ${r.gcPerThousand.toFixed(2)})${r.overflow ? `  OVERFLOW ${r.overflow}` : ''}`);
  const spread = (per: number[]) => Math.max(...per) / Math.min(...per);
  const wall = spread(rows.map((r) => r.perThousand));
  const cpu = spread(rows.map((r) => r.cpuPerThousand));
  // Flat because a page's glyphs are stored by field in typed arrays (src/typeset/glyphs.ts): as an
  // object each, a long story's glyphs were copied by every scavenge they lived through, and garbage
  // collection took 0.2 ms per 1000 characters at 16× against 0.05 at 1× (16× ran 1.2–1.6 times slower).
  console.log(`   [${mark(wall <= 1.25)}] time per character flat from 1× to 16× within 25% (max ÷ min ${wall.toFixed(2)})`);
  // CPU time counts every thread: V8 marks the old generation on a helper thread, and what a long
  // story keeps until it is set (its items, its lines) outlives the young generation, so it grows
  // with the page while the wall clock need not.
  console.log(`   [${mark(cpu <= 1.25)}] CPU time per character (all threads) flat within 25% (max ÷ min ${cpu.toFixed(2)})`);
}

const t0 = performance.now();
try {
  if (!skip.has('sample')) await section('1. sample page, warm', sampleWarm);
  if (!skip.has('cold')) await section('2. sample page, cold process', sampleCold);
  if (!skip.has('batch')) await section(`3. batch of ${PAGES} generated variants of the sample, ${JOBS} workers`, batch);
  if (!skip.has('a3')) await section('4. A3 page by banmian, Typst and react-pdf', a3);
  if (!skip.has('print')) await section('5. print output of the sample page', print);
  if (!skip.has('pdf')) await section('6. the PDF front door (inspect, rebuild)', pdf);
  if (!skip.has('compare')) await section('7. compare', compare);
  if (!skip.has('scale')) await section('8. typesetting, warm', scale);
  if (!skip.has('watch')) await section('9. proof --watch', async () => (await import('./watch.js')).watchSection(tmp));
} finally {
  if (!process.env.BANMIAN_BENCH_KEEP) rmSync(tmp, { recursive: true, force: true });
}
console.log(`bench took ${fmtMs(performance.now() - t0)}; load average now ${load()}`);
