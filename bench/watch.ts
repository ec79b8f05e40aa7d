import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fmtMs, median, ROOT, SAMPLE_LAYOUT } from './util.js';

/**
 * `proof --watch` on the sample (issue 14): a proof process watching a copy of the sample layout and
 * its text; the text is edited (one character changed, in place) `runs` times and the time from the
 * write to the process saying the new proof is written is measured from outside.
 */
export async function watchSection(tmp: string, runs = 8): Promise<void> {
  const dir = mkdtempSync(join(tmp, 'watch-'));
  const text = join(dir, 'page.txt');
  copyFileSync(join(ROOT, 'input/puyang-daily-kaifaqu.txt'), text);
  const layout = JSON.parse(readFileSync(SAMPLE_LAYOUT, 'utf8'));
  delete layout.$schema;
  layout.text = 'page.txt';
  writeFileSync(join(dir, 'page.json'), JSON.stringify(layout));
  const child = spawn(process.execPath, [join(ROOT, 'bin/banmian.js'), 'proof', 'page.json', '--watch', '-o', 'page.png'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let seen = '';
  let last = '';
  let waiting: (() => void) | undefined;
  child.stderr.on('data', (d) => ((seen += d.toString()), waiting?.()));
  const until = (pattern: RegExp) =>
    new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`watch: no ${pattern} in 30 s: ${seen.slice(-500)}`)), 30_000);
      const check = () => (pattern.test(seen) ? (clearTimeout(timer), (last = seen), (seen = ''), done()) : (waiting = check));
      check();
    });
  const first = performance.now();
  // The first proof: its report goes to stdout; wait for the file.
  await until(/watching page\.json/);
  const firstMs = performance.now() - first;
  const original = readFileSync(text, 'utf8');
  const times: number[] = [];
  const reported: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // One character of the lead's first paragraph, changed and changed back: the page is set anew each time.
      const t = performance.now();
      writeFileSync(text, i % 2 ? original : original.replace('开发区召开', '开发区举行'));
      await until(/page\.txt changed: done in \d+ ms/);
      times.push(performance.now() - t);
      reported.push(Number(/CPU (\d+) ms/.exec(last)?.[1] ?? NaN));
    }
  } finally {
    child.kill('SIGINT');
    rmSync(dir, { recursive: true, force: true });
  }
  const m = median(times);
  console.log(`   the sample (60 dpi PNG), its text edited ${runs} times in place`);
  console.log(`   first proof ${fmtMs(firstMs)} (cold process); each edit to a new proof on disk: median ${fmtMs(m)}, max ${fmtMs(Math.max(...times))}, CPU ${fmtMs(median(reported))}    [${m < 500 ? 'ok  ' : 'MISS'}] < 500 ms   (runs: ${times.map(fmtMs).join(', ')}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
}
