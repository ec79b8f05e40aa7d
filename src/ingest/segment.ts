import { endsSentence, endsSentenceSurely, inferLineLength, lineWidth, endsParagraph, LineLengthTally } from './paragraphs.js';
import { isNamesLine } from './byline.js';
import { classifyLine, looksLikeHeading, type LineKind } from './lines.js';
import { withoutLongFakeBold, type CleanLine } from './normalize.js';
import { mayNotStart } from '../text/breaks.js';

/** A block as segmentation finds it: raw material for `build.ts`. */
export type Draft =
  | { kind: 'article'; lines: CleanLine[]; subheads: { line: CleanLine; at: number }[] }
  | { kind: 'sidebar'; lines: CleanLine[]; subheads: { line: CleanLine; at: number }[] }
  | { kind: 'vertical'; lines: (CleanLine | null)[] }
  | { kind: 'headings'; lines: CleanLine[]; /** set when the lines stand right before an article's byline: they are its headline */ leadsArticle?: boolean }
  | { kind: 'caption'; lines: CleanLine[]; credit?: CleanLine }
  | { kind: 'slogan'; lines: CleanLine[] }
  | { kind: 'unknown'; lines: CleanLine[] };

/** The article or sidebar lines are joining. */
type OpenBlock = Extract<Draft, { kind: 'article' | 'sidebar' }>;

interface Line extends CleanLine {
  kind: LineKind;
  blankBefore: boolean;
  blankAfter: boolean;
}

/** Marks inside a sentence: a line holding one is body text unless a blank line sets it apart. */
const CLAUSE_MARK = /[，、；：“”‘’（）《》]/u;

/** How many following vertical-char lines make a vertical headline rather than stray fragments. */
const MIN_VERTICAL_RUN = 3;

/** How much shorter than its block's lines a heading inside the block must be: more than the 2 em of an indented first line (a paragraph's first line cut off by a frame break), with ½ em to spare. */
const headingLimit = (lineLength: number) => Math.max(Math.min(lineLength * 0.85, lineLength - 3), 8);

/**
 * Cut the cleaned lines into drafts of blocks. Reading order is the order of the text, except for
 * headline groups, which extraction often puts elsewhere: they are collected as `headings` drafts
 * and paired with their articles later. `asHeading` is applied to every line taken as a heading
 * (it undoes fake-bold there, and only there).
 */
export function segment(input: readonly (CleanLine | null)[], asHeading: (line: CleanLine) => CleanLine = (l) => l): Draft[] {
  const lines: Line[] = [];
  input.forEach((l, i) => {
    if (!l || l.text === '') return;
    lines.push({ ...l, kind: classifyLine(l.text), blankBefore: !input[i - 1] || input[i - 1]!.text === '', blankAfter: !input[i + 1] || input[i + 1]!.text === '' });
  });

  const drafts: Draft[] = [];
  // Typed by assertion: it is only reassigned inside begin() and close(), which narrowing does not see.
  let open = null as OpenBlock | null;
  // The open block's line length, tallied as lines join it (recomputing it per line is quadratic).
  let tally = new LineLengthTally();
  let pending: CleanLine[] = [];
  let lastText: Line | null = null;

  const flushHeadings = (leadsArticle = false) => {
    if (pending.length) drafts.push({ kind: 'headings', lines: pending, ...(leadsArticle && { leadsArticle }) });
    pending = [];
  };
  const close = () => {
    if (open) drafts.push(open);
    open = null;
  };
  /** Open a new article or sidebar block, with a fresh line-length tally. */
  const begin = (kind: OpenBlock['kind']): OpenBlock => {
    const block: OpenBlock = { kind, lines: [], subheads: [] };
    open = block;
    tally = new LineLengthTally();
    return block;
  };
  /**
   * Add a line to the open block. Marks that may not begin a line, at the head of one, hung past the
   * end of the line before (extraction puts them on a line of their own or at the next line's start):
   * they go back to that line, so a lone 。 is no line and a line starting with ， no paragraph start.
   */
  const append = (block: OpenBlock, line: Line) => {
    const prev = block.lines.at(-1);
    const hung = prev ? hangingMarks(line.text) : '';
    if (prev && hung) {
      // The hung marks stood outside the measure: the line's width stays what it was.
      const joined = (block.lines[block.lines.length - 1] = { ...prev, text: prev.text + hung });
      const rest = line.text.slice(hung.length).trimStart();
      if (!rest) {
        lastText = joined as Line;
        return;
      }
      line = { ...line, text: rest, width: line.width - lineWidth(hung) };
    }
    block.lines.push(line);
    tally.add(line);
    lastText = line;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind === 'vertical-char' && countVerticalRun(lines, i) >= MIN_VERTICAL_RUN) {
      close();
      flushHeadings();
      const run: (CleanLine | null)[] = [];
      while (i < lines.length && lines[i].kind === 'vertical-char') {
        if (run.length && lines[i].blankBefore) run.push(null);
        run.push(lines[i]);
        i++;
      }
      i--;
      drafts.push({ kind: 'vertical', lines: run });
      lastText = null;
      continue;
    }
    switch (line.kind) {
      case 'slogan':
        close();
        flushHeadings();
        drafts.push({ kind: 'slogan', lines: [line] });
        continue;
      case 'credit': {
        const last = drafts.at(-1);
        if (!open && last?.kind === 'caption' && !last.credit) last.credit = line;
        else {
          close();
          drafts.push({ kind: 'unknown', lines: [line] });
        }
        continue;
      }
      case 'caption-start': {
        close();
        flushHeadings();
        const caption: Extract<Draft, { kind: 'caption' }> = { kind: 'caption', lines: [line] };
        // The caption goes on to the end of its sentence or to its credit (… 摄); a new sentence
        // that starts a line (图为…) right under it, with no blank line between, is the same caption.
        const last = () => caption.lines.at(-1)!.text;
        const goesOn = (next: Line) =>
          (next.kind === 'text' && !endsSentenceSurely(last()) && !/摄$/u.test(last())) || (next.kind === 'caption-start' && next.text.startsWith('图为') && !next.blankBefore);
        while (i + 1 < lines.length && goesOn(lines[i + 1])) caption.lines.push(lines[++i]);
        drafts.push(caption);
        continue;
      }
      case 'byline':
        // 本报记者 王金勇 / 通讯员 刘涛: a byline of names may take several lines.
        if (open?.kind === 'article' && isNamesLine(line.text) && open.lines.every((l) => isNamesLine(l.text))) {
          append(open, line);
          continue;
        }
        close();
        flushHeadings(true);
        append(begin('article'), line);
        continue;
    }
    // A plain text line: a heading, or body text of the open block.
    const currentLength = open ? tally.value : 0;
    const headingJustBefore = pending.length > 0 && pending.at(-1)!.no === lines[i - 1]?.no;
    if (isHeading(lines, i, lastText, currentLength, headingJustBefore)) {
      pending.push(asHeading(line));
      continue;
    }
    if (pending.length) {
      const nextLength = inferLineLength(upcomingBody(lines, i));
      // One subhead (of one or two lines) goes on with the block; a run of headings is headlines.
      if (open && pending.length <= 2 && Math.abs(nextLength - currentLength) <= 1) {
        for (const h of pending) open.subheads.push({ line: h, at: open.lines.length });
        pending = [];
      } else {
        close();
        flushHeadings();
      }
    }
    append(open ?? begin('sidebar'), line);
  }
  close();
  flushHeadings();
  return unbylinedArticles(drafts);
}

/**
 * Body text without a byline is a sidebar (a box) when it is set narrower than every article with a
 * byline; otherwise, and on a page with no byline at all, it is an article whose byline is missing.
 */
function unbylinedArticles(drafts: Draft[]): Draft[] {
  const widths = drafts.flatMap((d) => (d.kind === 'article' ? [inferLineLength(d.lines)] : []));
  const narrowest = widths.reduce((a, b) => Math.min(a, b), Infinity);
  return drafts.map((d) => (d.kind === 'sidebar' && (widths.length === 0 || inferLineLength(d.lines) >= narrowest) ? { ...d, kind: 'article' } : d));
}

/**
 * Is line i a heading (a subhead inside the open block, or a headline line)? It comes after a
 * finished sentence, does not end a clause, and stands apart from the body: short between blank
 * lines, or (in text without blank lines) short with the block's body going on at full width after
 * it, or one of a run of heading lines, or wider than the column it interrupts.
 */
function isHeading(lines: readonly Line[], i: number, lastText: Line | null, lineLength: number, headingJustBefore: boolean): boolean {
  const line = lines[i];
  const next = lines[i + 1];
  if (lastText && !endsSentence(lastText.text)) return false;
  const limit = lineLength ? headingLimit(lineLength) : 30;
  const short = (l: Line) => looksLikeHeading(withoutLongFakeBold(l.text), limit);
  const isolated = (l: Line | undefined) => l?.kind === 'text' && l.blankBefore && l.blankAfter;
  const afterParagraph = line.blankBefore || !lastText || endsParagraph(lastText, lineLength || 99);
  if (line.blankAfter && afterParagraph) {
    if (short(line)) return true;
    // A line too wide for the column, or the first of a run of short isolated lines: headlines
    // that extraction put after the body (a body line here would be a paragraph's first line).
    const plausible = looksLikeHeading(withoutLongFakeBold(line.text), 30);
    return plausible && lineLength > 0 && (line.width > lineLength + 1 || (isolated(next) && short(next!)));
  }
  if (!short(line)) return false;
  // No blank line after it: the body goes on at full width (then the line holds no clause marks,
  // which a paragraph's short first line would), or it is the first of a subhead's two lines.
  if (lineLength && continuesAt(next, lineLength)) return !CLAUSE_MARK.test(line.text);
  // A run of short lines without a mark between them, or one right above a byline: headlines
  // (body text has one short line, its last).
  const bare = (l: Line | undefined) => l?.kind === 'text' && short(l) && !CLAUSE_MARK.test(l.text) && !endsSentence(l.text);
  if (bare(line) && (headingJustBefore || (afterParagraph && (bare(next) || next?.kind === 'byline')))) return true;
  return lineLength > 0 && afterParagraph && next?.kind === 'text' && next.blankAfter && short(next) && continuesAt(lines[i + 2], lineLength);
}

/** The marks at the head of a line that may not begin one (with the gaps between them). */
function hangingMarks(text: string): string {
  let i = 0;
  for (const c of text) {
    if (c !== ' ' && !mayNotStart(c)) break;
    i += c.length;
  }
  return text.slice(0, i).trimEnd();
}

/** Is this a body line of a block set `lineLength` em wide (an indented first line or a full one)? */
const continuesAt = (line: Line | undefined, lineLength: number): boolean => line?.kind === 'text' && line.width >= lineLength - 2.5;

function countVerticalRun(lines: readonly Line[], from: number): number {
  let n = 0;
  while (from + n < lines.length && lines[from + n].kind === 'vertical-char') n++;
  return n;
}

/** The next few body lines from `from`, to learn their line length. */
function upcomingBody(lines: readonly Line[], from: number): CleanLine[] {
  const out: CleanLine[] = [];
  for (let i = from; i < lines.length && out.length < 8; i++) {
    if (lines[i].kind !== 'text') break;
    if (lineWidth(lines[i].text) > 0) out.push(lines[i]);
  }
  return out;
}
