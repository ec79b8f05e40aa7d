#!/usr/bin/env node
// Fuzz the command line with mutated layouts, seeded and bounded in time (issue 13).
//
//   npm run fuzz                       300 cases, seed 1, at most 15 minutes
//   npm run fuzz -- --count 40 --seed 7 --seconds 60 --jobs 2
//
// Each case takes one of the example layouts (copied with their text and photos into a scratch
// folder, which is the --root), applies 1–3 seeded mutations (nonsense numbers and lengths, wrong
// types, missing fields, deep nesting, paths to FIFOs, devices, files outside the root, style names
// such as "constructor", impossible dates, outputs that are inputs or devices…) and runs `render`,
// `check` or `proof` in a child process. A case fails on an exit code other than 0, 1 or 2, a stack
// trace or "internal error" in the output, no end within 20 s, a PDF that `qpdf --check` rejects, an
// input file changed, or a device replaced. Failing layouts are kept and named; exit 1 if any.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// The generated test pages' seeded generator (mulberry32): the same cases for the same seed on every machine.
import { seeded } from '../dist/test/pages/prose.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/banmian.js');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '900' },
    jobs: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false }, // keep the scratch folder even when every case passes
    verbose: { type: 'boolean', default: false },
  },
});
const SEED = Number(values.seed);
const COUNT = Number(values.count);
const SECONDS = Number(values.seconds);
const JOBS = Math.max(1, Number(values.jobs));
/** A case that has not ended after this long hangs (the bound). */
const HANG_MS = 20_000;


// ---- The scratch folder: the examples, their text and photos, and awkward files beside them.
const work = mkdtempSync(join(tmpdir(), 'banmian-fuzz-'));
for (const d of ['layouts/images', 'input', 'out', 'failures']) mkdirSync(join(work, d), { recursive: true });
for (const f of ['layouts/puyang-daily-kaifaqu.json', 'layouts/donghe-evening-community.json', 'layouts/images/donghe-night-market.jpg', 'layouts/images/donghe-pipes.jpg', 'input/puyang-daily-kaifaqu.txt', 'input/donghe-evening-community.txt'])
  copyFileSync(join(ROOT, f), join(work, f));
spawnSync('mkfifo', [join(work, 'input/pipe')]);
writeFileSync(join(work, 'input/empty.txt'), '');
writeFileSync(join(work, 'input/binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 255)));
const jpeg = readFileSync(join(work, 'layouts/images/donghe-pipes.jpg'));
writeFileSync(join(work, 'layouts/images/cut.jpg'), jpeg.subarray(0, jpeg.length >> 1));
writeFileSync(join(work, 'layouts/images/not-an-image.jpg'), 'this is text, not a JPEG\n');
mkdirSync(join(work, 'layouts/folder.json'));
const BASES = ['layouts/puyang-daily-kaifaqu.json', 'layouts/donghe-evening-community.json'].map((f) => {
  const l = JSON.parse(readFileSync(join(work, f), 'utf8'));
  delete l.$schema;
  return l;
});

/** Every input file: none may change, whatever a case does. */
const INPUTS = ['layouts/puyang-daily-kaifaqu.json', 'layouts/donghe-evening-community.json', 'layouts/images/donghe-night-market.jpg', 'layouts/images/donghe-pipes.jpg', 'input/puyang-daily-kaifaqu.txt', 'input/donghe-evening-community.txt'];
const digest = () => INPUTS.map((f) => createHash('md5').update(readFileSync(join(work, f))).digest('hex')).join();
const pristine = digest();

// ---- Values a careless or hostile layout holds.
const NASTY_NUMBERS = [0, -0, -1, 1, 0.5, 2, 7, 100, 1e6, 1e308, -1e308, 5e-324, 1e-9, 2 ** 53, 3.7, -250];
const NASTY_STRINGS = [
  '', ' ', '0', '-5mm', '0pt', '0mm', '1e5mm', '99999999999999999999pt', '14400pt', '5000mm', 'NaN', 'Infinity', '小五', '初号', '八号', '200%', '-50%', '0%', '3行', '0行', '2字', '-2字', '36Q', '1in', 'abc',
  '/dev/zero', '/dev/null', '/etc/passwd', '../../../../etc/hostname', '../input/pipe', 'pipe', '../input/empty.txt', '../input/binary.txt', 'images/cut.jpg', 'images/not-an-image.jpg', 'folder.json', 'missing.json',
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'body', 'headline', 'vertical', 'page-header',
  '2021-02-30', '2020-13-45', '0000-00-00', '2020-02-29', '9999-12-31', 'cmyk(0,0,0,0)', 'cmyk(500, -1, 0, 0)', '#zzzzzz', '#ff0000',
  'x'.repeat(5000), '\u0000\u0001', '🀄🀄', '本报讯', '■', '\uFFFD', 'group', 'article', 'photo',
];
const NASTY_VALUES = [null, true, false, [], {}, [[]], { a: 1 }, ['x'], [1, 2, 3]];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function nasty(r) {
  const k = r();
  return k < 0.4 ? pick(r, NASTY_NUMBERS) : k < 0.85 ? pick(r, NASTY_STRINGS) : structuredClone(pick(r, NASTY_VALUES));
}

/** Every [container, key] in the tree, depth first (the root excluded). */
function slots(node, out = []) {
  if (node && typeof node === 'object')
    for (const k of Object.keys(node)) {
      out.push([node, Array.isArray(node) ? Number(k) : k]);
      slots(node[k], out);
    }
  return out;
}

const regionsOf = (l) => {
  const all = [];
  const walk = (rs) => Array.isArray(rs) && rs.forEach((r) => r && typeof r === 'object' && (all.push(r), walk(r.children)));
  walk(l.regions);
  return all;
};

/** Lengths that pass the schema but make no sense on a page, or only just. */
const ODD_LENGTHS = ['0mm', '0pt', '0.01pt', '-10mm', '5000mm', '99999pt', '14400pt', '200%', '0%', '100%', '150%', '50字', '0字', '0行', '40行', '初号', '八号', '3.5Q', '0.5in', 1e-3, 0, -5, 1e5];
const isLengthString = (v) => typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*(pt|mm|cm|in|Q|q|字|em|行|lines?|%)?\s*$/u.test(v);

/** Changes that keep a field's type (a number stays a number, a length a length): they reach layout, typesetting and rendering. */
const TYPED = [
  (l, r) => {
    const s = slots(l).filter(([o, k]) => typeof o[k] === 'number' || isLengthString(o[k]));
    if (!s.length) return;
    const [o, k] = pick(r, s);
    o[k] = typeof o[k] === 'number' ? (r() < 0.5 ? pick(r, NASTY_NUMBERS) : o[k] * pick(r, [0, 0.1, 3, 50])) : pick(r, ODD_LENGTHS.filter((v) => typeof v === 'string'));
  },
  (l, r) => {
    const s = slots(l).filter(([o, k]) => typeof o[k] === 'boolean' && k !== 'headline');
    if (!s.length) return;
    const [o, k] = pick(r, s);
    o[k] = !o[k];
  },
  (l, r) => {
    // Another value of the same field in its place: ids, prefixes, style names, colours swapped around.
    const s = slots(l).filter(([o, k]) => typeof o[k] === 'string' && k !== 'kind');
    if (s.length < 2) return;
    const [o, k] = pick(r, s);
    const same = s.filter(([, j]) => j === k);
    const [p, j] = pick(r, same);
    o[k] = p[j];
  },
  (l, r) => {
    l.styles = l.styles && typeof l.styles === 'object' ? l.styles : {};
    const name = pick(r, ['body', 'headline', 'kicker', 'caption', 'subhead', 'vertical', 'sidebar']);
    const field = pick(r, ['size', 'leading', 'tracking', 'indent', 'scale', 'targetWidth', 'spaceBefore', 'spaceAfter', 'latinSpacing', 'tateChuYoko']);
    const value = ['tracking', 'indent', 'scale', 'latinSpacing', 'tateChuYoko'].includes(field) ? pick(r, [0, -1, 0.25, 1, 3, 100, 1e6, 0.001]) : pick(r, ODD_LENGTHS);
    l.styles[name] = { ...(typeof l.styles[name] === 'object' ? l.styles[name] : {}), [field]: value };
  },
  (l, r) => {
    const rs = regionsOf(l).filter((x) => x.kind === 'article' || x.kind === 'box');
    if (!rs.length) return;
    const x = pick(r, rs);
    x[pick(r, ['columns', 'lineLength'])] = pick(r, [1, 2, 7, 30, 200, 0.5]);
  },
];

/** Changes that break a layout's shape, paths and names: they reach the checks. */
const MUTATIONS = [
  // Any field: a nasty value, a scaled number, gone.
  (l, r) => {
    const s = slots(l);
    if (!s.length) return;
    const [o, k] = pick(r, s);
    o[k] = nasty(r);
  },
  (l, r) => {
    const s = slots(l).filter(([o, k]) => typeof o[k] === 'number');
    if (!s.length) return;
    const [o, k] = pick(r, s);
    o[k] = o[k] * pick(r, [0, -1, 10, 1000, 1e-3, 1e300]);
  },
  (l, r) => {
    const s = slots(l).filter(([o]) => !Array.isArray(o));
    if (!s.length) return;
    const [o, k] = pick(r, s);
    delete o[k];
  },
  // Lengths: a unit swapped, a number blown up.
  (l, r) => {
    const s = slots(l).filter(([o, k]) => typeof o[k] === 'string' && /^-?\d/.test(o[k]));
    if (!s.length) return;
    const [o, k] = pick(r, s);
    o[k] = o[k].replace(/^-?[\d.]+/, String(pick(r, [0, -3, 1e9, 0.0001, 99999]))).replace(/(mm|pt|字|行|%|Q)$/, pick(r, ['mm', 'pt', '字', '行', '%', 'Q', 'em', 'in']));
  },
  // Files: text, photos, templates pointing at the awkward files.
  (l, r) => (l.text = pick(r, ['/dev/zero', '/dev/null', '/etc/passwd', '../input/pipe', '../input/empty.txt', '../input/binary.txt', '../../../../etc/hostname', 'missing.txt', '../input/donghe-evening-community.txt', 'folder.json'])),
  (l, r) => {
    const photos = regionsOf(l).filter((x) => x.kind === 'photo');
    if (photos.length) pick(r, photos).image = pick(r, ['/dev/zero', '../input/pipe', 'images/cut.jpg', 'images/not-an-image.jpg', '../input/puyang-daily-kaifaqu.txt', '/etc/passwd', 'missing.jpg', 'folder.json', '../../../../etc/hostname']);
  },
  (l, r) => (l.original = pick(r, [{ pdf: '../input/pipe' }, { pdf: '/dev/zero' }, { pdf: '../input/binary.txt' }, { pdf: 'images/cut.jpg', page: 2 }, { pdf: 'missing.pdf' }, { pdf: '/etc/passwd' }])),
  (l, r) => (l.extends = pick(r, ['puyang-daily-kaifaqu.json', 'donghe-evening-community.json', '../input/pipe', '/etc/passwd', '../input/binary.txt', 'folder.json', 'missing.json', 'case.json'])),
  // Structure: deep groups, many regions, duplicated ids, kinds swapped.
  (l, r) => {
    if (!Array.isArray(l.regions) || !l.regions.length) return;
    const i = Math.floor(r() * l.regions.length);
    let node = l.regions[i];
    const depth = pick(r, [1, 3, 20, 40, 70, 500, 2000]);
    for (let d = 0; d < depth; d++) node = { kind: 'group', id: `deep-${d}`, children: [node] };
    l.regions[i] = node;
  },
  (l, r) => {
    if (!Array.isArray(l.regions) || !l.regions.length) return;
    const one = pick(r, l.regions);
    const n = pick(r, [2, 50, 400]);
    for (let k = 0; k < n; k++) l.regions.push({ ...structuredClone(one), id: r() < 0.3 ? one?.id : `copy-${k}` });
  },
  (l, r) => {
    const rs = regionsOf(l);
    if (rs.length) pick(r, rs).kind = pick(r, ['article', 'box', 'vertical', 'photo', 'rule', 'strip', 'text', 'group', 'table', '']);
  },
  // Styles: nonsense sizes and leading, odd names, cycles.
  (l, r) => {
    l.styles = l.styles && typeof l.styles === 'object' ? l.styles : {};
    const name = pick(r, ['body', 'headline', 'kicker', 'caption', 'constructor', '__proto__', 'toString', 'mine']);
    l.styles[name] = { ...(typeof l.styles[name] === 'object' ? l.styles[name] : {}), [pick(r, ['size', 'leading', 'tracking', 'indent', 'scale', 'targetWidth', 'spaceBefore', 'latinSpacing', 'tateChuYoko', 'extends', 'font', 'weight'])]: nasty(r) };
  },
  (l, r) => {
    const rs = regionsOf(l);
    if (rs.length) pick(r, rs).style = pick(r, ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'missing', 'body', 'vertical']);
  },
  // The page header's date and the page itself.
  (l, r) => {
    l.page = l.page && typeof l.page === 'object' ? l.page : {};
    l.page.header = { paper: '日报', page: 1, ...(typeof l.page.header === 'object' ? l.page.header : {}), date: pick(r, ['2021-02-30', '2020-13-45', '2020-02-29', '1900-02-29', '2000-02-29', '0000-01-01', '2020-1-1', 20200101]) };
  },
  (l, r) => {
    l.page = l.page && typeof l.page === 'object' ? l.page : {};
    l.page.size = pick(r, [{ width: nasty(r), height: nasty(r) }, 'custom', 'A4', 'tabloid', nasty(r)]);
  },
];

/** Options and outputs a case may add. `own`: files of this page an output must never replace. */
function command(r, n, layout, own) {
  const out = join(work, 'out', `${n}.pdf`);
  const k = r();
  if (k < 0.12) return { args: ['check', layout], out: null };
  if (k < 0.2) return { args: ['proof', layout, '-o', join(work, 'out', `${n}.png`), '--dpi', '20'], out: null };
  const args = ['render', layout, '-o', out];
  if (r() < 0.15) args.push('--pdfa', '--bleed', String(pick(r, [0, 3, 20])), '--marks');
  if (r() < 0.1) args.push('--pdfx', ...(r() < 0.5 ? ['--max-ink', String(pick(r, [100, 240, 400, 50]))] : []));
  if (r() < 0.1) args.push('--alto', join(work, 'out', `${n}.xml`));
  if (r() < 0.1) args.push('--date', pick(r, ['2020-02-30', '2020-13-45', '2024-02-29', '20200101', 'today']));
  if (r() < 0.1) {
    // An output that must be refused: one of the page's own files, a device, a folder, a FIFO, a path under a file.
    let at = 3; // the -o value
    if (r() < 0.3) {
      args.push('--alto', '');
      at = args.length - 1;
    }
    args[at] = pick(r, [...own, '/dev/null', join(work, 'layouts'), join(work, 'input/pipe'), join(work, 'input/empty.txt', 'x.pdf')]);
    return { args, out: null, refused: true };
  }
  return { args, out };
}

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;

function runCase(n) {
  const r = seeded(SEED * 1_000_003 + n);
  const layout = structuredClone(BASES[n % BASES.length]);
  const steps = 1 + Math.floor(r() * 3);
  // Most changes keep types (to reach the typesetter and the PDF), the others break things.
  for (let s = 0; s < steps; s++) pick(r, r() < 0.65 ? TYPED : MUTATIONS)(layout, r);
  const file = join(work, 'layouts', `case-${n}.json`);
  let text;
  try {
    text = JSON.stringify(layout);
  } catch {
    text = '{"regions": "too deep to write"}';
  }
  writeFileSync(file, text);
  // The page's own files, as the layout names them (relative to the layouts folder).
  const own = [file];
  if (typeof layout.text === 'string') own.push(resolve(work, 'layouts', layout.text));
  for (const x of regionsOf(layout)) if (x.kind === 'photo' && typeof x.image === 'string') own.push(resolve(work, 'layouts', x.image));
  const { args, out, refused } = command(r, n, file, own);
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args, '--root', work], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, HANG_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      const problems = [];
      if (hung) problems.push(`no end after ${HANG_MS / 1000} s`);
      else if (![0, 1, 2].includes(code)) problems.push(`exit ${code}`);
      else if (refused && code !== 2) problems.push(`exit ${code} with an output that must be refused`);
      if (STACK.test(output) || /internal error/.test(output)) problems.push('stack trace or internal error');
      if (out && existsSync(out) && (code === 0 || code === 1)) {
        const q = spawnSync('qpdf', ['--check', out], { encoding: 'utf8' });
        if (q.status !== 0) problems.push(`qpdf --check: exit ${q.status}: ${(q.stdout + q.stderr).split('\n').slice(0, 3).join(' ')}`);
      }
      if (out) rmSync(out, { force: true });
      done({ n, code, ms, problems, args, output, file, own });
    });
  });
}

const started = performance.now();
const results = [];
let next = 0;
let failed = 0;
async function lane() {
  while (next < COUNT && performance.now() - started < SECONDS * 1000) {
    const res = await runCase(next++);
    results.push(res);
    if (res.problems.length) {
      failed++;
      const keep = join(work, 'failures', `case-${res.n}.json`);
      copyFileSync(res.file, keep);
      process.stderr.write(`FAIL case ${res.n} (seed ${SEED}): ${res.problems.join('; ')}\n  banmian ${res.args.map((a) => relative(work, a) || a).join(' ')}\n  ${res.output.trim().split('\n').slice(0, 6).join('\n  ')}\n  layout kept: ${keep}\n`);
    } else if (values.verbose) process.stderr.write(`ok case ${res.n}: exit ${res.code} in ${Math.round(res.ms)} ms: ${res.output.trim().split("\n").slice(0, 2).join(" | ").slice(0, 240)}\n`);
    // Every case leaves the inputs and the devices as they were.
    if (digest() !== pristine) {
      process.stderr.write(`FAIL case ${res.n}: an input file changed\n`);
      failed++;
      break;
    }
    if (!statSync('/dev/null').isCharacterDevice()) {
      process.stderr.write(`FAIL case ${res.n}: /dev/null is no longer a device\n`);
      failed++;
      break;
    }
    rmSync(res.file, { force: true });
  }
}
await Promise.all(Array.from({ length: JOBS }, lane));

const byCode = {};
for (const r of results) byCode[r.code ?? 'killed'] = (byCode[r.code ?? 'killed'] ?? 0) + 1;
const slowest = Math.max(0, ...results.map((r) => r.ms));
const leftovers = readdirSync(join(work, 'out')).filter((f) => f.endsWith('.tmp'));
console.log(`fuzz: seed ${SEED}, ${results.length} cases in ${((performance.now() - started) / 1000).toFixed(1)} s on ${JOBS} jobs; exits ${JSON.stringify(byCode)}; slowest ${(slowest / 1000).toFixed(1)} s; ${failed} failed`);
if (leftovers.length) {
  console.log(`fuzz: temp files left in out/: ${leftovers.join(', ')}`);
  failed++;
}
if (results.length < Math.min(COUNT, 1) || (COUNT >= 300 && results.length < 300)) {
  console.log(`fuzz: only ${results.length} of ${COUNT} cases ran within ${SECONDS} s`);
  failed++;
}
// A failing run keeps its scratch folder (the failing layouts are in failures/, their files beside them).
if (failed || values.keep) console.log(`fuzz: scratch folder kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
