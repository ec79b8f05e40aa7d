import { isHan } from '../text/classes.js';
import { lineWidth } from './paragraphs.js';
import type { Block } from './types.js';

/** How many articles on either side of a headline it is compared with, in a long text. */
const NEIGHBOURS = 32;

/**
 * A heading line that holds two headlines side by side: the split at a space whose two sides both
 * pair with an article, and with different ones. A space inside one headline (奋斗百年路 启航新征程)
 * leaves both sides with the same article.
 */
function splitSideBySide(text: string, article: (text: string) => string | undefined): [string, string] | undefined {
  for (let i = text.indexOf(' '); i > 0; i = text.indexOf(' ', i + 1)) {
    const [left, right] = [text.slice(0, i).trim(), text.slice(i + 1).trim()];
    const [a, b] = [article(left), article(right)];
    if (a && b && a !== b) return [left, right];
  }
  return undefined;
}

/** Han bigrams of a text. */
function bigrams(text: string): Set<string> {
  const chars = [...text].filter(isHan);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

/**
 * Pair headline lines that came out of reading order with their articles by shared wording:
 * each line scores every article by the inverse-document-frequency weight of the Han bigrams they
 * share. Adjacent lines whose best article is the same form one headline group (kicker, main,
 * subtitle in text order). Returns the blocks with the merged groups in place of the single lines.
 */
export function pairHeadlines(blocks: Block[]): Block[] {
  const articles = blocks.filter((b) => b.kind === 'article');
  const grams = articles.map((a) => bigrams([a.byline ?? '', ...a.paragraphs].join('')));
  const df = new Map<string, number>();
  for (const g of grams) for (const k of g) df.set(k, (df.get(k) ?? 0) + 1);
  const idf = (k: string) => Math.log((articles.length + 1) / ((df.get(k) ?? 0) + 0.5));

  // A page holds a few dozen articles; a text of many pages pairs each headline with the articles
  // around it in reading order only, which keeps pairing linear in the length of the text.
  const articleIndex = new Map(articles.map((a, i) => [a, i]));
  /** How well a headline's wording fits article i: IDF weight of the shared bigrams per bigram of the headline. */
  const scoreAt = (mine: Set<string>, i: number): number => {
    let s = 0;
    for (const k of mine) if (grams[i].has(k)) s += idf(k);
    return mine.size ? s / mine.size : 0;
  };
  const best = (text: string, articlesBefore: number): { article: string; score: number } | undefined => {
    const mine = bigrams(text);
    const from = articles.length <= 2 * NEIGHBOURS ? 0 : Math.max(0, articlesBefore - NEIGHBOURS);
    const to = Math.min(articles.length, from + 2 * NEIGHBOURS);
    let top: { article: string; score: number } | undefined;
    for (let i = from; i < to; i++) {
      const score = scoreAt(mine, i);
      if (score > 0 && (!top || score > top.score)) top = { article: articles[i].id, score };
    }
    return top;
  };

  // Two headlines of different articles side by side come out of extraction as one line with a gap:
  // a heading line whose parts on either side of a space pair best with different articles is two.
  let seenArticles = 0;
  const expanded: Block[] = [];
  for (const b of blocks) {
    if (articleIndex.has(b)) seenArticles++;
    if (b.kind === 'headline-group' && !b.leadsArticle) {
      const parts = splitSideBySide(b.paragraphs[0], (t) => best(t, seenArticles)?.article);
      if (parts) {
        for (const part of parts) expanded.push({ ...b, paragraphs: [part], lines: [[part]], headline: { main: part }, lineLength: Math.round(lineWidth(part)) });
        continue;
      }
    }
    expanded.push(b);
  }
  blocks = expanded;

  const out: Block[] = [];
  let group: Block | null = null;
  let groupLines: string[] = [];
  let groupScores: number[] = [];
  const finish = () => {
    if (!group) return;
    const [a, b, c] = groupLines;
    group.headline = groupLines.length === 1 ? { main: a } : { kicker: a, main: b, ...(c ? { subtitle: c } : {}) };
    group.paragraphs = [...groupLines];
    group.lines = [[...groupLines]];
    group.lineLength = Math.max(...groupLines.map((l) => Math.round(lineWidth(l))));
    if (group.pairedWith) group.pairedWith.score = Math.round((groupScores.reduce((x, y) => x + y, 0) / groupScores.length) * 1000) / 1000;
    group = null;
  };
  let articlesBefore = 0;
  for (const b of blocks) {
    if (articleIndex.has(b)) articlesBefore++;
    if (b.kind !== 'headline-group') {
      finish();
      out.push(b);
      continue;
    }
    const text = b.paragraphs[0];
    // Headlines in reading order belong to the article that follows them; the score still says how well they fit it.
    const following = b.leadsArticle ? articles[articlesBefore] : undefined;
    const match = following ? { article: following.id, score: scoreAt(bigrams(text), articlesBefore) } : best(text, articlesBefore);
    const joins = group !== null && match !== undefined && group.pairedWith?.article === match.article && groupLines.length < 3;
    if (joins && group) {
      groupLines.push(text);
      groupScores.push(match!.score);
      group.source = [group.source[0], b.source[1]];
      continue;
    }
    finish();
    group = { ...b, pairedWith: match ? { ...match } : undefined };
    groupLines = [text];
    groupScores = [match?.score ?? 0];
    out.push(group);
  }
  finish();
  // Renumber headline groups so ids stay dense and stable.
  let n = 0;
  for (const b of out) if (b.kind === 'headline-group') b.id = `headline-${++n}`;
  return out;
}
