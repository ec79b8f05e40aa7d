// Bylines: who wrote an article and where it came from, at its head.
//   run-in, with a source:   本报讯（记者 王金勇 通讯员 刘涛）…   新华社北京7月1日电（记者 张三）…   本报郑州7月1日电 …
//   run-in, names only:      （记者 王金勇）…   （通讯员 刘涛）…
//   a line of its own:       本报记者 王金勇 通讯员 刘涛   /   通讯员 刘涛 张三

const AGENCY = '(?:新华社|中新社|中新网|人民网|新华网|央视网|中央广电总台)';
/** The source of a dispatch: 本报讯, 本报…电, (据)新华社…电. */
const SOURCE = `(?:本报讯|本报[^（(\\s，。]{0,12}?电|据?${AGENCY}[^（(，。]{0,24}?电)`;
const PARENTHESIS = '[（(][^（）()]{1,80}[）)]';
const ROLE = '(?:本报|特约)?(?:记者|通讯员)';
const NAMES = '\\p{Script=Han}{2,4}(?: \\p{Script=Han}{2,4})*';

/** A run-in byline at the head of a paragraph's text (spaces between names still in). */
const RUN_IN = new RegExp(`^(?:${SOURCE}\\s*(?:${PARENTHESIS})?|[（(]${ROLE}[^（）()]{1,80}[）)])`, 'u');
/** A line that holds nothing but roles and names: 本报记者 王金勇 通讯员 刘涛. */
const NAMES_LINE = new RegExp(`^${ROLE} ?${NAMES}(?: ${ROLE} ?${NAMES})*$`, 'u');
/** A line that may open an article: it starts with a run-in byline or is a line of names. */
const STARTS_ARTICLE = new RegExp(`^(?:${SOURCE}|[（(]${ROLE})`, 'u');

/** What a line of names starts with: a cheap test first, so that most lines never run NAMES_LINE (a large Unicode-property pattern, slow to compile in a fresh process). */
const ROLE_START = /^(?:本报|特约)?(?:记者|通讯员)/;
export const isNamesLine = (text: string): boolean => {
  const t = text.trim();
  return ROLE_START.test(t) && NAMES_LINE.test(t);
};
export const startsWithByline = (text: string): boolean => STARTS_ARTICLE.test(text) || isNamesLine(text);

/**
 * Find the byline at the head of an article's first paragraph, given as its cleaned lines. Returns
 * the byline as printed (one space between a title and a name) and how many characters of the
 * paragraph's joined text it takes, or undefined.
 */
export function findByline(lines: readonly string[]): { byline: string; length: number } | undefined {
  let taken = 0;
  let k = 0;
  while (k < lines.length && isNamesLine(lines[k])) taken += lines[k++].length;
  if (k > 0) return { byline: tidy(lines.slice(0, k).join(' ')), length: taken };
  const joined = lines.join('');
  const m = RUN_IN.exec(joined);
  if (!m) return undefined;
  const joins: number[] = [];
  for (let k = 0, at = 0; k + 1 < lines.length && at < m[0].length; k++) joins.push((at += lines[k].length));
  return { byline: tidy(m[0], joins), length: m[0].length };
}

/** A title and a name meeting: after 记者/通讯员 before a name, or after a name before one. */
const TITLE_NAME = /(?<!本报|特约)(?:记者|通讯员)(?=\p{Script=Han})|(?<=\p{Script=Han})(?<!本报|特约|[（(])(?=(?:本报|特约)?(?:记者|通讯员))/gu;

/**
 * Tidy a byline as printed: no spaces inside its brackets' edges, one space at most. Where a line
 * broke between a title and a name, the break may have eaten the space the paper put there; it is
 * given back unless the byline shows, within a line, a title and a name with no space between them
 * (then the paper sets none, and each invented space would cost half an em on its line).
 * `joins` are the offsets in `byline` where lines were joined.
 */
function tidy(byline: string, joins: readonly number[] = []): string {
  const meets = [...byline.matchAll(TITLE_NAME)].map((m) => m.index! + m[0].length);
  const tight = meets.some((i) => !joins.includes(i));
  let out = '';
  let last = 0;
  if (!tight) {
    for (const i of meets) {
      out += byline.slice(last, i) + ' ';
      last = i;
    }
  }
  out += byline.slice(last);
  return out
    .replace(/\s*([（(])\s*/u, '$1')
    .replace(/\s*([）)])\s*/u, '$1')
    .replace(/ {2,}/g, ' ')
    .trim();
}
