/** Command-line argument parsing and checks shared by the commands (light: no pipeline imports). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

/** Parse command arguments strictly (an unknown option is an error, exit 2). */
export function args<const O extends Options>(argv: string[], options: O): { values: Values<O>; positionals: string[] } {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  return { values: values as Values<O>, positionals };
}

/** The one positional argument a command takes. */
export function one(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new InputError(`usage: banmian ${usage}`);
  return positionals[0];
}

/** A plain decimal number option within bounds. */
export function number(flag: string, value: string, min: number, max: number, unit: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n >= min && n <= max)) throw new InputError(`${flag}: expected a number of ${unit} from ${min} to ${max}, got "${value}"`);
  return n;
}

/** --date YYYY-MM-DD. */
export function checkDate(date: string | undefined): string | undefined {
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new InputError(`--date: expected YYYY-MM-DD, got "${date}"`);
  return date;
}
