import { execFileSync } from 'node:child_process';

/**
 * An independent count with poppler's pdftotext (-bbox words, another reader than pdf.js), used by
 * compare's test and by `npm run eval`. Words on one baseline join into a line unless a gap wider
 * than ~0.85 em (0.6 of the word box height) separates them.
 */
export function popplerLines(file: string): { text: string; x: number; y: number }[] {
  let xml: string;
  try {
    xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftotext is not installed: apt-get install poppler-utils (.ci/run does)');
    throw e;
  }
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const words = [...xml.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map((w) => ({
    x0: +w[1], y0: +w[2], x1: +w[3], y1: +w[4], text: unescape(w[5]).replace(/\s+/gu, ''),
  }));
  words.sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0);
  const rows: (typeof words)[] = [];
  for (const w of words) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].y1 - w.y1) < 0.2 * (w.y1 - w.y0)) row.push(w);
    else rows.push([w]);
  }
  const lines: { text: string; x: number; y: number }[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x0 - b.x0);
    let cur = { text: row[0].text, x: row[0].x0, y: row[0].y1, end: row[0].x1 };
    for (const w of row.slice(1)) {
      if (w.x0 - cur.end > 0.6 * (w.y1 - w.y0)) {
        lines.push(cur);
        cur = { text: w.text, x: w.x0, y: w.y1, end: w.x1 };
      } else (cur.text += w.text), (cur.end = w.x1);
    }
    lines.push(cur);
  }
  return lines.map(({ text, x, y }) => ({ text, x, y }));
}

/**
 * Two PDFs' page 1 by poppler: original lines with no line of the same text in the copy, the
 * largest distance (mm) between a line and its nearest same-text copy, and each side's surplus
 * of characters (a multiset difference: what is missing from the copy, what was added).
 */
export function popplerCount(original: string, copy: string) {
  const a = popplerLines(original), b = popplerLines(copy);
  const free = new Map<string, { x: number; y: number }[]>();
  for (const l of b) (free.get(l.text) ?? free.set(l.text, []).get(l.text)!).push(l);
  let same = 0, largest = 0;
  for (const l of a) {
    const list = free.get(l.text);
    if (!list?.length) continue;
    list.sort((p, q) => Math.hypot(p.x - l.x, p.y - l.y) - Math.hypot(q.x - l.x, q.y - l.y));
    const m = list.shift()!;
    same++;
    largest = Math.max(largest, Math.hypot(m.x - l.x, m.y - l.y) * (25.4 / 72));
  }
  const count = (lines: { text: string }[]) => {
    const n = new Map<string, number>();
    for (const l of lines) for (const ch of l.text) n.set(ch, (n.get(ch) ?? 0) + 1);
    return n;
  };
  const ca = count(a), cb = count(b);
  const surplus = (p: Map<string, number>, q: Map<string, number>) => [...p].reduce((s, [ch, k]) => s + Math.max(0, k - (q.get(ch) ?? 0)), 0);
  return { lines: a.length, notIdentical: a.length - same, largestMoveMm: largest, surplusOriginal: surplus(ca, cb), surplusCopy: surplus(cb, ca) };
}
