import { createColors } from 'picocolors';

/**
 * What a command prints, as asked: --quiet (errors only, and a line for a page that fails),
 * --verbose (also stage timings and the files read); colour only on a terminal and unless NO_COLOR
 * is set (no-color.org), with picocolors.
 */
export interface Say {
  quiet: boolean;
  verbose: boolean;
  /** The report and what was written: to stdout, or to stderr when a file goes to stdout. */
  report(text: string): void;
  /** Only with --verbose (to stderr: it is about the run, not its result). */
  detail(text: string): void;
  /** A page that fails: one line on stderr even with --quiet. */
  failure(text: string): void;
}

export const colourOn = (stream: NodeJS.WriteStream): boolean => !!stream.isTTY && !process.env.NO_COLOR;

export function say(values: { quiet?: boolean; verbose?: boolean }, toStderr = false): Say {
  const stream = toStderr ? process.stderr : process.stdout;
  const quiet = !!values.quiet, verbose = !!values.verbose;
  return {
    quiet,
    verbose,
    report: (text) => quiet || stream.write(colourReport(text, colourOn(stream))),
    detail: (text) => verbose && process.stderr.write(colourReport(text, colourOn(process.stderr))),
    failure: (text) => quiet && process.stderr.write(colourReport(text, colourOn(process.stderr))),
  };
}

/** Colour a report's lines by what they say: overflow and failures red, warnings yellow, passed checks green. */
export function colourReport(text: string, enabled: boolean): string {
  if (!enabled) return text;
  const c = createColors(true);
  return text
    .split('\n')
    .map((line) => {
      if (/OVERFLOW|\bFAIL\b|^\s*fail\s|^banmian:/.test(line)) return c.red(line);
      if (/warning:|^\s*warn\s|placeholder|reflowed/.test(line)) return c.yellow(line);
      if (/^\s*ok\s|preflight: passed|^\s*wrote /.test(line)) return c.green(line);
      return line;
    })
    .join('\n');
}
