/** Command-line argument parsing and checks shared by the commands (light: no pipeline imports). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { FileAccess } from '../fsutil.js';
import { suggest } from './suggest.js';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from '../model/dates.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

/** What every command takes: --quiet (errors only) and --verbose (timings, files read). */
export const OUTPUT_OPTIONS = {
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
} as const;

/**
 * Parse command arguments strictly: an unknown option, or one without its value, is an error (exit
 * 2) that names the option and suggests the one most likely meant. --quiet and --verbose are always accepted.
 */
export function args<const O extends Options>(argv: string[], options: O, command?: string): { values: Values<O & typeof OUTPUT_OPTIONS>; positionals: string[] } {
  const all = { ...options, ...OUTPUT_OPTIONS };
  try {
    const { values, positionals } = parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
    if ((values as { quiet?: boolean }).quiet && (values as { verbose?: boolean }).verbose) throw new InputError('--quiet and --verbose: give one of them');
    return { values: values as Values<O & typeof OUTPUT_OPTIONS>, positionals };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec((e as Error).message)?.[1] ?? '?';
      const names = Object.entries(all).flatMap(([name, o]) => [`--${name}`, ...('short' in o && o.short ? [`-${o.short}`] : [])]);
      const meant = suggest(flag.split('=')[0], names);
      throw new InputError(`${command ? `${command}: ` : ''}unknown option ${flag}${meant ? ` (did you mean ${meant}?)` : ''}; banmian ${command ?? '<command>'} --help lists the options`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new InputError(`${command ? `${command}: ` : ''}${(e as Error).message.replace(/^Option '([^']+)'.*argument missing$/, '$1 needs a value')}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new InputError(`${command ? `${command}: ` : ''}${(e as Error).message}`);
    throw e;
  }
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

/** --date YYYY-MM-DD, a real calendar date. */
export function checkDate(date: string | undefined): string | undefined {
  if (date !== undefined && !isCalendarDate(date)) throw new InputError(`--date: ${CALENDAR_DATE_MESSAGE}, got "${date}"`);
  return date;
}

/** The options every command that reads a layout takes: where its files may be and how big. */
export const ACCESS_OPTIONS = {
  root: { type: 'string' },
  'max-input': { type: 'string' },
} as const;

/**
 * --root DIR (files a layout or manifest names must be under it; default the current folder) and
 * --max-input MB (largest text, layout or manifest file; default 4).
 */
export function fileAccess(values: { root?: string; 'max-input'?: string }): FileAccess {
  const access: FileAccess = {};
  if (values.root !== undefined) {
    const root = resolve(values.root);
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`--root ${values.root}: not a folder`);
    access.root = root;
  }
  if (values['max-input'] !== undefined) access.maxInputBytes = Math.round(number('--max-input', values['max-input'], 1, 4096, 'MiB') * 2 ** 20);
  return access;
}
