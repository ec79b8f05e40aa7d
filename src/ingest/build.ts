import { endsSentence, inferLineLength, joinLines, splitParagraphs, stripBodySpaces } from './paragraphs.js';
import type { CleanLine } from './normalize.js';
import type { Draft } from './segment.js';
import type { Block, BlockKind } from './types.js';

const BYLINE = /^((?:本报讯|本报[^（(\s]{0,8}电|(?:新华社|中新社)[^（(]{0,20}?电)\s*(?:[（(][^（）()]{1,80}[）)])?|[（(](?:本报)?(?:记者|通讯员)[^（）()]{1,80}[）)])/u;
const CHINESE_NUMERAL_END = /[〇○零一二三四五六七八九十]$/u;

/** Turn drafts into blocks with stable ids (kind + ordinal in reading order). */
export function buildBlocks(drafts: readonly Draft[]): Block[] {
  const blocks: Block[] = [];
  const counters = new Map<string, number>();
  const nextId = (kind: string) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `${kind}-${n}`;
  };
  const make = (kind: BlockKind, lines: readonly CleanLine[], extra: Partial<Block> = {}): Block => ({
    id: nextId(kind === 'vertical-headline' ? 'vertical' : kind === 'headline-group' ? 'headline' : kind),
    kind,
    paragraphs: [],
    lines: [],
    lineLength: inferLineLength(lines),
    source: [lines[0]?.no ?? 0, lines.at(-1)?.no ?? 0],
    ...extra,
  });

  for (const d of drafts) {
    switch (d.kind) {
      case 'article': {
        const article = make('article', d.lines);
        const cuts = [0, ...d.subheads.map((s) => s.at), d.lines.length];
        const subheadBlocks: Block[] = [];
        for (let k = 0; k + 1 < cuts.length; k++) {
          if (k > 0) {
            const s = d.subheads[k - 1];
            subheadBlocks.push(
              make('subhead', [s.line], { paragraphs: [s.line.text], lines: [[s.line.text]], within: { article: article.id, beforeParagraph: article.paragraphs.length } }),
            );
          }
          for (const p of splitParagraphs(d.lines.slice(cuts[k], cuts[k + 1]), article.lineLength)) addParagraph(article, p);
        }
        splitByline(article);
        article.source = [d.lines[0].no, Math.max(d.lines.at(-1)!.no, ...d.subheads.map((s) => s.line.no))];
        blocks.push(article, ...subheadBlocks);
        break;
      }
      case 'sidebar': {
        const b = make('sidebar', d.lines);
        for (const p of splitParagraphs(d.lines, b.lineLength)) addParagraph(b, p);
        blocks.push(b);
        break;
      }
      case 'vertical':
        blocks.push(buildVertical(make, d.lines));
        break;
      case 'headings':
        // Each heading line becomes its own group for now; pairing merges the lines of one article.
        for (const l of d.lines) blocks.push(make('headline-group', [l], { paragraphs: [l.text], lines: [[l.text]], headline: { main: l.text }, ...(d.leadsArticle && { leadsArticle: true }) }));
        break;
      case 'caption': {
        const lines = d.lines.map((l) => l.text);
        let credit = d.credit?.text;
        const last = lines.at(-1)!;
        const inline = !credit ? /^(.*[。！？”])\s*([^。！？”]+摄)$/u.exec(last) : null;
        if (inline) {
          lines[lines.length - 1] = inline[1];
          credit = inline[2].trim();
        }
        const text = joinLines(lines);
        const arrow = /^[→←↑↓]/u.exec(text)?.[0];
        const all = d.credit ? [...d.lines, d.credit] : d.lines;
        blocks.push(make('caption', all, { paragraphs: [arrow ? text.slice(arrow.length) : text], lines: [lines], credit, arrow }));
        break;
      }
      case 'slogan':
        blocks.push(make('slogan', d.lines, { paragraphs: [d.lines[0].text], lines: [[d.lines[0].text]] }));
        break;
      case 'unknown':
        blocks.push(make('unknown', d.lines, { paragraphs: [d.lines.map((l) => l.text).join('')], lines: [d.lines.map((l) => l.text)] }));
        break;
    }
  }
  return blocks;
}

function addParagraph(block: Block, lines: readonly CleanLine[]) {
  const texts = lines.map((l) => l.text);
  block.lines.push(texts.map(stripBodySpaces));
  block.paragraphs.push(texts.join(''));
}

/** Take the byline (本报讯（记者 … 通讯员 …）) off the head of an article's first paragraph. */
function splitByline(article: Block) {
  const first = article.paragraphs[0] ?? '';
  const m = BYLINE.exec(first);
  if (m) {
    // Lines may break between a title and a name, losing the space the byline had there.
    article.byline = m[1]
      .replace(/\s*([（(])\s*/u, '$1')
      .replace(/\s*([）)])\s*/u, '$1')
      .replace(/(?<!本报)(记者|通讯员)(?=\p{Script=Han})/gu, '$1 ')
      .replace(/(?<=\p{Script=Han})(?<!本报|[（(])(记者|通讯员)/gu, ' $1')
      .trim();
    article.paragraphs[0] = first.slice(m[0].length);
  }
  article.paragraphs = article.paragraphs.map(stripBodySpaces);
}

/**
 * A vertical headline comes one character a line. Blank lines separate its columns, except after
 * a Chinese numeral: extraction breaks the run where a year such as 二○一九 was set as a group.
 * A last column much longer than the others is the subtitle.
 */
function buildVertical(make: (k: BlockKind, l: readonly CleanLine[], e?: Partial<Block>) => Block, run: readonly (CleanLine | null)[]): Block {
  const columns: string[] = [''];
  for (const l of run) {
    if (l === null) {
      if (!CHINESE_NUMERAL_END.test(columns.at(-1)!)) columns.push('');
    } else columns[columns.length - 1] += l.text.replace(/ /g, '');
  }
  let subtitle: string | undefined;
  if (columns.length >= 2) {
    const head = columns.slice(0, -1);
    const longest = Math.max(...head.map((c) => [...c].length));
    if ([...columns.at(-1)!].length > longest * 1.5) subtitle = columns.pop();
  }
  const real = run.filter((l): l is CleanLine => l !== null);
  return make('vertical-headline', real, {
    paragraphs: subtitle ? [...columns, subtitle] : [...columns],
    lines: [real.map((l) => l.text)],
    lineLength: Math.max(...columns.map((c) => [...c].length)),
    columns,
    subtitle,
  });
}

export { endsSentence };
