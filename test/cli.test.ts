import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { colourOn, colourReport } from '../src/cli/say.js';
import { suggest } from '../src/cli/suggest.js';
import { ROOT, SAMPLE_LAYOUT } from './helpers/sample.js';

/** The command line as a user meets it: help, version, suggestions, output places, --quiet and --verbose. */

const dir = mkdtempSync(join(tmpdir(), 'banmian-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const BIN = resolve(ROOT, 'bin/banmian.js');

/** A user's project: a one-article page with its text, in a folder of its own. */
const project = join(dir, 'project');
mkdirSync(join(project, 'layouts'), { recursive: true });
writeFileSync(join(project, 'page.txt'), '本报讯 开发区召开大会，部署下半年工作。\n');
writeFileSync(
  join(project, 'layouts', 'mine.json'),
  JSON.stringify({
    text: '../page.txt',
    page: { size: { width: '100mm', height: '60mm' }, margins: 0 },
    regions: [{ kind: 'article', id: 'a', x: '10mm', y: '10mm', width: '80mm', height: '30mm', content: { prefix: '本报讯' }, headline: false }],
  }),
);

function run(args: string[], cwd = project, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('render and proof write to output/ in the current folder, not beside banmian', () => {
  const r = run(['render', 'layouts/mine.json']);
  assert.is(r.code, 0, r.err);
  assert.ok(existsSync(join(project, 'output', 'mine.pdf')), r.out);
  assert.match(r.out, `wrote ${join(project, 'output', 'mine.pdf')}`);
  assert.not.ok(existsSync(join(ROOT, 'output', 'mine.pdf')), 'written into the package folder');
  const p = run(['proof', 'layouts/mine.json']);
  assert.is(p.code, 0, p.err);
  assert.ok(existsSync(join(project, 'output', 'mine.png')));
  assert.not.ok(existsSync(join(ROOT, 'output', 'mine.png')));
});

test('--help for each command, help <command>, --version; schema --help prints help, not the schema', () => {
  for (const command of ['render', 'check', 'proof', 'inspect', 'derive', 'rebuild', 'batch', 'compare', 'schema']) {
    const a = run([command, '--help']);
    assert.is(a.code, 0, `${command} --help: ${a.err}`);
    assert.match(a.out, `banmian ${command}`);
    assert.match(a.out, /Exit codes/);
    assert.equal(run(['help', command]).out, a.out);
  }
  assert.not.match(run(['schema', '--help']).out, /"\$schema"|"properties"/);
  assert.match(run(['render', '--help']).out, /--pdfa/);
  assert.not.match(run(['render', '--help']).out, /banmian compare/);
  const v = run(['--version']);
  assert.is(v.code, 0);
  assert.is(v.out.trim(), `banmian ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}`);
  const all = run(['--help']);
  assert.is(all.code, 0);
  for (const command of ['render', 'check', 'proof', 'inspect', 'derive', 'rebuild', 'batch', 'compare', 'schema']) assert.match(all.out, new RegExp(`^  ${command} `, 'm'));
});

test('mistyped commands and options: exit 2, one line, with the one most likely meant', () => {
  const c = run(['rendr', 'layouts/mine.json']);
  assert.is(c.code, 2);
  assert.match(c.err, /unknown command "rendr" \(did you mean "render"\?\)/);
  assert.is(c.err.trim().split('\n').length, 1);
  const f = run(['render', 'layouts/mine.json', '--pdf-a']);
  assert.is(f.code, 2);
  assert.match(f.err, /unknown option --pdf-a \(did you mean --pdfa\?\)/);
  assert.is(f.err.trim().split('\n').length, 1);
  assert.match(run(['help', 'chek']).err, /did you mean "check"/);
  assert.match(run(['check', 'layouts/mine.json', '--verbos']).err, /did you mean --verbose/);
  // Nothing close: no guess.
  assert.not.match(run(['zzzzzz']).err, /did you mean/);
  assert.is(suggest('--dbug', ['--debug', '--date', '--json']), '--debug');
  assert.is(suggest('--xyz', ['--debug', '--date', '--json']), undefined);
  assert.is(run(['render']).code, 2, 'no layout: usage, exit 2');
});

test('a layout given to inspect is refused with what to do instead', () => {
  const r = run(['inspect', 'layouts/mine.json']);
  assert.is(r.code, 2);
  assert.match(r.err, /layouts\/mine\.json: a layout, not extracted text \(its text is page\.txt/);
  assert.match(r.err, /banmian check layouts\/mine\.json/);
  assert.is(run(['inspect', 'page.txt']).code, 0);
});

test('--quiet prints nothing for a good page and one line for a failing one; --verbose adds timings and files', () => {
  const q = run(['check', 'layouts/mine.json', '--quiet']);
  assert.is(q.code, 0, q.err);
  assert.is(q.out + q.err, '');
  const v = run(['check', 'layouts/mine.json', '--verbose']);
  assert.is(v.code, 0);
  assert.match(v.out, /mine:/);
  assert.match(v.err, /time: model \d+ ms, ingest \d+ ms, layout \d+ ms, typeset \d+ ms/);
  assert.match(v.err, `read text: ${join(project, 'page.txt')}`);
  // A region too small for its text: exit 1, and even --quiet says why in one line.
  const small = JSON.parse(readFileSync(join(project, 'layouts', 'mine.json'), 'utf8'));
  small.regions[0].height = '3mm';
  writeFileSync(join(project, 'layouts', 'small.json'), JSON.stringify(small));
  const f = run(['check', 'layouts/small.json', '--quiet']);
  assert.is(f.code, 1);
  assert.is(f.out, '');
  assert.match(f.err, /^banmian: small: \d+ characters overflow \(a\)\n$/);
  assert.is(run(['check', 'layouts/mine.json', '--quiet', '--verbose']).code, 2);
  // A batch with --quiet: no progress, no summary; one line because a page overflowed.
  const b = run(['batch', 'layouts', '--out', 'quiet-out', '--quiet']);
  assert.is(b.code, 1, b.err);
  assert.is(b.out, '');
  assert.match(b.err, /^banmian batch: 1 overflow, 0 failed, 0 cancelled of 2 pages \(.*batch-summary\.json\)\n$/);
});

test('colour only on a terminal and without NO_COLOR; the exit codes stay', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const saved = process.env.NO_COLOR;
  try {
    delete process.env.NO_COLOR;
    assert.ok(colourOn(tty));
    assert.not.ok(colourOn({ isTTY: false } as NodeJS.WriteStream));
    process.env.NO_COLOR = '1';
    assert.not.ok(colourOn(tty));
  } finally {
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  }
  const text = '  lead             article  OVERFLOW 12 chars\n  warning: x\n  ok   fonts';
  assert.match(colourReport(text, true), /\x1b\[31m  lead .*OVERFLOW/);
  assert.match(colourReport(text, true), /\x1b\[33m  warning/);
  assert.is(colourReport(text, false), text);
  // Piped (not a terminal): no escape codes in what a script reads.
  const r = run(['check', 'layouts/mine.json']);
  assert.not.match(r.out, /\x1b\[/);
  assert.is(run(['check', SAMPLE_LAYOUT, '--root', ROOT], project).code, 0);
});

test.run();
