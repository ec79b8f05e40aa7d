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

export const isNamesLine = (text: string): boolean => NAMES_LINE.test(text.trim());
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
  const m = RUN_IN.exec(lines.join(''));
  return m ? { byline: tidy(m[0]), length: m[0].length } : undefined;
}

/** Lines may break between a title and a name, losing the space the byline had there. */
function tidy(byline: string): string {
  return byline
    .replace(/\s*([（(])\s*/u, '$1')
    .replace(/\s*([）)])\s*/u, '$1')
    .replace(/(?<!本报|特约)(记者|通讯员)(?=\p{Script=Han})/gu, '$1 ')
    .replace(/(?<=\p{Script=Han})(?<!本报|特约|[（(])(记者|通讯员)/gu, ' $1')
    .replace(/ {2,}/g, ' ')
    .trim();
}
