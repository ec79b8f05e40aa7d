import { getEventListeners } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { progressReporter } from '../src/batch/progress.js';
import type { BatchSummary, PageResult } from '../src/batch/types.js';
import { renderBatch } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'banmian-batch-usable-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** n one-article pages in a folder; `tall` sets the article's height (a short one overflows). */
function pages(folder: string, n: number, height = '30mm'): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'text.txt'), '本报讯 开发区召开大会，部署下半年工作，推进重点项目建设，确保全年目标任务圆满完成。\n');
  for (let i = 1; i <= n; i++)
    writeFileSync(
      join(folder, `p${i}.json`),
      JSON.stringify({ text: 'text.txt', page: { size: { width: '100mm', height: '60mm' }, margins: 0 }, regions: [{ kind: 'article', id: 'the-story', x: '10mm', y: '10mm', width: '30mm', height, content: { prefix: '本报讯' }, headline: false }] }),
    );
  return folder;
}

test('a batch of 16 pages prints no warning, and the caller’s signal keeps one listener', async () => {
  const folder = pages(join(dir, 'many'), 16);
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  const stop = new AbortController();
  let most = 0;
  try {
    const summary = await renderBatch(folder, { out: join(dir, 'many-out'), jobs: 2, root: folder, signal: stop.signal, onPage: () => (most = Math.max(most, getEventListeners(stop.signal, 'abort').length)) });
    assert.is(summary.totals.ok, 16);
  } finally {
    process.off('warning', onWarning);
  }
  assert.equal(warnings, []);
  assert.ok(most <= 1, `${most} listeners on the signal`);
});

test('an overflowing page names the region the layout wrote, with the lines it is short of', async () => {
  const folder = pages(join(dir, 'short'), 1, '5mm');
  const seen: PageResult[] = [];
  const summary = await renderBatch(folder, { out: join(dir, 'short-out'), jobs: 1, root: folder, onPage: (r) => seen.push(r) });
  assert.is(summary.totals.overflow, 1);
  assert.is(seen[0].overflowRegions.length, 1);
  assert.match(seen[0].overflowRegions[0], /^the-story \(\d+ lines? short\)$/);
  const out: string[] = [];
  const stream = { isTTY: false, write: (s: string) => (out.push(s), true) } as unknown as NodeJS.WriteStream;
  const p = progressReporter(stream);
  p.start(1, 1);
  p.page(seen[0], 1, 1);
  assert.match(out.join(''), /overflow .*p1\.pdf \(\d+ chars in the-story \(\d+ lines? short\)\)/);
  assert.not.match(out.join(''), /article-1/);
});

test('after Ctrl-C the bar shows the pages set and the ones cancelled, not all of them done', () => {
  const out: string[] = [];
  const tty = { isTTY: true, write: (s: string) => (out.push(s), true) } as unknown as NodeJS.WriteStream;
  const bar = progressReporter(tty);
  const result = (status: PageResult['status']): PageResult => ({ layout: 'a.json', output: status === 'ok' ? 'a.pdf' : null, status, ms: 10, overflowChars: 0, overflowBlocks: [], overflowRegions: [] });
  bar.start(32, 2);
  let done = 0;
  for (let i = 0; i < 12; i++) bar.page(result('ok'), ++done, 32);
  // The batch was stopped: the other 20 come back cancelled.
  for (let i = 0; i < 20; i++) bar.page(result('cancelled'), ++done, 32);
  bar.end({ interrupted: true, totals: { pages: 32, cancelled: 20 } } as unknown as BatchSummary);
  const last = out.join('').split('\r').pop()!;
  assert.match(last, /12\/32 +20 cancelled/);
  assert.not.match(out.join(''), /32\/32/);
});

test.run();
