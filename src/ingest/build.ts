import { findByline, isNamesLine } from './byline.js';
import { inferLineLength, joinLines, joinWrapped, splitParagraphs, stripBodySpaces } from './paragraphs.js';
import type { CleanLine } from './normalize.js';
import type { Draft } from './segment.js';
import { inferSetting, type LineEvidence } from './setting.js';
import type { Block, BlockKind } from './types.js';

const CHINESE_NUMERAL_END = /[〇○零一二三四五六七八九十]$/u;
/** What may follow a Chinese numeral inside one number or date: another numeral, or its unit. */
const NUMBER_GOES_ON = /^[〇○零一二三四五六七八九十百千万年月日]/u;

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
      case 'article':
      case 'sidebar':
        for (const b of buildBody(make, d)) blocks.push(b);
        break;
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

type Make = (k: BlockKind, l: readonly CleanLine[], e?: Partial<Block>) => Block;

/**
 * An article or sidebar: its paragraphs (subheads cut out as blocks of their own, placed by
 * `within`), and for an article the byline taken off the head of the first paragraph.
 */
function buildBody(make: Make, d: Extract<Draft, { kind: 'article' | 'sidebar' }>): Block[] {
  const body = make(d.kind, d.lines);
  // Subhead lines in a row at one place are one subhead, wrapped.
  const at = new Map<number, CleanLine[]>();
  for (const s of d.subheads) (at.get(s.at) ?? at.set(s.at, []).get(s.at)!).push(s.line);
  const cuts = [0, ...at.keys(), d.lines.length];
  const raw: string[][] = [];
  const evidence: LineEvidence[] = [];
  const subheads: Block[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    if (k > 0) {
      const lines = at.get(cuts[k])!;
      const texts = lines.map((l) => l.text);
      subheads.push(make('subhead', lines, { paragraphs: [joinLines(texts)], lines: [texts], within: { article: body.id, beforeParagraph: raw.length } }));
    }
    for (const p of splitParagraphs(d.lines.slice(cuts[k], cuts[k + 1]), body.lineLength)) {
      raw.push(p.map((l) => l.text));
      p.forEach((l, i) => evidence.push({ text: l.text, gaps: l.gaps, first: i === 0, last: i === p.length - 1 }));
    }
  }
  body.setting = inferSetting(evidence);
  const found = d.kind === 'article' && raw.length ? findByline(raw[0]) : undefined;
  body.paragraphs = raw.map(joinWrapped);
  body.lines = raw.map((lines) => lines.map(stripBodySpaces));
  if (found) {
    body.byline = found.byline;
    body.paragraphs[0] = body.paragraphs[0].slice(found.length);
    if (isNamesLine(raw[0][0])) body.bylineAlone = true;
  }
  body.paragraphs = body.paragraphs.map(stripBodySpaces);
  // A byline that was a paragraph by itself runs into the next one; its lines go with it.
  if (body.paragraphs.length > 1 && body.paragraphs[0] === '') {
    body.paragraphs.shift();
    const [first, second] = body.lines.splice(0, 2);
    body.lines.unshift([...first, ...second]);
    for (const s of subheads) s.within!.beforeParagraph = Math.max(0, s.within!.beforeParagraph - 1);
  }
  body.source = [d.lines[0]?.no ?? 0, d.subheads.reduce((m, s) => Math.max(m, s.line.no), d.lines.at(-1)?.no ?? 0)];
  return [body, ...subheads];
}

/**
 * A vertical headline comes one character a line. Blank lines separate its columns, except inside a
 * number: extraction breaks the run where a year or date such as 二○一九年 was set as a group, so a
 * blank between a Chinese numeral and another numeral (or the 年 月 日 that follows a number) is no
 * column break. 初心如一 / 奋斗不止 are two columns. A last column much longer than the others is the subtitle.
 */
function buildVertical(make: Make, run: readonly (CleanLine | null)[]): Block {
  const columns: string[] = [''];
  run.forEach((l, i) => {
    if (l !== null) columns[columns.length - 1] += l.text.replace(/ /g, '');
    else if (!(CHINESE_NUMERAL_END.test(columns.at(-1)!) && NUMBER_GOES_ON.test(run[i + 1]?.text ?? ''))) columns.push('');
  });
  let subtitle: string | undefined;
  if (columns.length >= 2) {
    const head = columns.slice(0, -1);
    const longest = head.reduce((m, c) => Math.max(m, [...c].length), -Infinity);
    if ([...columns.at(-1)!].length > longest * 1.5) subtitle = columns.pop();
  }
  const real = run.filter((l): l is CleanLine => l !== null);
  return make('vertical-headline', real, {
    paragraphs: subtitle ? [...columns, subtitle] : [...columns],
    lines: [real.map((l) => l.text)],
    lineLength: columns.reduce((m, c) => Math.max(m, [...c].length), -Infinity),
    columns,
    subtitle,
  });
}

