/** JSON inputs (layouts, templates, manifests): parse errors without the file's content, and a nesting limit. */
import { InputError } from './errors.js';

/**
 * How deep a JSON input may nest. A layout nests a region group in an object and an array per
 * level: 64 allows about 30 levels of groups, far beyond any page design, and keeps the schema
 * check and yoga (both recursive) well inside the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Parse JSON text. The message gives the line and column where V8 reports a position, and never the
 * file's content (V8 quotes the first characters for some errors: a file that is not JSON at all,
 * such as one a layout names by mistake, must not be echoed).
 */
export function parseJson(text: string, file: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    const where = at ? ` at ${lineColumn(text, Number(at[1]))}` : '';
    const reason = message
      .replace(/,\s*".*"(\.\.\.)? is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/^Unexpected token '.*?'$/s, 'unexpected character')
      .replace(/^Unexpected token.*$/s, 'unexpected character');
    throw new InputError(`${file}: not valid JSON${where}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`);
  }
  checkDepth(data, file);
  return data;
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line}, column ${offset - start + 1}`;
}

/** Refuse JSON nested deeper than MAX_JSON_DEPTH, walking without recursion (the input may be deeper than the stack). */
export function checkDepth(data: unknown, file: string, limit = MAX_JSON_DEPTH): void {
  const stack: [unknown, number, string][] = [[data, 1, '']];
  while (stack.length) {
    const [v, depth, path] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) throw new InputError(`${file}: ${path.length > 80 ? `…${path.slice(-80)}` : path || '(root)'}: nested more than ${limit} levels deep`);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, depth + 1, `${path}[${i}]`]));
    else for (const [k, x] of Object.entries(v)) stack.push([x, depth + 1, path ? `${path}.${k}` : k]);
  }
}
