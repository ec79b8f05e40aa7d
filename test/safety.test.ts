// Issue 13: safe with paths, signals and nonsense values. One test (or more) per numbered finding,
// each built from the reproduction. Findings 1–11 except 3 (the line breaker's).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planJobs } from '../src/batch/pool.js';
import { main, reportError } from '../src/cli/main.js';
import { renderBatch, type BatchSummary } from '../src/index.js';
import { tempName, writeFileAtomic } from '../src/fsutil.js';
import { qpdfCheck } from './helpers/qpdf.js';
import { ROOT, SAMPLE_LAYOUT, SAMPLE_TEXT } from './helpers/sample.js';

const dir = mkdtempSync(join(tmpdir(), 'banmian-safety-'));
const at = (name: string) => join(dir, name);
const BIN = resolve(ROOT, 'bin/banmian.js');
const TEXT = at('text.txt');
writeFileSync(TEXT, '本报讯 开发区召开大会，部署下半年工作。\n');
writeFileSync(at('sample.txt'), readFileSync(SAMPLE_TEXT));
await sharp({ create: { width: 60, height: 40, channels: 3, background: '#808080' } }).png().toFile(at('photo.png'));

type Layout = Record<string, any>;
/** A small page: one article with the one-line text, one photo; `edit` changes it. */
function layout(name: string, edit: (l: Layout) => void = () => {}): string {
  const l: Layout = {
    name,
    text: 'text.txt',
    page: { size: { width: '100mm', height: '80mm' }, margins: { top: 0, right: 0, bottom: 0, left: 0 } },
    regions: [
      { kind: 'article', id: 'a', x: '10mm', y: '10mm', width: '80mm', height: '30mm', content: { prefix: '本报讯' }, headline: false },
      { kind: 'photo', id: 'p', x: '10mm', y: '45mm', width: '30mm', height: '20mm', image: 'photo.png' },
    ],
  };
  edit(l);
  const file = at(`${name}.json`);
  writeFileSync(file, JSON.stringify(l));
  return file;
}

/** The sample page, its text in the test folder (a batch page that takes a few hundred ms). */
function samplePage(folder: string, name: string, edit: (l: Layout) => void = () => {}): string {
  const l = JSON.parse(readFileSync(SAMPLE_LAYOUT, 'utf8'));
  delete l.$schema;
  l.name = name;
  l.text = at('sample.txt');
  edit(l);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.json`);
  writeFileSync(file, JSON.stringify(l));
  return file;
}

/** Run the command line in this process; stdout and stderr captured (stdout as bytes). */
async function cli(...args: string[]): Promise<{ code: number; out: Buffer; err: string }> {
  const [write, writeErr] = [process.stdout.write, process.stderr.write];
  const out: Buffer[] = [];
  let err = '';
  process.stdout.write = ((d: string | Uint8Array, cb?: unknown) => {
    out.push(Buffer.from(d));
    if (typeof cb === 'function') cb();
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((d: string | Uint8Array) => ((err += String(d)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, out: Buffer.concat(out), err };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}

/** Run the command line in its own process, killed after 20 s (a hang is a failure, not a stuck test). */
function spawned(args: string[], cwd = dir): { code: number | null; stdout: string; stderr: string; ms: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t };
}

const STACK = /\n\s+at .+:\d+:\d+|internal error/;
/** An input error: exit 2, one line naming what is asked, no stack. */
function inputError(r: { code: number | null; err?: string; stderr?: string }, pattern: RegExp) {
  const err = r.err ?? r.stderr ?? '';
  assert.is(r.code, 2, err);
  assert.match(err, pattern);
  assert.not.match(err, STACK);
  assert.is(err.trim().split('\n').length, 1, `one line: ${err}`);
}

const mkfifo = (path: string) => {
  const r = spawnSync('mkfifo', [path]);
  assert.is(r.status, 0, 'mkfifo');
};

test('#1 an output path that is a device, a FIFO or a folder is refused before anything is written; -o - writes to stdout', async () => {
  const page = layout('one');
  for (const dev of ['/dev/null', '/dev/full']) {
    inputError(await cli('render', page, '-o', dev, '--root', dir), new RegExp(`-o ${dev}: is a character device`));
    inputError(await cli('render', page, '-o', at('ok.pdf'), '--alto', dev, '--root', dir), new RegExp(`--alto ${dev}: is a character device`));
    inputError(await cli('proof', page, '-o', dev, '--root', dir), new RegExp(`-o ${dev}: is a character device`));
    assert.ok(statSync(dev).isCharacterDevice(), `${dev} is still a device`);
  }
  assert.not.ok(existsSync(at('ok.pdf')), 'nothing written when one output is refused');
  mkfifo(at('out.fifo'));
  inputError(await cli('render', page, '-o', at('out.fifo'), '--root', dir), /is a named pipe \(FIFO\)/);
  assert.ok(statSync(at('out.fifo')).isFIFO());
  inputError(await cli('render', page, '-o', dir, '--root', dir), /is a folder/);
  // The temp file is renamed over the target only if it is still a regular file.
  await writeFileAtomic('/dev/null', 'x').then(
    () => assert.unreachable('renamed over /dev/null'),
    (e) => assert.match(e.message, /cannot write \/dev\/null: it is a character device/),
  );
  assert.ok(statSync('/dev/null').isCharacterDevice());
  const stdout = await cli('render', page, '-o', '-', '--root', dir);
  assert.is(stdout.code, 0, stdout.err);
  assert.is(stdout.out.subarray(0, 5).toString(), '%PDF-');
  assert.is(qpdfCheck(stdout.out).status, 0);
  assert.match(stdout.err, /a +article/, 'the report goes to stderr');
});

test('#2 -o or --alto naming the layout, its text, its image, a template it extends or a link to one is refused; the files are unchanged', async () => {
  const page = layout('two');
  const template = layout('template');
  writeFileSync(at('child.json'), JSON.stringify({ extends: 'template.json', name: 'child' }));
  linkSync(TEXT, at('text-link.txt'));
  const before = [page, TEXT, at('photo.png'), template].map((f) => readFileSync(f));
  inputError(await cli('render', page, '-o', page, '--root', dir), /is the layout \(/);
  inputError(await cli('render', page, '-o', TEXT, '--root', dir), /is the layout's text/);
  inputError(await cli('render', page, '-o', at('photo.png'), '--root', dir), /is the image of region "p"/);
  inputError(await cli('render', page, '-o', at('text-link.txt'), '--root', dir), /is the layout's text/);
  inputError(await cli('render', page, '-o', at('x.pdf'), '--alto', TEXT, '--root', dir), /--alto .*is the layout's text/);
  inputError(await cli('render', page, '-o', at('x.pdf'), '--alto', at('x.pdf'), '--root', dir), /--alto .*is also the -o output/);
  inputError(await cli('render', at('child.json'), '-o', template, '--root', dir), /is a layout it extends/);
  inputError(await cli('proof', page, '-o', TEXT, '--root', dir), /is the layout's text/);
  [page, TEXT, at('photo.png'), template].forEach((f, i) => assert.ok(readFileSync(f).equals(before[i]), `${f} changed`));
  assert.not.ok(existsSync(at('x.pdf')));
  // In a batch: a manifest whose output is another page's layout.
  writeFileSync(at('clobber.json'), JSON.stringify({ pages: [{ layout: 'two.json', output: '../template.json' }] }));
  const b = await cli('batch', at('clobber.json'), '--out', at('clobber-out'), '--root', dir);
  assert.is(b.code, 2, b.err);
  writeFileSync(at('clobber.json'), JSON.stringify({ pages: ['two.json', { layout: 'template.json', output: 'two.json' }] }));
  inputError(await cli('batch', at('clobber.json'), '--out', dir, '--root', dir), /output .*two\.json is the layout/);
  assert.ok(readFileSync(page).equals(before[0]));
});

test('#4 a FIFO or /dev/zero as text, photo or extends is refused at once, never read', async () => {
  layout('one');
  mkfifo(at('text.fifo'));
  const fifoText = layout('fifo-text', (l) => (l.text = 'text.fifo'));
  const fifoPhoto = layout('fifo-photo', (l) => (l.regions[1].image = 'text.fifo'));
  writeFileSync(at('fifo-extends.json'), JSON.stringify({ extends: 'text.fifo' }));
  const zero = layout('zero-text', (l) => (l.text = '/dev/zero'));
  for (const [args, pattern] of [
    [['check', fifoText], /text: .*text\.fifo: is a named pipe \(FIFO\), not a regular file/],
    [['render', fifoPhoto, '-o', at('f.pdf')], /image: .*text\.fifo: is a named pipe/],
    [['check', fifoPhoto], /regions\[1\]\.image: .*text\.fifo: is a named pipe/],
    [['check', at('fifo-extends.json')], /extends: .*text\.fifo: is a named pipe/],
    [['check', zero, '--root', '/'], /text: \/dev\/zero: is a character device/],
    [['inspect', at('text.fifo')], /text\.fifo: is a named pipe/],
  ] as [string[], RegExp][]) {
    const r = spawned(args);
    inputError(r, pattern);
    assert.ok(r.ms < 15_000, `${args.join(' ')} took ${r.ms} ms`);
  }
  // In a batch the FIFO page fails with its reason and the others are set.
  const pages = at('fifo-batch');
  mkdirSync(pages);
  for (const f of ['one', 'fifo-text']) writeFileSync(join(pages, `${f}.json`), readFileSync(at(`${f}.json`), 'utf8').replace('"text.txt"', JSON.stringify(TEXT)).replace('"text.fifo"', JSON.stringify(at('text.fifo'))).replace('"photo.png"', JSON.stringify(at('photo.png'))));
  const r = spawned(['batch', pages, '--out', at('fifo-out'), '--jobs', '1', '--json']);
  assert.is(r.code, 1, r.stderr);
  const summary: BatchSummary = JSON.parse(r.stdout);
  assert.equal(summary.pages.map((p) => p.status).sort(), ['failed', 'ok']);
  assert.match(summary.pages.find((p) => p.status === 'failed')!.error!, /is a named pipe/);
});

/** Start a batch of `n` sample pages on one worker (`before` runs first, with the out folder); with ways to watch its summary. */
function startBatch(name: string, n: number, before: (out: string) => void = () => {}) {
  const pages = at(`${name}-pages`);
  for (let i = 0; i < n; i++) samplePage(pages, `page-${String(i).padStart(2, '0')}`);
  const out = at(`${name}-out`);
  before(out);
  const child = spawn(process.execPath, [BIN, 'batch', pages, '--out', out, '--jobs', '1'], { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((ok) => child.on('close', (code, signal) => ok(code ?? (signal ? -1 : null))));
  const summary = (): BatchSummary | undefined => {
    try {
      return JSON.parse(readFileSync(join(out, 'batch-summary.json'), 'utf8'));
    } catch {
      return undefined;
    }
  };
  const until = async (ok: (s: BatchSummary) => boolean) => {
    for (let t = 0; t < 400; t++) {
      const s = summary();
      if (s && ok(s)) return s;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`batch ${name}: timed out waiting; stderr: ${stderr}`);
  };
  return { child, out, pages, exited, summary, until, stderr: () => stderr };
}

test('#5 the summary is written at start (running), updated, finalised on SIGTERM and SIGHUP; a lock keeps a second batch out; SIGKILL leaves "running" and a stale lock the next run takes over', async () => {
  // A summary from an earlier run says every page is fine: it must not survive the start of the next.
  const b = startBatch('term', 12, (out) => {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'batch-summary.json'), JSON.stringify({ state: 'finished', totals: { ok: 99 } }));
  });
  const first = await b.until((s) => s.state === 'running');
  assert.is(first.totals.pages, 12);
  assert.ok(first.pages.every((p) => ['pending', 'ok'].includes(p.status)));
  // A second batch into the same folder is refused while the first runs.
  const second = spawned(['batch', b.pages, '--out', b.out]);
  inputError(second, /another batch \(process \d+/);
  const progress = await b.until((s) => s.totals.ok >= 1);
  assert.ok(progress.totals.pending >= 1, 'updated as pages finish, before the end');
  b.child.kill('SIGTERM');
  assert.is(await b.exited, 143, b.stderr());
  const last = b.summary()!;
  assert.is(last.state, 'interrupted');
  assert.is(last.stoppedBy, 'SIGTERM');
  assert.is(last.totals.pending, 0);
  assert.ok(last.totals.cancelled >= 1);
  assert.not.ok(existsSync(join(b.out, '.banmian-batch.lock')), 'the lock is released');
  assert.not.match(b.stderr(), STACK);

  const h = startBatch('hup', 8);
  await h.until((s) => s.totals.ok >= 1);
  h.child.kill('SIGHUP');
  assert.is(await h.exited, 129);
  assert.is(h.summary()!.stoppedBy, 'SIGHUP');

  const k = startBatch('kill', 8);
  await k.until((s) => s.totals.ok >= 1);
  k.child.kill('SIGKILL');
  await k.exited;
  const killed = k.summary()!;
  assert.is(killed.state, 'running', 'a killed batch leaves a summary that says it did not finish');
  assert.ok(killed.totals.pending >= 1);
  assert.ok(existsSync(join(k.out, '.banmian-batch.lock')));
  const again = spawned(['batch', k.pages, '--out', k.out, '--jobs', '1']);
  assert.is(again.code, 0, again.stderr);
  assert.is(k.summary()!.state, 'finished');
  assert.is(k.summary()!.totals.ok, 8);
});

test('#6 temp files carry a recognisable name; stale ones (a killed process) are removed by the next run in the folder', async () => {
  const out = at('temps');
  mkdirSync(out);
  const target = join(out, 'page.pdf');
  const mine = tempName(target);
  assert.match(mine.slice(out.length + 1), new RegExp(`^\\.page\\.pdf\\.banmian-${process.pid}-[0-9a-f]{8}\\.tmp$`));
  // A process that has ended: its id is free, its temp files are stale.
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const stale = mine.replace(`-${process.pid}-`, `-${gone.stdout}-`);
  writeFileSync(stale, 'half a PDF');
  writeFileSync(mine, 'a write of this process, in progress');
  writeFileSync(join(out, 'notes.tmp'), 'not ours');
  const r = await cli('render', layout('six'), '-o', target, '--root', dir);
  assert.is(r.code, 0, r.err);
  const left = readdirSync(out).sort();
  assert.not.ok(left.includes(stale.slice(out.length + 1)), 'the stale temp file is removed');
  assert.ok(left.includes(mine.slice(out.length + 1)), "a running process's temp file is left alone");
  assert.ok(left.includes('notes.tmp') && left.includes('page.pdf'));
  rmSync(mine);
  // Batches clean their out folder (and every output folder) at start too.
  writeFileSync(stale, 'half a PDF');
  const pages = at('temps-pages');
  samplePage(pages, 'p1');
  const b = spawned(['batch', pages, '--out', out, '--jobs', '1']);
  assert.is(b.code, 0, b.stderr);
  assert.not.ok(existsSync(stale));
});

test('#7 nonsense values are refused: leading 0, size 5e-324, 30 February in the header or --date, --date 2020-13-45 without a stack', async () => {
  inputError(await cli('check', layout('leading', (l) => (l.styles = { body: { leading: '0' } })), '--root', dir), /styles\.body\.leading: expected a line pitch above 0/);
  inputError(await cli('check', layout('tiny', (l) => (l.styles = { headline: { size: 5e-324 } })), '--root', dir), /styles\.headline\.size: expected a type size from 1 to 1000 pt, got 5e-324/);
  inputError(await cli('check', layout('huge', (l) => (l.styles = { body: { size: '2000pt' } })), '--root', dir), /styles\.body\.size: expected a type size from 1 to 1000 pt/);
  const header = (date: string) => (l: Layout) => {
    l.page.margins.top = '15mm';
    l.page.header = { paper: '濮阳日报', date, page: 3 };
  };
  const dated = layout('dated', header('2021-02-30'));
  const r = await cli('check', dated, '--root', dir);
  assert.is(r.code, 2);
  assert.match(r.err, /page\.header\.date: expected a calendar date YYYY-MM-DD, got "2021-02-30"/);
  const leap = await cli('check', layout('leap', header('2020-02-29')), '--root', dir);
  assert.is(leap.code, 0, leap.err);
  inputError(await cli('render', layout('seven'), '--date', '2020-02-30', '--root', dir), /--date: expected a calendar date/);
  inputError(spawned(['render', layout('seven'), '--date', '2020-13-45', '-o', at('d.pdf')]), /--date: expected a calendar date YYYY-MM-DD, got "2020-13-45"/);
});

test('#7 a re-render that overflows keeps the earlier PDF unless --force', async () => {
  const out = at('keep.pdf');
  const good = await cli('render', layout('fits'), '-o', out, '--root', dir);
  assert.is(good.code, 0, good.err);
  const before = readFileSync(out);
  writeFileSync(at('long.txt'), '本报讯 开发区召开大会，部署下半年工作。'.repeat(40) + '\n');
  const over = layout('fits', (l) => (l.text = 'long.txt'));
  const kept = await cli('render', over, '-o', out, '--root', dir);
  assert.is(kept.code, 1);
  assert.match(kept.err, /overflows; kept the existing .*keep\.pdf \(--force replaces it\)/);
  assert.ok(readFileSync(out).equals(before), 'the good PDF is still there');
  const forced = await cli('render', over, '-o', out, '--root', dir, '--force');
  assert.is(forced.code, 1);
  assert.not.ok(readFileSync(out).equals(before), '--force replaces it');
  // A first render that overflows is still written (there is nothing to keep).
  const fresh = await cli('render', over, '-o', at('fresh.pdf'), '--root', dir);
  assert.is(fresh.code, 1);
  assert.ok(existsSync(at('fresh.pdf')));
});

test('#8 file-system, image and over-deep input errors are input errors: exit 2, one line, the file and place', async () => {
  const page = layout('eight');
  inputError(await cli('render', page, '-o', join(TEXT, 'x.pdf'), '--root', dir), /text\.txt\/x\.pdf: a part of the path is a file/);
  inputError(await cli('batch', dir, '--out', TEXT, '--root', dir), /--out .*text\.txt: is a regular file, not a folder/);
  // A folder that cannot be written: chmod for a user; root ignores modes, sysfs refuses it files.
  let readOnly = at('read-only');
  if (process.getuid?.() === 0) readOnly = '/sys';
  else {
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
  }
  inputError(await cli('render', page, '-o', join(readOnly, 'x.pdf'), '--root', dir), /cannot write .*x\.pdf: (permission denied|read-only file system|operation not permitted)/);
  // A truncated JPEG: its header reads, its body does not.
  const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  writeFileSync(at('cut.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  inputError(await cli('render', layout('cut', (l) => (l.regions[1].image = 'cut.jpg')), '-o', at('cut.pdf'), '--root', dir), /regions?.*"p".*cut\.jpg: cannot be decoded/);
  assert.not.ok(existsSync(at('cut.pdf')));
  // A photo whose frame leaves it no room (less than a pixel; the fuzzer's was squeezed by its group): named, not a crash in sharp.
  inputError(await cli('render', layout('squeezed', (l) => (l.regions[1].height = '0.01mm')), '-o', at('squeezed.pdf'), '--root', dir), /"p".*too small to show: its frame leaves it no room/);
  assert.not.ok(existsSync(at('squeezed.pdf')));
  // Layouts nested 500 and 3000 deep: refused before zod and yoga (which overflowed the stack).
  for (const depth of [500, 3000]) {
    // Written by hand: JSON.stringify itself recurses, and 3000 levels overflow it.
    const base = JSON.parse(readFileSync(layout('deep'), 'utf8'));
    const open = Array.from({ length: depth }, (_, i) => `{"kind":"group","id":"g${i}","children":[`).join('');
    const regions = `[${open}${JSON.stringify(base.regions[0])}${']}'.repeat(depth)}]`;
    const deep = at(`deep-${depth}.json`);
    writeFileSync(deep, JSON.stringify({ ...base, regions: '@' }).replace('"@"', regions));
    const r = await cli('check', deep, '--root', dir);
    inputError(r, /deep-\d+\.json: …?.*children\[0\].*: nested more than 64 levels deep/);
    assert.ok(r.err.length < 400, 'the message is short');
  }
  // A bug (anything else) is exit 3 with one line that says how to report it; the stack only with BANMIAN_DEBUG.
  const bug = await (async () => {
    const w = process.stderr.write;
    let err = '';
    process.stderr.write = ((d: string) => ((err += d), true)) as typeof process.stderr.write;
    try {
      return { code: await reportError(new RangeError('something impossible')), err };
    } finally {
      process.stderr.write = w;
    }
  })();
  assert.is(bug.code, 3);
  assert.match(bug.err, /internal error \(a bug in banmian\): RangeError: something impossible; please report it/);
  assert.not.match(bug.err, /\n\s+at /);
});

test('#8 inspect of big texts: no stack overflow (a vertical headline of 150,000 columns, 150,000 slogans)', async () => {
  writeFileSync(at('columns.txt'), '字\n\n'.repeat(150_000));
  writeFileSync(at('slogans.txt'), '■口号\n\n'.repeat(150_000));
  for (const f of ['columns.txt', 'slogans.txt']) {
    const r = await cli('inspect', at(f));
    assert.is(r.code, 0, r.err.slice(0, 300));
    assert.match(r.out.toString(), /encoding utf-8; \d+ blocks/);
  }
  // Above the limit: refused with the flag that raises it.
  writeFileSync(at('big.txt'), ('本报讯 开发区召开大会，部署下半年工作。'.repeat(3) + '\n').repeat(12_000));
  inputError(await cli('inspect', at('big.txt'), '--max-input', '1'), /big\.txt: 2 MiB is over the 1 MiB limit for a text file \(--max-input MB raises it\)/);
  assert.is((await cli('inspect', at('big.txt'), '--max-input', '3')).code, 0);
});

test('#9 what a layout or manifest names stays under --root; manifest outputs stay under --out; no file content in messages', async () => {
  const passwd = layout('passwd', (l) => (l.text = '/etc/passwd'));
  inputError(await cli('render', passwd, '-o', at('p.pdf'), '--root', dir), /text: \/etc\/passwd is outside the root folder/);
  inputError(await cli('check', layout('up', (l) => (l.regions[1].image = '../../etc/hostname')), '--root', dir), /regions\[1\]\.image: \/etc\/hostname is outside the root folder/);
  // A file that is not JSON, named by extends: its content never appears in the message.
  const secret = at('secret.txt');
  writeFileSync(secret, 'SECRET-TOKEN-1234 do not print\n');
  writeFileSync(at('ext.json'), JSON.stringify({ extends: 'secret.txt' }));
  const r = await cli('check', at('ext.json'), '--root', dir);
  inputError(r, /secret\.txt: not valid JSON/);
  assert.not.match(r.err, /SECRET|TOKEN|print/);
  // The same file as text: decoded, but a refusal quotes no text either.
  writeFileSync(at('secret.bin'), Buffer.concat([Buffer.from('SECRET-TOKEN'), Buffer.alloc(64)]));
  const bin = await cli('check', layout('bin', (l) => (l.text = 'secret.bin')), '--root', dir);
  assert.is(bin.code, 2);
  assert.not.match(bin.err, /SECRET|TOKEN/);
  // Manifests: outputs inside --out, layouts and texts under the root.
  for (const [output, why] of [
    ['../../x.pdf', /pages\[0\]\.output: \.\.\/\.\.\/x\.pdf is outside the --out folder/],
    ['/tmp/x.pdf', /pages\[0\]\.output: \/tmp\/x\.pdf is outside the --out folder/],
  ] as [string, RegExp][]) {
    writeFileSync(at('escape.json'), JSON.stringify({ pages: [{ layout: 'one.json', output }] }));
    inputError(await cli('batch', at('escape.json'), '--out', at('escape-out'), '--root', dir), why);
  }
  writeFileSync(at('far.json'), JSON.stringify({ pages: [{ layout: '/etc/passwd' }] }));
  inputError(await cli('batch', at('far.json'), '--out', at('far-out'), '--root', dir), /pages\[0\]\.layout: \/etc\/passwd is outside the root folder/);
  assert.not.ok(existsSync(at('escape-out')) || existsSync(at('far-out')), 'nothing made');
  // The example layouts work from the repository root with the default root.
  const example = spawned(['render', 'layouts/donghe-evening-community.json', '-o', at('donghe.pdf')], ROOT);
  assert.is(example.code, 0, example.stderr);
  assert.is(qpdfCheck(readFileSync(at('donghe.pdf'))).status, 0);
});

test('#10 --jobs is capped by cores and free memory; the summary reports memory per worker', async () => {
  assert.equal(planJobs(256, 100, 2, 16_000), { jobs: 2, note: '--jobs 256 capped to 2 (2 cores)' });
  assert.equal(planJobs(8, 100, 16, 700), { jobs: 2, note: '--jobs 8 capped to 2 (700 MB free at 256 MB per worker)' });
  assert.equal(planJobs(undefined, 3, 16, 64_000), { jobs: 3 });
  assert.equal(planJobs(4, 100, 16, 100), { jobs: 1, note: '--jobs 4 capped to 1 (100 MB free at 256 MB per worker)' });
  const pages = at('jobs-pages');
  for (const n of ['a', 'b', 'c']) samplePage(pages, n);
  const r = spawned(['batch', pages, '--out', at('jobs-out'), '--jobs', '256', '--json']);
  assert.is(r.code, 0, r.stderr);
  const s: BatchSummary = JSON.parse(r.stdout);
  assert.ok(s.totals.jobs <= Math.min(cpus().length, 3), `${s.totals.jobs} workers`);
  if (cpus().length < 3) assert.match(r.stderr, /--jobs 256 capped to \d+ \(\d+ cores?\)/);
  assert.ok(s.workers.length >= 1);
  for (const w of s.workers) assert.ok(w.peakMB > 10 && w.pages >= 1 && w.lastMB > 0, JSON.stringify(w));
  assert.is(s.workers.reduce((n, w) => n + w.pages, 0), 3);
});

test('#11 messages name the file and the place: style "constructor", /dev/null as text, a UTF-16 lone surrogate, a bad UTF-8 byte', async () => {
  const ctor = layout('ctor', (l) => (l.regions[0].style = 'constructor'));
  inputError(await cli('check', ctor, '--root', dir), /ctor\.json: regions\[0\]\.style: unknown style "constructor"/);
  const own = layout('own-ctor', (l) => {
    l.styles = { constructor: { extends: 'body', size: '五号' } };
    l.regions[0].style = 'constructor';
  });
  assert.is((await cli('check', own, '--root', dir)).code, 0, 'a style may be called "constructor"');
  inputError(await cli('check', layout('null', (l) => (l.text = '/dev/null')), '--root', '/'), /null\.json: text: \/dev\/null: is a character device, not a regular file/);
  // UTF-16LE without a BOM, one lone high surrogate in line 2.
  const utf16 = Buffer.from('本报讯 开发区召开大会。\n部署下半年工作。\n', 'utf16le');
  const lone = Buffer.concat([utf16.subarray(0, 26), Buffer.from([0x3d, 0xd8]), utf16.subarray(26)]);
  writeFileSync(at('lone.txt'), lone);
  inputError(await cli('inspect', at('lone.txt')), /lone\.txt: UTF-16LE text with a lone surrogate \(half of a character pair\) at byte 26 \(line 2, column 1\)/);
  inputError(await cli('check', layout('lone', (l) => (l.text = 'lone.txt')), '--root', dir), /lone\.json: text: .*lone\.txt: UTF-16LE text with a lone surrogate \(half of a character pair\) at byte 26/);
  const utf8 = Buffer.from('本报讯 开发区召开大会。\n部署下半年工作。\n');
  writeFileSync(at('bad-byte.txt'), Buffer.concat([utf8.subarray(0, 41), Buffer.from([0xff]), utf8.subarray(41)]));
  inputError(await cli('inspect', at('bad-byte.txt')), /bad-byte\.txt: not valid UTF-8 \(nor GB18030\): byte 41 \(0xFF, line 2, column 3\) cannot start a character/);
});

test('batch: a page over --page-timeout fails with that reason, the batch goes on and ends', async () => {
  const pages = at('timeout-pages');
  const list = ['a', 'b'].map((n) => samplePage(pages, n));
  // 50 ms: less than any page takes (a worker's first page alone warms it up for longer).
  const s = await renderBatch(list, { out: at('timeout-out'), jobs: 1, pageTimeout: 0.05, root: dir });
  assert.is(s.totals.failed, 2);
  for (const p of s.pages) assert.match(p.error!, /stopped after 0\.05 s \(--page-timeout\)/);
  assert.is(s.state, 'finished');
  // A generous timeout does not stop anything.
  const ok = await renderBatch(list, { out: at('timeout-out'), jobs: 1, pageTimeout: 60, root: dir });
  assert.is(ok.totals.ok, 2);
});

test.after(() => {
  if (process.getuid?.() !== 0 && existsSync(at('read-only'))) chmodSync(at('read-only'), 0o755);
  rmSync(dir, { recursive: true, force: true });
});
test.run();
