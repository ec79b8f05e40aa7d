import { nominalWidth, type LineGlyph } from '../../pdf/lines.js';
import type { PdfFont } from '../../pdf/types.js';
import type { LineBox } from '../types.js';
import type { ColumnLine, Stack } from './stacks.js';

/**
 * An article's stacks (in reading order) → paragraphs, from what the page shows: a paragraph starts
 * at an indented line or after a line that stops short of the column's end (justified text fills
 * every other line); a run-in byline in another face heads the first paragraph; a line in another
 * face standing between paragraphs is a subhead.
 */

export interface Paragraphs {
  paragraphs: string[];
  lines: string[][];
  boxes: LineBox[][];
  byline?: string;
  bylineAlone?: boolean;
  subheads: { text: string; lines: string[]; boxes: LineBox[]; beforeParagraph: number }[];
  /** A credit line (… 摄) found at the end, for captions. */
  credit?: { text: string; box: LineBox };
  /** Per paragraph: a run-in at its head in another face (a short-news item's title), if any. */
  runIns: (string | undefined)[];
  /** Per paragraph: it ends with a signature in brackets set apart (（陈佳 林松）), or is one. */
  signed: boolean[];
}

/** A signature: the authors' names in brackets, closing a short news item (（陈玲玲 林娟）). */
export const isSignature = (text: string) => /^[（(][^（()）]{1,24}[）)]$/.test(text.trim());

/** A line ends short of the column's end by more than this (em): a paragraph's last line. */
const SHORT_EM = 0.6;
/** A line starting this far (em) inside the column is indented: Chinese paragraphs indent 2 em (less with a hanging quote). */
const INDENT_EM = 1.2;

/**
 * The line's text with a space where the page shows a visible gap: between two Latin words, or a
 * gap much wider than the line's usual spacing (between the names of a byline). Justification
 * spreads a line evenly, so a gap is measured against the line's median gap.
 */
export function spacedText(glyphs: readonly LineGlyph[]): string {
  if (glyphs.length < 2) return glyphs.map((g) => (g.known ? g.text : '')).join('');
  const gaps: number[] = [];
  for (let i = 1; i < glyphs.length; i++) gaps.push(glyphs[i].x - (glyphs[i - 1].x + nominalWidth(glyphs[i - 1])));
  const typical = [...gaps].sort((a, b) => a - b)[gaps.length >> 1];
  let out = glyphs[0].known ? glyphs[0].text : '';
  for (let i = 1; i < glyphs.length; i++) {
    const a = glyphs[i - 1], b = glyphs[i];
    const em = Math.max(a.size, b.size);
    const extra = gaps[i - 1] - Math.max(typical, 0);
    const latin = /[A-Za-z0-9]$/.test(a.text) && /^[A-Za-z0-9]/.test(b.text);
    // Between Han and Latin or digits the gap is the typesetter's Han–Latin spacing, never a space.
    const mixed = /[A-Za-z0-9]$/.test(a.text) !== /^[A-Za-z0-9]/.test(b.text);
    // Brackets, quotes and stops carry blank half-ems of their own: a gap next to them is no space.
    const ownWhite = /[（(〔［【《〈“‘「『]/.test(b.text) || /[）)〕］】》〉”’」』，。、；：！？]/.test(a.text);
    // A quarter em or so is the gap between names in a byline; a word space between Latin words is about as wide.
    if ((latin && extra > 0.15 * em) || (!ownWhite && !mixed && extra > 0.2 * em)) out += ' ';
    out += b.known ? b.text : '';
  }
  return out;
}

const compact = (s: string) => s.replace(/\s+/g, '');

function box(l: ColumnLine, text: string, column: number, align: LineBox['align'], fonts: readonly PdfFont[]): LineBox {
  return { text, bbox: l.bbox, baseline: l.baseline, size: l.size, font: fonts[l.font]?.name ?? '', bold: l.bold, column, align, ...(l.unknown ? { unknown: l.unknown } : {}) };
}

/** A run of glyphs at the start of a line in another font than the body's (a byline in 黑体). */
function leadingRun(l: ColumnLine, bodyFont: number): LineGlyph[] {
  const run: LineGlyph[] = [];
  for (const g of l.glyphs) {
    if (g.font === bodyFont) break;
    run.push(g);
  }
  return run;
}

/** A credit (… 摄, 摄影 …, 图/ …): the photographer's line, by the convention every Chinese paper follows. */
export const isCredit = (text: string) => /摄$|摄）$|摄\)$|^\s*[（(]?\s*(摄影|图\s*[/／:：])/.test(text.trim());

export function buildParagraphs(stacks: readonly Stack[], fonts: readonly PdfFont[], options: { caption?: boolean } = {}): Paragraphs {
  const out: Paragraphs = { paragraphs: [], lines: [], boxes: [], subheads: [], runIns: [], signed: [] };
  // The text's own face: what most of its characters are set in (a caption's 楷体, an article's 宋体).
  const count = new Map<number, number>();
  for (const s of stacks) for (const l of s.lines) for (const g of l.glyphs) count.set(g.font, (count.get(g.font) ?? 0) + 1);
  const bodyFont = [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1;
  let current: { texts: string[]; boxes: LineBox[]; runIn?: string; signed?: boolean } | undefined;
  const close = () => {
    if (!current) return;
    out.lines.push(current.texts);
    out.boxes.push(current.boxes);
    out.paragraphs.push(current.texts.map(compactKeepingWords).join(''));
    out.runIns.push(current.runIn);
    out.signed.push(!!current.signed);
    current = undefined;
  };
  let prevShort = true;
  // A byline alone on its line may run on into the next line (its run in the byline's face).
  let bylineFont = -1;
  stacks.forEach((s, column) => {
    const em = s.size;
    s.lines.forEach((l, k) => {
      const left = l.bbox[0] - s.x0;
      const right = s.x1 - l.bbox[2];
      const full = right < SHORT_EM * em;
      const centred = left > INDENT_EM * em && right > INDENT_EM * em && Math.abs(left - right) < 1.5 * em;
      const indented = left >= INDENT_EM * em && !centred;
      let text = spacedText(l.glyphs);
      const mainFont = l.font;
      // A line in another face than the body, standing alone between paragraphs: a subhead.
      const otherFace = mainFont !== bodyFont && !l.glyphs.some((g) => g.font === bodyFont);
      const firstOfArticle = out.paragraphs.length === 0 && !current && !out.byline;
      // The article's first line in another face is its byline, on a line of its own (never a subhead).
      const bylineFirst = firstOfArticle && otherFace && !options.caption;
      if (!bylineFirst && (l.subhead || (otherFace && !firstOfArticle && (prevShort || k === 0) && !full)) && !options.caption) {
        close();
        out.subheads.push({ text: compact(text), lines: [text], boxes: [box(l, text, column, centred ? 'center' : 'start', fonts)], beforeParagraph: out.paragraphs.length });
        prevShort = true;
        return;
      }
      if (options.caption && l.tail && isCredit(l.tail.text)) {
        // The credit set flush right on the caption's last line.
        out.credit = { text: l.tail.text, box: box(l, l.tail.text, column, 'end', fonts) };
        text = text.slice(0, text.length - l.tail.text.length).trimEnd();
      } else if (options.caption && isCredit(text) && (k === s.lines.length - 1 || !full)) {
        // A credit may run over two lines: the lines just above it in its face (not the caption's) are its head.
        const head: string[] = [];
        const prev = k > 0 ? s.lines[k - 1] : undefined;
        if (prev?.tail && current?.texts.length) {
          // The credit began after the caption's text, set apart on the line above.
          const t = current.texts[current.texts.length - 1];
          current.texts[current.texts.length - 1] = t.slice(0, t.length - prev.tail.text.length).trimEnd();
          head.push(prev.tail.text);
        } else
          for (let j = k - 1; j >= 0 && s.lines[j].font === l.font && l.font !== bodyFont && current?.texts.length; j--) {
            head.unshift(current.texts.pop()!);
            current.boxes.pop();
          }
        if (current && !current.texts.length) current = undefined;
        if (current) current.boxes = current.boxes.map((b, i) => (i === current!.boxes.length - 1 ? { ...b, text: current!.texts[i] } : b));
        close();
        const credit = [...head, text].join(' ');
        out.credit = { text: credit, box: box(l, credit, column, right < left ? 'end' : 'start', fonts) };
        prevShort = true;
        return;
      }
      if (bylineFont >= 0) {
        const run = leadingRun(l, bodyFont);
        bylineFont = -1;
        if (run.length && run.length < l.glyphs.length && run.every((g) => g.font === run[0].font)) {
          out.byline = `${out.byline}${spacedText(run)}`;
          out.bylineAlone = false;
          // The byline's first line heads this paragraph.
          out.lines.pop();
          const first = out.boxes.pop()!;
          current = { texts: [first[0].text], boxes: [first[0]] };
          out.paragraphs.pop();
          out.runIns.pop();
          out.signed.pop();
          current.texts.push(text);
          current.boxes.push(box(l, text, column, full ? 'justify' : 'start', fonts));
          prevShort = !full;
          return;
        }
      }
      if (firstOfArticle) {
        const run = leadingRun(l, bodyFont);
        if (run.length >= 2 && run.length < l.glyphs.length) out.byline = spacedText(run);
        else if (run.length === l.glyphs.length && !options.caption && (s.lines.length > 1 || stacks.length > 1)) {
          // A byline on a line of its own (本报记者 王金勇).
          out.byline = text;
          out.bylineAlone = true;
          bylineFont = l.glyphs[0].font;
          out.lines.push([text]);
          out.boxes.push([box(l, text, column, 'start', fonts)]);
          out.paragraphs.push('');
          out.runIns.push(undefined);
          out.signed.push(false);
          // The byline's own "paragraph" is folded into the first real one below.
          prevShort = true;
          return;
        }
      }
      const starts = !current || indented || prevShort || centred;
      if (starts) {
        close();
        const run = leadingRun(l, bodyFont);
        current = { texts: [], boxes: [], ...(run.length && run.length < l.glyphs.length ? { runIn: spacedText(run) } : {}) };
      }
      current!.signed = !!(l.tail && isSignature(l.tail.text)) || (current!.texts.length === 0 && isSignature(text) && right < left);
      current!.texts.push(text);
      current!.boxes.push(box(l, text, column, centred ? 'center' : full ? 'justify' : 'start', fonts));
      prevShort = !full || centred;
    });
  });
  close();
  // A byline alone: its line heads the first paragraph's lines, as on the text path.
  if (out.bylineAlone && out.paragraphs[0] === '' && out.paragraphs.length > 1) {
    out.lines[1].unshift(...out.lines[0]);
    out.boxes[1].unshift(...out.boxes[0]);
    out.lines.shift();
    out.boxes.shift();
    out.paragraphs.shift();
    out.runIns.shift();
    out.signed.shift();
    out.subheads.forEach((h) => h.beforeParagraph--);
  }
  // The byline is not part of the first paragraph's text (it is run in by the typesetter).
  if (out.byline && !out.bylineAlone && out.paragraphs.length) {
    const b = compact(out.byline);
    if (out.paragraphs[0].startsWith(b)) out.paragraphs[0] = out.paragraphs[0].slice(b.length);
  }
  return out;
}

/**
 * Join a line's text into its paragraph: spaces only between Latin words and in bylines; the gaps
 * justification leaves between Chinese characters are no spaces.
 */
function compactKeepingWords(text: string): string {
  return text.replace(/(?<![A-Za-z0-9.,%])\s+|\s+(?![A-Za-z0-9])/g, '');
}
