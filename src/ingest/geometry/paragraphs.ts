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
  /** The face the byline is set in (set with it). */
  bylineFace?: RunFace;
  subheads: { text: string; lines: string[]; boxes: LineBox[]; beforeParagraph: number }[];
  /** A credit line (… 摄) found at the end, for captions. */
  credit?: { text: string; box: LineBox };
  /** What stands before the credit on its line: a tab (flush right), an ideographic space (a gap), or nothing (a line of its own). */
  creditSep?: string;
  /** Per paragraph: a run-in at its head in another face (a short-news item's title), if any. */
  runIns: (RunIn | undefined)[];
  /** Per paragraph: it ends with a signature in brackets set apart (（陈佳 林松）), or is one. */
  signed: boolean[];
}

/** The face of a run of glyphs (a byline, an item's title): its font's name and whether it is bold. */
export interface RunFace {
  font: string;
  bold: boolean;
}

/** A run-in title as it stood, and its face. */
export interface RunIn {
  text: string;
  face: RunFace;
}

const faceOf = (run: readonly LineGlyph[], fonts: readonly PdfFont[]): RunFace => ({
  font: fonts[run[0].font]?.name ?? '',
  bold: !!fonts[run[0].font]?.bold || run.filter((g) => g.overprinted).length * 2 > run.length,
});

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
    // The space keeps its width: a word space between Latin words; between Chinese characters (names in
    // a byline) a quarter em (U+2005), half an em (a space) or a full one (U+3000), as it stood.
    if (latin && extra > 0.15 * em) out += ' ';
    else if (!ownWhite && !mixed && extra > 0.2 * em) out += extra < 0.4 * em ? '\u2005' : extra < 0.75 * em ? ' ' : '\u3000';
    out += b.known ? b.text : '';
  }
  return out;
}

const compact = (s: string) => s.replace(/\s+/g, '');

/** A line's box as the Source keeps it: text, place, face, and where each character stood. */
export function lineBox(l: ColumnLine, text: string, column: number, align: LineBox['align'], fonts: readonly PdfFont[]): LineBox {
  const xs = originsOf(l, text);
  return { text, bbox: l.bbox, baseline: l.baseline, size: l.size, font: fonts[l.font]?.name ?? '', bold: l.bold, column, align, ...(l.unknown ? { unknown: l.unknown } : {}), ...(xs ? { xs } : {}) };
}

/** Each non-space character's origin x on the line (a ligature's characters share its advance), if the line's glyphs spell `text`. */
function originsOf(l: ColumnLine, text: string): number[] | undefined {
  const xs: number[] = [];
  let spelled = '';
  for (const g of l.glyphs) {
    if (!g.known) continue;
    const chars = [...g.text];
    chars.forEach((c, k) => {
      xs.push(Math.round((g.x + (k * g.advance) / chars.length) * 100) / 100);
      spelled += c;
    });
  }
  return spelled === text.replace(/\s+/g, '') ? xs : undefined;
}

/**
 * Where a signature or credit set flush right at a line's end begins, when a gap of more than an em
 * (beyond the line's usual spacing) stands before it: the x of its first glyph.
 */
function signatureGap(l: ColumnLine, em: number): number | undefined {
  const g = l.glyphs;
  let best = -1, widest = 0;
  for (let i = 1; i < g.length; i++) {
    const gap = g[i].x - (g[i - 1].x + nominalWidth(g[i - 1]));
    if (gap > widest) (widest = gap), (best = i);
  }
  if (best < 1 || widest < em) return undefined;
  const after = g.slice(best).map((x) => x.text).join('');
  return isSignature(after) || isCredit(after) ? g[best].x : undefined;
}

/**
 * A caption: its lines as they stood (a piece set apart on a line after a gap, a credit flush right
 * after a tab), one paragraph of text, and the credit (… 摄) at its end, which may begin after the
 * text on a line and run on to the next, or stand on lines of its own in its own face.
 */
function captionParagraphs(stacks: readonly Stack[], fonts: readonly PdfFont[]): Paragraphs {
  type Piece = { text: string; sep: string; line: number; font: number; box: LineBox };
  const pieces: Piece[] = [];
  // A caption is small and set on its own: its lines are its pieces by baseline, read left to right
  // (a credit set apart on a line may have been taken for a column of its own).
  const all = stacks.flatMap((s) => s.lines.flatMap((l) => (l.tail ? splitTail(l) : [l])));
  const x0 = Math.min(...stacks.map((s) => s.x0));
  const x1 = Math.max(...stacks.map((s) => s.x1));
  const rows: ColumnLine[][] = [];
  for (const l of [...all].sort((a, b) => a.baseline - b.baseline || a.bbox[0] - b.bbox[0])) {
    const row = rows.find((r) => Math.abs(r[0].baseline - l.baseline) < 0.25 * l.size);
    if (row) row.push(l);
    else rows.push([l]);
  }
  rows.forEach((row, no) => {
    row.sort((a, b) => a.bbox[0] - b.bbox[0]);
    row.forEach((l, k) => {
      const em = l.size;
      const tailAt = k === row.length - 1 ? signatureGap(l, em) : undefined;
      const parts = tailAt !== undefined ? [l.glyphs.filter((g) => g.x < tailAt), l.glyphs.filter((g) => g.x >= tailAt)] : [l.glyphs];
      parts.forEach((glyphs, j) => {
        const first = j === 0 && k === 0;
        const endsAtMargin = x1 - l.bbox[2] < 3 * em;
        const lastOnLine = k === row.length - 1 && j === parts.length - 1;
        // A piece after a gap: after an ideographic space when the gap is about an em; flush right (a tab)
        // when it ends the line at the measure's end after a wider gap.
        const prevEnd = pieces.length && pieces[pieces.length - 1].line === no ? pieces[pieces.length - 1].box.bbox[2] : l.bbox[0];
        const gap = (glyphs[0]?.x ?? l.bbox[0]) - prevEnd;
        const sep = first ? (l.bbox[0] - x0 > 4 * em && endsAtMargin ? '\t' : '') : lastOnLine && endsAtMargin && gap > 2 * em ? '\t' : '\u3000';
        const text = spacedText(glyphs);
        const last = glyphs[glyphs.length - 1];
        const own: ColumnLine = parts.length > 1 && last ? { ...l, glyphs, bbox: [glyphs[0].x, l.bbox[1], last.x + nominalWidth(last), l.bbox[3]] } : l;
        pieces.push({ text, sep, line: no, font: glyphs[0]?.font ?? l.font, box: lineBox(own, text, 0, sep === '\t' ? 'end' : 'start', fonts) });
      });
    });
  });
  const lines = rows;
  // The credit: the last piece that reads as one, with the pieces before it in its own face (its head).
  let c = -1;
  for (let i = pieces.length - 1; i >= 0 && c < 0; i--) if (isCredit(pieces[i].text)) c = i;
  // A credit run on straight after the caption's last sentence, with no gap (…召开。本报记者 刘梦涛 摄):
  // the piece splits after that sentence's stop.
  if (c >= 0) {
    const t = pieces[c].text;
    const stop = Math.max(t.lastIndexOf('。'), t.lastIndexOf('！'), t.lastIndexOf('？'));
    if (stop >= 0 && stop < t.length - 1 && isCredit(t.slice(stop + 1))) {
      const head = t.slice(0, stop + 1), tail = t.slice(stop + 1);
      const n = head.replace(/\s+/g, '').length;
      const xs = pieces[c].box.xs;
      const part = (text: string, from: number, to?: number): LineBox => ({ ...pieces[c].box, text, ...(xs ? { xs: xs.slice(from, to) } : {}) });
      pieces.splice(c, 1, { ...pieces[c], text: head, box: part(head, 0, n) }, { ...pieces[c], text: tail, sep: '', box: part(tail, n) });
      c++;
    }
  }
  if (c >= 0) {
    const face = pieces[c].font;
    const textFace = pieces[0].font;
    while (c > 0 && face !== textFace && pieces[c - 1].font === face) c--;
    // …or its head is the piece set apart at the end of the line above (本报记 / 者 孙思秋 摄).
    const startsLine = c === 0 || pieces[c - 1].line !== pieces[c].line;
    const prev = pieces[c - 1];
    if (startsLine && prev && prev.line === pieces[c].line - 1 && c >= 2 && pieces[c - 2].line === prev.line) c--;
  }
  const textPieces = c >= 0 ? pieces.slice(0, c) : pieces;
  const creditPieces = c >= 0 ? pieces.slice(c) : [];
  const out: Paragraphs = { paragraphs: [], lines: [], boxes: [], subheads: [], runIns: [], signed: [] };
  // The lines as they stood, text and credit alike (what the typesetter keeps).
  const asStood = lines.map((_, no) => pieces.filter((p) => p.line === no).map((p) => p.sep + p.text).join(''));
  out.lines.push(asStood);
  out.boxes.push(pieces.map((p) => p.box));
  out.paragraphs.push(textPieces.map((p) => compactKeepingWords(p.text)).join(''));
  out.runIns.push(undefined);
  out.signed.push(false);
  if (creditPieces.length) {
    const text = creditPieces.map((p) => p.text).join(' ');
    out.credit = { text, box: creditPieces.at(-1)!.box };
    out.creditSep = creditPieces[0].sep;
  }
  return out;
}

/**
 * A run-in (byline, an item's title) as it stood: set off from the text after it by a gap of an em or
 * so, it keeps an ideographic space that sets it off again; a narrower gap, still wider than the
 * quarter em a typesetter puts between Han and Latin or digits, keeps a half-em space.
 */
function runInText(run: readonly LineGlyph[], l: ColumnLine): string {
  const last = run[run.length - 1];
  const next = l.glyphs[run.length];
  const gap = next ? next.x - (last.x + nominalWidth(last)) : 0;
  return spacedText(run) + (gap > 0.8 * last.size ? '\u3000' : gap > 0.4 * last.size ? ' ' : '');
}

/** A line with a tail joined to it, as its two pieces again. */
function splitTail(l: ColumnLine): ColumnLine[] {
  const at = l.tail!.x;
  const piece = (glyphs: LineGlyph[]): ColumnLine => ({ ...l, tail: undefined, glyphs, text: glyphs.map((g) => g.text).join(''), bbox: [glyphs[0].x, l.bbox[1], glyphs[glyphs.length - 1].x + nominalWidth(glyphs[glyphs.length - 1]), l.bbox[3]] });
  const a = l.glyphs.filter((g) => g.x < at), b = l.glyphs.filter((g) => g.x >= at);
  return a.length && b.length ? [piece(a), piece(b)] : [l];
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
  if (options.caption) return captionParagraphs(stacks, fonts);
  const out: Paragraphs = { paragraphs: [], lines: [], boxes: [], subheads: [], runIns: [], signed: [] };
  // The text's own face: what most of its characters are set in (a caption's 楷体, an article's 宋体).
  const count = new Map<number, number>();
  for (const s of stacks) for (const l of s.lines) for (const g of l.glyphs) count.set(g.font, (count.get(g.font) ?? 0) + 1);
  const bodyFont = [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1;
  let current: { texts: string[]; boxes: LineBox[]; runIn?: RunIn; signed?: boolean } | undefined;
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
      // A piece set flush right at the column's end on the line (a signature) follows a tab, which sets it
      // there again; so does a short line of its own set flush right.
      // A piece set apart at the line's end that is a signature or credit (not the text after a run-in title).
      const tailAt = l.tail && (isSignature(l.tail.text) || isCredit(l.tail.text)) ? l.tail.x : signatureGap(l, em);
      const flushTail = tailAt !== undefined && s.x1 - l.bbox[2] < 3 * em;
      // What a flush-right piece stood short of the measure is kept as ideographic spaces after it.
      const short = '\u3000'.repeat(Math.max(0, Math.round((s.x1 - l.bbox[2]) / em)));
      let text = flushTail ? `${spacedText(l.glyphs.filter((g) => g.x < tailAt!))}\t${spacedText(l.glyphs.filter((g) => g.x >= tailAt!))}${short}` : spacedText(l.glyphs);
      // (Signatures stand up to a few ems off the margin in some papers: within 3 em, flush right.)
      const flushRight = !l.tail && right < 3 * em && left > 4 * em;
      if (flushRight && !options.caption) text = `\t${text}${'\u3000'.repeat(Math.max(0, Math.round(right / em)))}`;
      const mainFont = l.font;
      // A line in another face than the body, standing alone between paragraphs: a subhead.
      const otherFace = mainFont !== bodyFont && !l.glyphs.some((g) => g.font === bodyFont);
      const firstOfArticle = out.paragraphs.length === 0 && !current && !out.byline;
      // The article's first line in another face is its byline, on a line of its own (never a subhead).
      const bylineFirst = firstOfArticle && otherFace && !options.caption;
      if (!bylineFirst && (l.subhead || (otherFace && !firstOfArticle && (prevShort || k === 0) && !full)) && !options.caption) {
        close();
        out.subheads.push({ text: compact(text), lines: [text], boxes: [lineBox(l, text, column, centred ? 'center' : 'start', fonts)], beforeParagraph: out.paragraphs.length });
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
          current.boxes.push(lineBox(l, text, column, full ? 'justify' : 'start', fonts));
          prevShort = !full;
          return;
        }
      }
      if (firstOfArticle) {
        const run = leadingRun(l, bodyFont);
        if (run.length >= 2 && run.length < l.glyphs.length) (out.byline = runInText(run, l)), (out.bylineFace = faceOf(run, fonts));
        else if (run.length === l.glyphs.length && !options.caption && (s.lines.length > 1 || stacks.length > 1)) {
          // A byline on a line of its own (本报记者 王金勇).
          out.byline = text;
          out.bylineAlone = true;
          out.bylineFace = faceOf(l.glyphs, fonts);
          bylineFont = l.glyphs[0].font;
          out.lines.push([text]);
          out.boxes.push([lineBox(l, text, column, 'start', fonts)]);
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
        current = { texts: [], boxes: [], ...(run.length && run.length < l.glyphs.length ? { runIn: { text: runInText(run, l), face: faceOf(run, fonts) } } : {}) };
      }
      current!.signed = !!(l.tail && isSignature(l.tail.text)) || (current!.texts.length === 0 && isSignature(text) && right < left);
      current!.texts.push(text);
      current!.boxes.push(lineBox(l, text, column, centred ? 'center' : full ? 'justify' : 'start', fonts));
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
    if (out.paragraphs[0].startsWith(b)) {
      out.paragraphs[0] = out.paragraphs[0].slice(b.length);
      out.byline = keepOneGap(out.byline, out.paragraphs[0]);
    }
  }
  return out;
}

/**
 * A run-in and the text after it were set apart by one gap, which both may carry: the run-in its
 * separator (runInText), the text the space the line kept where the gap stood. The text's own space
 * stands (it is the gap as it was), the run-in's goes: never two spaces where the page had one.
 */
export function keepOneGap(runIn: string, rest: string): string {
  return /^\s/.test(rest) ? runIn.trimEnd() : runIn;
}

/**
 * Join a line's text into its paragraph: spaces only between Latin words and in bylines; the gaps
 * justification leaves between Chinese characters are no spaces.
 */
function compactKeepingWords(text: string): string {
  // White space but the tab and the ideographic space (they set a piece flush right, or apart, as it stood).
  return text.replace(/(?<![A-Za-z0-9.,%])[^\S\t\u3000]+|[^\S\t\u3000]+(?![A-Za-z0-9])/g, '');
}
