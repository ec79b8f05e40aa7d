import { endsSentence, inferLineLength, lineWidth, endsParagraph } from './paragraphs.js';
import { classifyLine, looksLikeHeading, type LineKind } from './lines.js';
import type { CleanLine } from './normalize.js';

/** A block as segmentation finds it: raw material for `build.ts`. */
export type Draft =
  | { kind: 'article'; lines: CleanLine[]; subheads: { line: CleanLine; at: number }[] }
  | { kind: 'sidebar'; lines: CleanLine[] }
  | { kind: 'vertical'; lines: (CleanLine | null)[] }
  | { kind: 'headings'; lines: CleanLine[]; /** set when the lines stand right before an article's byline: they are its headline */ leadsArticle?: boolean }
  | { kind: 'caption'; lines: CleanLine[]; credit?: CleanLine }
  | { kind: 'slogan'; lines: CleanLine[] }
  | { kind: 'unknown'; lines: CleanLine[] };

interface Line extends CleanLine {
  kind: LineKind;
  blankBefore: boolean;
  blankAfter: boolean;
}

/** How many following vertical-char lines make a vertical headline rather than stray fragments. */
const MIN_VERTICAL_RUN = 3;

/**
 * Cut the cleaned lines into drafts of blocks. Reading order is the order of the text, except for
 * headline groups, which extraction often puts elsewhere: they are collected as `headings` drafts
 * and paired with their articles later.
 */
export function segment(input: readonly (CleanLine | null)[]): Draft[] {
  const lines: Line[] = [];
  input.forEach((l, i) => {
    if (!l || l.text === '') return;
    lines.push({ ...l, kind: classifyLine(l.text), blankBefore: !input[i - 1] || input[i - 1]!.text === '', blankAfter: !input[i + 1] || input[i + 1]!.text === '' });
  });

  const drafts: Draft[] = [];
  let open: Extract<Draft, { kind: 'article' | 'sidebar' }> | null = null;
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
        // The caption runs on until a sentence ends or its credit (… 摄) closes it.
        const closed = () => endsSentence(caption.lines.at(-1)!.text) || /摄$/u.test(caption.lines.at(-1)!.text);
        while (i + 1 < lines.length && lines[i + 1].kind === 'text' && !closed()) caption.lines.push(lines[++i]);
        drafts.push(caption);
        continue;
      }
      case 'byline':
        close();
        flushHeadings(true);
        open = { kind: 'article', lines: [line], subheads: [] };
        lastText = line;
        continue;
    }
    // A plain text line: a heading, or body text of the open block.
    const currentLength = open ? inferLineLength(open.lines) : 0;
    const afterSentence = !lastText || endsSentence(lastText.text);
    const boundaryBefore = line.blankBefore || (lastText !== null && endsParagraph(lastText, currentLength || 99));
    if (afterSentence && boundaryBefore && line.blankAfter && looksLikeHeading(line.text, open ? Math.max(currentLength * 0.85, 8) : 30)) {
      pending.push(line);
      continue;
    }
    if (pending.length) {
      const nextLength = inferLineLength(upcomingBody(lines, i));
      if (open?.kind === 'article' && Math.abs(nextLength - currentLength) <= 1) {
        for (const h of pending) open.subheads.push({ line: h, at: open.lines.length });
        pending = [];
      } else {
        close();
        flushHeadings();
      }
    }
    if (!open) open = { kind: 'sidebar', lines: [] };
    open.lines.push(line);
    lastText = line;
  }
  close();
  flushHeadings();
  return drafts;
}

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
