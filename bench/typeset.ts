// Typesetting speed, warm: node dist/bench/typeset.js [runs]
// 1. The sample page: median time to typeset all of its stories (fonts opened once, as in a
//    long-running process; each run itemizes, breaks, justifies and places every story anew).
// 2. Cost per character: the sample's body text 1×, 2×, 4×, 8× and 16× over, as one article in six
//    columns on a page as tall as the text needs (balanced, as an article is), in ms per 1000 characters.
//    Flat means typesetting is linear in the length of the text.
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { assign, FontBook, ingest, layoutPage, loadLayout, resolveLayout, typesetPage } from '../src/index.js';
import type { Layout } from '../src/index.js';
import { banmianText, bodyParagraphs } from './a3.js';
import { median, SAMPLE_LAYOUT } from './util.js';

/** Median warm time of typesetPage over `runs` runs (after warm-ups), and what it set. */
function timeTypeset(layout: Layout, text: string | Uint8Array, fonts: FontBook, runs: number) {
  const source = ingest(text, {}, layout.textFile ?? 'text');
  const { stories, hints } = assign(source, layout);
  const frames = layoutPage(layout, hints);
  const times: number[] = [];
  const cpu: number[] = [];
  let glyphs = 0;
  let overflow = 0;
  for (let i = 0; i < runs + 3; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const set = typesetPage(stories, frames, layout.styles, fonts);
    const dc = process.cpuUsage(c);
    const dt = performance.now() - t;
    // The first runs open fonts and warm caches and the JIT. CPU time (this process, all threads)
    // is printed too: on a shared machine it is steadier than the wall clock.
    if (i >= 3) times.push(dt), cpu.push((dc.user + dc.system) / 1000);
    glyphs = set.stories.reduce((n, s) => n + s.lines.reduce((m, l) => m + l.glyphs.length, 0), 0);
    overflow = set.stories.reduce((n, s) => n + s.overflow.reduce((m, o) => m + o.text.length, 0), 0);
  }
  times.sort((a, b) => a - b);
  return { median: median(times), cpu: median(cpu), min: times[0], max: times.at(-1)!, glyphs, overflow, stories: stories.length };
}

export function sampleTypeset(fonts: FontBook, runs: number) {
  const layout = loadLayout(SAMPLE_LAYOUT);
  return timeTypeset(layout, readFileSync(layout.textFile!), fonts, runs);
}

/** One article of the sample's body text `k` times over, in six balanced columns as tall as it needs. */
function scaledPage(k: number): { layout: Layout; text: string } {
  const paragraphs = Array.from({ length: k }, () => bodyParagraphs()).flat();
  const text = banmianText(paragraphs);
  const chars = [...paragraphs.join('')].length;
  // About 13 characters a line in a 44 mm column (9 pt, gutters of 1 em), 14 pt a line, six columns, a tenth to spare.
  const heightMm = Math.ceil((((chars / 13 / 6) * 14 * 25.4) / 72) * 1.1) + 20;
  const layout = resolveLayout(
    {
      page: { size: 'custom', width: '297mm', height: `${heightMm + 30}mm`, margins: '15mm', columns: 6, gutter: '1字' },
      regions: [{ kind: 'article', id: 'body', column: 1, span: 6, y: 0, height: `${heightMm}mm`, content: { block: 'article-1' }, headline: false, columns: 6 }],
    },
    `/virtual/scaled-${k}.json`,
  );
  return { layout, text };
}

/**
 * ms per 1000 characters at each scale. The scales are measured in interleaved rounds (every scale
 * warmed first; each round sets about `chars` characters at every scale: many runs at 1×, few at
 * 16×), and each figure is the median over the rounds: a shared machine's slow moments fall on all
 * scales alike instead of on whichever ran then, and no scale pays the garbage another left behind
 * more than the others do.
 */
export async function perCharacter(fonts: FontBook, rounds: number, scales = [1, 2, 4, 8, 16], chars = 320_000) {
  const pages = scales.map((k) => {
    const { layout, text } = scaledPage(k);
    const source = ingest(text, {}, layout.textFile ?? 'text');
    const { stories, hints } = assign(source, layout);
    return { k, layout, stories, frames: layoutPage(layout, hints), chars: [...text.replace(/\s+/g, '')].length, wall: [] as number[], cpu: [] as number[], gc: [] as number[], overflow: 0 };
  });
  const once = (p: (typeof pages)[number]) => typesetPage(p.stories, p.frames, p.layout.styles, fonts);
  // The garbage collector's pauses on the main thread, as V8 reports them (delivered on the next turn of the event loop).
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => (gcMs += e.duration)));
  observer.observe({ entryTypes: ['gc'] });
  const turn = () => new Promise((r) => setImmediate(r));
  for (const p of pages) for (let i = 0; i < 3; i++) once(p);
  for (let round = 0; round < rounds; round++) {
    for (const p of pages) {
      // A turn of the event loop between batches, as a process setting page after page has: V8
      // finishes its garbage collector's work there (tasks it posts to the main thread).
      await turn();
      const runs = Math.max(3, Math.round(chars / p.chars));
      const gc = gcMs;
      const t = performance.now();
      const c = process.cpuUsage();
      let set!: ReturnType<typeof once>;
      for (let i = 0; i < runs; i++) set = once(p);
      const dc = process.cpuUsage(c);
      p.wall.push((performance.now() - t) / runs);
      p.cpu.push((dc.user + dc.system) / 1000 / runs);
      // (The observer hears of the batch's pauses a turn or two later.)
      for (let i = 0; i < 3; i++) await turn();
      p.gc.push((gcMs - gc) / runs);
      p.overflow = set.stories.reduce((n, s) => n + s.overflow.reduce((m, o) => m + o.text.length, 0), 0);
    }
  }
  observer.disconnect();
  return pages.map((p) => {
    const per = (ms: number) => (ms / p.chars) * 1000;
    const ms = median(p.wall);
    return { k: p.k, chars: p.chars, ms, perThousand: per(ms), cpuPerThousand: per(median(p.cpu)), gcPerThousand: per(median(p.gc)), overflow: p.overflow };
  });
}

const run = !!process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (run) {
  const runs = Number(process.argv[2] ?? 100);
  const fonts = new FontBook();
  const s = sampleTypeset(fonts, runs);
  console.log(`typeset the sample (${s.glyphs} glyphs, ${s.stories} stories): warm median ${s.median.toFixed(2)} ms (CPU ${s.cpu.toFixed(2)} ms) over ${runs} runs (min ${s.min.toFixed(2)}, max ${s.max.toFixed(2)})`);
  for (const r of await perCharacter(fonts, 7)) console.log(`  ${String(r.k).padStart(2)}× ${String(r.chars).padStart(6)} characters: ${r.ms.toFixed(1).padStart(7)} ms, ${r.perThousand.toFixed(2)} ms per 1000 characters (CPU ${r.cpuPerThousand.toFixed(2)})${r.overflow ? ` (OVERFLOW ${r.overflow})` : ''}`);
}
