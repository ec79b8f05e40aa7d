/** Lengths: the engine works in points; layout files may say pt, mm, cm, in, Q (级, 0.25 mm), 号 size names, 字/行 (body em, body lines), or % of the type area. */

export const MM = 72 / 25.4;

/** Chinese type size names (字号) in points. */
export const SIZE_NAMES: Record<string, number> = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  新五号: 9,
  小五: 9,
  六号: 7.875,
  小六: 6.5,
  七号: 5.25,
  八号: 5,
};

/** A type size name's points; only the table's own names (a layout's "constructor" or "hasOwnProperty" is no size). */
const sizeNamed = (name: string): number | undefined => (Object.hasOwn(SIZE_NAMES, name) ? SIZE_NAMES[name] : undefined);

export const LENGTH_PATTERN = /^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in|Q|q|字|em|行|lines?|%)?\s*$/u;

/** What 字 (em) and 行 (lines) mean where a length is read: the body size and line pitch. */
export interface LengthContext {
  em: number;
  line: number;
  /** What 100% is (the type area's width or height), where percentages are allowed. */
  whole?: number;
}

export type LengthInput = number | string;

/** Convert a layout length to points. Numbers are points. Throws a plain Error with the reason; callers add the path. */
export function toPt(value: LengthInput, ctx: LengthContext = { em: 9, line: 14 }): number {
  if (typeof value === 'number') return value;
  const named = sizeNamed(value.trim());
  if (named !== undefined) return named;
  const m = LENGTH_PATTERN.exec(value);
  if (!m) throw new Error(`expected a length such as 12mm, 9pt, 36Q, 小五, 2字 or 3行, got "${value}"`);
  const n = Number(m[1]);
  switch (m[2]) {
    case undefined:
    case 'pt':
      return n;
    case 'mm':
      return n * MM;
    case 'cm':
      return n * 10 * MM;
    case 'in':
      return n * 72;
    case 'Q':
    case 'q':
      return n * 0.25 * MM;
    case '字':
    case 'em':
      return n * ctx.em;
    case '%':
      if (ctx.whole === undefined) throw new Error(`a percentage is not allowed here, got "${value}"`);
      return (n / 100) * ctx.whole;
    default:
      return n * ctx.line;
  }
}

/** True if a string is a valid length (for schema refinement). */
export function isLength(value: string): boolean {
  return sizeNamed(value.trim()) !== undefined || LENGTH_PATTERN.test(value);
}

/** Page presets in millimetres (width × height, portrait). */
export const PAGE_PRESETS: Record<string, [number, number]> = {
  broadsheet: [390, 540],
  对开: [390, 540],
  tabloid: [270, 390],
  四开: [270, 390],
  A3: [297, 420],
  A4: [210, 297],
};
