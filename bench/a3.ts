/**
 * The A3 comparison page: the sample's body text in 6 justified columns on A3, 9 pt Noto Serif SC,
 * 14 pt leading, 2 em first-line indent, 15 mm margins, 1 em gutters — as a banmian layout, a Typst
 * source and a react-pdf document, all from the same paragraphs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ingest } from '../src/ingest/index.js';
import { SAMPLE_TEXT, SERIF_TTF } from './util.js';

export const A3 = { widthMm: 297, heightMm: 420, marginMm: 15, columns: 6, size: 9, leading: 14, indentEm: 2 };
const MM = 72 / 25.4;
const BYLINE = '本报讯（记者 王金勇）';

/** The body paragraphs of the sample's articles (headlines, captions, sidebar left out). */
export function bodyParagraphs(): string[] {
  const source = ingest(readFileSync(SAMPLE_TEXT));
  return source.blocks.filter((b) => b.kind === 'article').flatMap((b) => b.paragraphs);
}

/**
 * Run `k` of the warm loop gets its own text of the same length: the first character of every
 * paragraph changes, so no engine can reuse a paragraph it set before.
 */
export function variantParagraphs(paragraphs: string[], k: number): string[] {
  const marks = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
  return k === 0 ? paragraphs : paragraphs.map((p) => marks[k % marks.length] + p.slice(1));
}

/**
 * banmian's input is extracted text, so the paragraphs go in hard-wrapped like a newspaper's
 * (16 characters on a first line, 18 after) under a byline; ingest rebuilds them as one article.
 */
export function banmianText(paragraphs: string[]): string {
  const lines = [BYLINE];
  for (const p of paragraphs) {
    const c = [...p];
    for (let i = 0, n = 16; i < c.length; i += n, n = 18) lines.push(c.slice(i, i + n).join(''));
  }
  return lines.join('\n') + '\n';
}

export function banmianLayout(textFile: string): object {
  return {
    name: 'a3-six-columns',
    text: textFile,
    page: { size: 'A3', margins: { top: `${A3.marginMm}mm`, right: `${A3.marginMm}mm`, bottom: `${A3.marginMm}mm`, left: `${A3.marginMm}mm` }, columns: A3.columns, gutter: '1字' },
    // The same one face as the peers: the byline (hei by default) in the body's song.
    styles: { byline: { font: 'song' } },
    regions: [{ kind: 'article', id: 'body', column: 1, span: A3.columns, y: 0, height: `${A3.heightMm - 2 * A3.marginMm}mm`, content: { block: 'article-1' }, headline: false, columns: A3.columns }],
  };
}

/** The paragraphs banmian actually sets (ingest's reading of banmianText), for the peers to set too. */
export function banmianParagraphs(paragraphs: string[]): string[] {
  const block = ingest(banmianText(paragraphs)).blocks.find((b) => b.id === 'article-1');
  if (!block) throw new Error('A3 text: ingest found no article');
  return block.paragraphs.map((p, i) => (i === 0 ? BYLINE + p : p));
}

const typstEscape = (s: string) => s.replace(/[\\#*_`$<>@[\]~=+\-/"']/g, (c) => `\\${c}`);

export function typstSource(paragraphs: string[]): string {
  return [
    `#set page(paper: "a3", margin: ${A3.marginMm}mm)`,
    // Line box = 1 em, so leading 5 pt gives a 14 pt baseline pitch like banmian's.
    `#set text(font: "Noto Serif SC", size: ${A3.size}pt, lang: "zh", top-edge: 1em, bottom-edge: 0em)`,
    `#set par(justify: true, leading: ${A3.leading - A3.size}pt, spacing: ${A3.leading - A3.size}pt, first-line-indent: (amount: ${A3.indentEm}em, all: true))`,
    `#columns(${A3.columns}, gutter: 1em)[`,
    paragraphs.map(typstEscape).join('\n\n'),
    ']',
  ].join('\n');
}

/** react-pdf has no column flow: the paragraphs go into 6 column boxes of about equal length. */
export function reactPdfColumns(paragraphs: string[]): string[][] {
  const total = paragraphs.reduce((n, p) => n + p.length, 0);
  const cols: string[][] = [[]];
  let acc = 0;
  for (const p of paragraphs) {
    // A paragraph goes to the next column when more than half of it would pass this column's share.
    if (acc + p.length / 2 > (total / A3.columns) * cols.length && cols.length < A3.columns) cols.push([]);
    cols[cols.length - 1].push(p);
    acc += p.length;
  }
  return cols;
}

export const a3Points = () => ({
  width: A3.widthMm * MM,
  height: A3.heightMm * MM,
  margin: A3.marginMm * MM,
  gutter: A3.size,
});

/**
 * Write everything the peers read, so that they load nothing of banmian: a3.txt and a3.json
 * (banmian), a3.typ (Typst), and a3-peer.json with the font, the page geometry and, for each warm
 * run k = 1…warmRuns, every engine's input with fresh text (variantParagraphs).
 */
export function writeA3Inputs(dir: string, warmRuns: number): void {
  const paragraphs = bodyParagraphs();
  writeFileSync(join(dir, 'a3.txt'), banmianText(paragraphs));
  writeFileSync(join(dir, 'a3.json'), JSON.stringify(banmianLayout(join(dir, 'a3.txt')), null, 1));
  const set = banmianParagraphs(paragraphs);
  writeFileSync(join(dir, 'a3.typ'), typstSource(set));
  const p = a3Points();
  const runs = Array.from({ length: warmRuns }, (_, i) => i + 1);
  // Warm run k: the same text for every engine (what banmian sets from banmianText, byline included).
  const sets = new Map([0, ...runs].map((k) => [k, k === 0 ? set : banmianParagraphs(variantParagraphs(paragraphs, k))]));
  const peer = {
    fontFile: SERIF_TTF,
    fontDir: dirname(SERIF_TTF),
    page: { margin: p.margin, gutter: p.gutter, columns: A3.columns, size: A3.size, leading: A3.leading, indentEm: A3.indentEm, colWidth: (p.width - 2 * p.margin - (A3.columns - 1) * p.gutter) / A3.columns },
    typst: runs.map((k) => typstSource(sets.get(k)!)),
    react: [0, ...runs].map((k) => reactPdfColumns(sets.get(k)!)),
    banmian: runs.map((k) => banmianText(variantParagraphs(paragraphs, k))),
  };
  writeFileSync(join(dir, 'a3-peer.json'), JSON.stringify(peer));
}
