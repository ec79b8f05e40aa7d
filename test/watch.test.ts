import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './helpers/sample.js';

/** render --watch and proof --watch: a new page on every change to a file the page is made from. */

const dir = mkdtempSync(join(tmpdir(), 'banmian-watch-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const BIN = resolve(ROOT, 'bin/banmian.js');

mkdirSync(join(dir, 'templates', 'images'), { recursive: true });
mkdirSync(join(dir, 'day'), { recursive: true });
await sharp({ create: { width: 400, height: 300, channels: 3, background: '#406080' } }).jpeg().toFile(join(dir, 'templates', 'images', 'photo.jpg'));
writeFileSync(join(dir, 'day', 'page.txt'), '本报讯 开发区召开大会，部署下半年工作。\n');
const template = (photoX: string) =>
  JSON.stringify({
    page: { size: { width: '120mm', height: '90mm' }, margins: 0 },
    regions: [
      { kind: 'photo', id: 'photo', x: photoX, y: '10mm', width: '40mm', height: '30mm', image: 'images/photo.jpg' },
      { kind: 'article', id: 'story', x: '10mm', y: '10mm', width: '50mm', height: '40mm', content: { prefix: '本报讯' }, headline: false },
    ],
  });
writeFileSync(join(dir, 'templates', 'page.json'), template('70mm'));
writeFileSync(join(dir, 'day', 'page.json'), JSON.stringify({ extends: '../templates/page.json', text: 'page.txt' }));

/** Start a watching command; `next(pattern)` waits for its stderr or stdout to show the pattern (after what was seen so far). */
function start(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  let from = 0;
  const waiters: (() => void)[] = [];
  const take = (d: Buffer) => ((seen += d.toString()), waiters.splice(0).forEach((w) => w()));
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const next = (pattern: RegExp, ms = 20_000) =>
    new Promise<RegExpExecArray>((found, fail) => {
      const timer = setTimeout(() => fail(new Error(`no ${pattern} within ${ms} ms; output:\n${seen}`)), ms);
      const check = () => {
        const m = pattern.exec(seen.slice(from));
        if (m) {
          from += m.index + m[0].length;
          clearTimeout(timer);
          found(m);
        } else waiters.push(check);
      };
      check();
    });
  return { child, next, exited, output: () => seen };
}

test('proof --watch: a new proof on a change to the layout, its text, its photo and its template; Ctrl-C stops it', async () => {
  const w = start(['proof', 'day/page.json', '--watch']);
  try {
    await w.next(/wrote .*page\.png/);
    await w.next(/watching day\/page\.json and the 3 files it names/);
    const png = join(dir, 'output', 'page.png');
    let before = readFileSync(png);
    const changed = async (name: string) => {
      const m = await w.next(new RegExp(`${name} changed: done in (\\d+) ms`));
      const now = readFileSync(png);
      assert.not.ok(now.equals(before), `${name}: the proof did not change`);
      before = now;
      return Number(m[1]);
    };
    // The text, written in place.
    writeFileSync(join(dir, 'day', 'page.txt'), '本报讯 开发区召开大会，部署下半年工作，推进重点项目建设。\n');
    await changed('page.txt');
    // The photo, saved as editors do: a new file renamed over the old.
    await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c02020' } }).jpeg().toFile(join(dir, 'templates', 'images', 'photo.new.jpg'));
    renameSync(join(dir, 'templates', 'images', 'photo.new.jpg'), join(dir, 'templates', 'images', 'photo.jpg'));
    await changed('photo.jpg');
    // The template the layout extends.
    writeFileSync(join(dir, 'templates', 'page.json'), template('65mm'));
    await changed('page.json');
    // The layout itself: a broken edit is reported and the watch goes on; the fix makes a new proof.
    writeFileSync(join(dir, 'day', 'page.json'), '{"extends": "../templates/page.json", "text": ');
    await w.next(/page\.json: .*(JSON|line)/i);
    writeFileSync(join(dir, 'day', 'page.json'), JSON.stringify({ extends: '../templates/page.json', text: 'page.txt', styles: { body: { size: '12pt' } } }));
    await changed('page.json');
    // A file the page does not read changes nothing.
    const mtime = statSync(png).mtimeMs;
    writeFileSync(join(dir, 'day', 'notes.txt'), 'not part of the page');
    await new Promise((ok) => setTimeout(ok, 400));
    assert.is(statSync(png).mtimeMs, mtime);
  } finally {
    w.child.kill('SIGINT');
  }
  const code = await w.exited;
  assert.ok(code === 0 || code === 1, `exit ${code}: ${w.output()}`);
});

test('render --watch refuses -o - (standard output)', async () => {
  const w = start(['render', 'day/page.json', '--watch', '-o', '-']);
  assert.is(await w.exited, 2);
  assert.match(w.output(), /--watch writes files/);
});

test.run();
