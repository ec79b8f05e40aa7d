import { endsSentence, inferLineLength, lineWidth, endsParagraph, LineLengthTally } from './paragraphs.js';
import { isNamesLine } from './byline.js';
import { classifyLine, looksLikeHeading, type LineKind } from './lines.js';
import { withoutLongFakeBold, type CleanLine } from './normalize.js';

/** A block as segmentation finds it: raw material for `build.ts`. */
export type Draft =
  | { kind: 'article'; lines: CleanLine[]; subheads: { line: CleanLine; at: number }[] }
  | { kind: 'sidebar'; lines: CleanLine[]; subheads: { line: CleanLine; at: number }[] }
  | { kind: 'vertical'; lines: (CleanLine | null)[] }
  | { kind: 'headings'; lines: CleanLine[] }
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

/** How much shorter than its block's lines a heading inside the block must be (a first line is 2 em short). */
const headingLimit = (lineLength: number) => Math.max(Math.min(lineLength * 0.85, lineLength - 2.5), 8);

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
  let open: Extract<Draft, { kind: 'article' | 'sidebar' }> | null = null;
  // The open block's line length, tallied as lines join it (recomputing it per line is quadratic).
  let tally = new LineLengthTally();
  let pending: CleanLine[] = [];
  let lastText: Line | null = null;

  const flushHeadings = () => {
    if (pending.length) drafts.push({ kind: 'headings', lines: pending });
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
        while (i + 1 < lines.length && lines[i + 1].kind === 'text' && !endsSentence(caption.lines.at(-1)!.text)) caption.lines.push(lines[++i]);
        drafts.push(caption);
        continue;
      }
      case 'byline':
        // 本报记者 王金勇 / 通讯员 刘涛: a byline of names may take several lines.
        if (open?.kind === 'article' && isNamesLine(line.text) && open.lines.every((l) => isNamesLine(l.text))) {
          open.lines.push(line);
          tally.add(line);
          lastText = line;
          continue;
        }
        close();
        flushHeadings();
        open = { kind: 'article', lines: [line], subheads: [] };
        tally = new LineLengthTally();
        tally.add(line);
        lastText = line;
        continue;
    }
    // A plain text line: a heading, or body text of the open block.
    const currentLength = open ? tally.value : 0;
    const afterSentence = !lastText || endsSentence(lastText.text);
    const boundaryBefore = line.blankBefore || (lastText !== null && endsParagraph(lastText, currentLength || 99));
    if (afterSentence && boundaryBefore && line.blankAfter && looksLikeHeading(withoutLongFakeBold(line.text), open ? headingLimit(currentLength) : 30)) {
      pending.push(asHeading(line));
      continue;
    }
    if (pending.length) {
      const nextLength = inferLineLength(upcomingBody(lines, i));
      if (open && Math.abs(nextLength - currentLength) <= 1) {
        for (const h of pending) open.subheads.push({ line: h, at: open.lines.length });
        pending = [];
      } else {
        close();
        flushHeadings();
      }
    }
    if (!open) {
      open = { kind: 'sidebar', lines: [], subheads: [] };
      tally = new LineLengthTally();
    }
    open.lines.push(line);
    tally.add(line);
    lastText = line;
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
