import { execFileSync } from 'node:child_process';

/** A line by poppler: its text without whitespace, where it starts, its row, and the offsets in `text` where a word of it had whitespace. */
export interface PopplerLine {
  text: string;
  x: number;
  y: number;
  row: number;
  joints: number[];
}

/**
 * An independent count with poppler's pdftotext (-bbox words, another reader than pdf.js), used by
 * compare's test and by `npm run eval`. Words on one baseline join into a line unless a gap wider
 * than 0.6 em separates them (wider than the blank of a compressed mark, narrower than a column
 * gutter less a mark hanging into it). A word may hold whitespace (a PDF's
 * ActualText span, which poppler gives as one word): where it did is kept in `joints`.
 */
export function popplerLines(file: string): PopplerLine[] {
  let xml: string;
  try {
    xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftotext is not installed: apt-get install poppler-utils (.ci/run does)');
    throw e;
  }
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const words = [...xml.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map((w) => {
    const raw = unescape(w[5]).trim();
    const joints: number[] = [];
    let text = '';
    for (const part of raw.split(/\s+/u)) {
      if (text) joints.push(text.length);
      text += part;
    }
    return { x0: +w[1], y0: +w[2], x1: +w[3], y1: +w[4], text, joints };
  });
  words.sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0);
  const rows: (typeof words)[] = [];
  for (const w of words) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].y1 - w.y1) < 0.2 * (w.y1 - w.y0)) row.push(w);
    else rows.push([w]);
  }
  const lines: PopplerLine[] = [];
  rows.forEach((row, r) => {
    row.sort((a, b) => a.x0 - b.x0);
    const em = emOf(row);
    let cur = { text: row[0].text, x: row[0].x0, y: row[0].y1, end: row[0].x1, row: r, joints: [...row[0].joints] };
    for (const w of row.slice(1)) {
      if (w.x0 - cur.end > 0.6 * em) {
        lines.push(cur);
        cur = { text: w.text, x: w.x0, y: w.y1, end: w.x1, row: r, joints: [...w.joints] };
      } else {
        cur.joints.push(cur.text.length, ...w.joints.map((j) => j + cur.text.length));
        cur.text += w.text;
        cur.end = w.x1;
      }
    }
    lines.push(cur);
  });
  return lines.map(({ text, x, y, row, joints }) => ({ text, x, y, row, joints }));
}

/** CJK characters all set on the em: a word of them measures the em by its advance. */
const SOLID = /^[\p{Script=Han}\u3000-\u303f\uff01-\uff60]+$/u;

/**
 * A row's em: the median advance of its CJK characters (a word's width over its length), which
 * does not depend on the font file. A row without them takes 0.7 of the word box height: poppler's
 * box runs from the font's descent to its ascent, about 1.4 em in CJK fonts but different in each.
 */
function emOf(row: { x0: number; x1: number; y0: number; y1: number; text: string }[]): number {
  const ems = row.filter((w) => w.text.length > 0 && SOLID.test(w.text)).map((w) => (w.x1 - w.x0) / [...w.text].length).sort((a, b) => a - b);
  if (ems.length) return ems[ems.length >> 1];
  return 0.7 * Math.max(...row.map((w) => w.y1 - w.y0));
}

/**
 * Pieces of one row on one side that together read as one line of the other side, split only where
 * that line had whitespace: the same line, cut where one reader saw a gap and the other a space.
 * Returns each join found (its first piece, how many pieces, the whole line; each line used once)
 * and removes them from the unmatched lists.
 */
function joinAtSpaces(pieces: PopplerLine[], whole: PopplerLine[]): { first: PopplerLine; count: number; line: PopplerLine }[] {
  const pairs: { first: PopplerLine; count: number; line: PopplerLine }[] = [];
  const byRow = new Map<number, PopplerLine[]>();
  for (const l of pieces) (byRow.get(l.row) ?? byRow.set(l.row, []).get(l.row)!).push(l);
  for (const row of byRow.values()) {
    row.sort((a, b) => a.x - b.x);
    for (let i = 0; i < row.length; i++) {
      let text = row[i].text;
      const cuts: number[] = [];
      for (let j = i + 1; j < row.length; j++) {
        cuts.push(text.length);
        text += row[j].text;
        const k = whole.findIndex((w) => w.text === text && cuts.every((c) => w.joints.includes(c)));
        if (k < 0) continue;
        pairs.push({ first: row[i], count: j - i + 1, line: whole[k] });
        whole.splice(k, 1);
        for (const used of row.splice(i, j - i + 1)) pieces.splice(pieces.indexOf(used), 1);
        i--;
        break;
      }
    }
  }
  return pairs;
}

/**
 * Two PDFs' page 1 by poppler: original lines with no line of the same text in the copy, the
 * largest distance (mm) between a line and its nearest same-text copy, and each side's surplus
 * of characters (a multiset difference: what is missing from the copy, what was added).
 */
export function popplerCount(original: string, copy: string) {
  const a = popplerLines(original), b = popplerLines(copy);
  const free = new Map<string, PopplerLine[]>();
  for (const l of b) (free.get(l.text) ?? free.set(l.text, []).get(l.text)!).push(l);
  let same = 0, largest = 0;
  const moved = (l: PopplerLine, m: PopplerLine) => (largest = Math.max(largest, Math.hypot(m.x - l.x, m.y - l.y) * (25.4 / 72)));
  const lonelyA: PopplerLine[] = [];
  for (const l of a) {
    const list = free.get(l.text);
    if (!list?.length) {
      lonelyA.push(l);
      continue;
    }
    list.sort((p, q) => Math.hypot(p.x - l.x, p.y - l.y) - Math.hypot(q.x - l.x, q.y - l.y));
    same++;
    moved(l, list.shift()!);
  }
  // Lines poppler split on one side and gave as one word with spaces on the other (ActualText).
  const lonelyB = [...free.values()].flat();
  for (const { first, count, line } of joinAtSpaces(lonelyA, lonelyB)) (same += count), moved(first, line);
  for (const { first, line } of joinAtSpaces(lonelyB, lonelyA)) same++, moved(line, first);
  const count = (lines: { text: string }[]) => {
    const n = new Map<string, number>();
    for (const l of lines) for (const ch of l.text) n.set(ch, (n.get(ch) ?? 0) + 1);
    return n;
  };
  const ca = count(a), cb = count(b);
  const surplus = (p: Map<string, number>, q: Map<string, number>) => [...p].reduce((s, [ch, k]) => s + Math.max(0, k - (q.get(ch) ?? 0)), 0);
  return { lines: a.length, notIdentical: a.length - same, unmatched: lonelyA.map((l) => l.text), largestMoveMm: largest, surplusOriginal: surplus(ca, cb), surplusCopy: surplus(cb, ca) };
}
