// Generated variants of the sample page: the same blocks set again at other line lengths, with or
// without blank lines, other line ends, other bylines, other body text. They imitate what a page
// extractor gives: hard-wrapped lines, a gap after each full-width mark, blank lines between blocks.
import { readFileSync } from 'node:fs';
import { ingest, type Block, type Source } from '../../src/ingest/index.js';
import { SAMPLE_TEXT } from './sample.js';

export const sampleText = (): string => readFileSync(SAMPLE_TEXT, 'utf8');
let cached: Source | undefined;
/** The sample page as ingest reads it (the material the variants are made of). */
export const sampleSource = (): Source => (cached ??= ingest(sampleText()));

const QUOTES = new Set([...'‘’“”']);
const OPENING = new Set([...'（〔【《〈「『']);
const GAPPED = new Set([...'。，、；：？！）〕】》〉」』']);
const NO_LINE_START = new Set([...'。，、；：？！）〕】》〉」』’”…—%']);
const WORD = /^[A-Za-z0-9.,%+\-]+/;

/** The units a line is built of: a Latin word or number (never split), a space, or one character. */
function units(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const word = WORD.exec(text.slice(i, i + 64))?.[0];
    const unit = word ?? String.fromCodePoint(text.codePointAt(i)!);
    out.push(unit);
    i += unit.length;
  }
  return out;
}

/** Width in em as the page's typesetter set it; spaces are not measured (ingest ignores them). */
function width(unit: string): number {
  if (unit === ' ') return 0;
  if (WORD.test(unit) || QUOTES.has(unit)) return unit.length * 0.5;
  return 1;
}

/** How an extractor writes a unit: full-width marks carry a positioning gap on their open side. */
const written = (unit: string): string => (GAPPED.has(unit) ? `${unit} ` : OPENING.has(unit) ? ` ${unit}` : unit);

/**
 * Hard-wrap a paragraph at `em` (the first line `indent` em shorter). A mark that may not start a
 * line hangs at the end of the line before, as the original typesetter's kinsoku did.
 */
export function wrap(text: string, em: number, indent = 2): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  let limit = em - indent;
  for (const u of units(text)) {
    const uw = width(u);
    if (w + uw > limit && line !== '' && !NO_LINE_START.has(u)) {
      lines.push(line);
      [line, w, limit] = ['', 0, em];
      if (u === ' ') continue;
    }
    line += written(u);
    w += uw;
  }
  if (line) lines.push(line);
  return lines;
}

export interface VariantOptions {
  /** Line length of the articles in em (the sample's own: 14–24). */
  em?: number;
  /** Line length of the sidebar. */
  sidebarEm?: number;
  /** Blank lines between blocks and around headings (the sample has them). */
  blankLines?: boolean;
  /** Line end. */
  eol?: '\n' | '\r\n';
  /** Replace an article's byline (by article id); '' leaves the article without one. A byline ending in a newline stands on its own line. */
  bylines?: Record<string, string>;
  /** Rewrite an article's paragraph. */
  paragraph?: (text: string, article: string, index: number) => string;
  /** Only these block ids (default all). */
  only?: string[];
}

/**
 * The sample page set again from its blocks: articles (with their subheads in place), the
 * vertical headline one character a line, the headline groups out of reading order, the sidebar,
 * the captions with their credits and the slogan, in the sample's order.
 */
export function variant(options: VariantOptions = {}): string {
  const { em, sidebarEm = 11, blankLines = true, eol = '\n' } = options;
  const source = sampleSource();
  const chunks: string[][] = [];
  const wanted = (b: Block) => !options.only || options.only.includes(b.id);
  for (const b of source.blocks) {
    if (!wanted(b) || b.kind === 'subhead') continue;
    switch (b.kind) {
      case 'article': {
        const L = em ?? b.lineLength;
        const byline = options.bylines?.[b.id] ?? b.byline ?? '';
        const alone = byline.endsWith('\n');
        const paragraphs = b.paragraphs.map((p, i) => options.paragraph?.(p, b.id, i) ?? p);
        const chunk: string[] = alone ? byline.trim().split('\n') : [];
        paragraphs.forEach((p, i) => {
          for (const s of source.blocks.filter((x) => x.within?.article === b.id && x.within.beforeParagraph === i)) {
            if (blankLines) chunk.push('');
            chunk.push(...headingLines(s.paragraphs[0], L));
            if (blankLines) chunk.push('');
          }
          chunk.push(...wrap(i === 0 && !alone ? byline + p : p, L));
        });
        chunks.push(chunk);
        break;
      }
      case 'vertical-headline': {
        const chunk: string[] = [];
        [...b.columns!, ...(b.subtitle ? [b.subtitle] : [])].forEach((c, k) => {
          if (k > 0 && blankLines) chunk.push('');
          chunk.push(...c);
        });
        chunks.push(chunk);
        break;
      }
      case 'headline-group':
        for (const p of b.paragraphs) chunks.push([p]);
        break;
      case 'sidebar':
        chunks.push(b.paragraphs.flatMap((p) => wrap(p, sidebarEm)));
        break;
      case 'caption': {
        const text = (b.arrow ? `${b.arrow} ` : '') + b.paragraphs[0];
        if (b.lines[0].length === 1) chunks.push([`${text} ${b.credit}`]);
        else chunks.push([...wrap(text, 18, 0)], [b.credit!]);
        break;
      }
      default:
        chunks.push(b.paragraphs);
    }
  }
  return chunks.map((c) => c.join(eol)).join(blankLines ? eol + eol : eol) + eol;
}

/** A subhead on one line if it fits well inside the column, else on two of about equal length. */
function headingLines(text: string, em: number): string[] {
  const total = units(text).reduce((w, u) => w + width(u), 0);
  return total <= Math.min(em * 0.85, em - 2.5) ? [text] : wrap(text, Math.ceil(total / 2) + 0.5, 0).map((l) => l.trim());
}

/** Encode text as GB18030 (two-byte codes only, which cover everything the sample holds but U+FFFD). */
export function encodeGb18030(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const c = decoder.decode(new Uint8Array([lead, trail]));
      if (c.length === 1 && c !== '\uFFFD' && !table.has(c)) table.set(c, [lead, trail]);
    }
  const bytes: number[] = [];
  for (const c of text) {
    if (c.codePointAt(0)! < 0x80) bytes.push(c.codePointAt(0)!);
    else if (table.has(c)) bytes.push(...table.get(c)!);
    else throw new Error(`no two-byte GB18030 code for ${c} (U+${c.codePointAt(0)!.toString(16)})`);
  }
  return new Uint8Array(bytes);
}

/** UTF-16 bytes, little- or big-endian, with or without a byte order mark. */
export function encodeUtf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (endian === 'le') return new Uint8Array(le);
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
  return new Uint8Array(be);
}
