import { COMMAND_NAMES, commandHelp, HELP } from './help.js';
import { suggest } from './suggest.js';

/** Run the command line; returns the exit code. Heavy modules load only for the command that needs them. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    (command ? process.stdout : process.stderr).write(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-V' || command === 'version') {
    process.stdout.write(`banmian ${(await import('./version.js')).version()}\n`);
    return 0;
  }
  if (command === 'help') {
    const [topic] = rest;
    if (!topic) return process.stdout.write(HELP), 0;
    if (COMMAND_NAMES.includes(topic)) return process.stdout.write(commandHelp(topic)), 0;
    process.stderr.write(`banmian: no command "${topic}"${didYouMean(topic, COMMAND_NAMES)}; banmian --help lists them\n`);
    return 2;
  }
  if (!COMMAND_NAMES.includes(command)) {
    process.stderr.write(`banmian: unknown command "${command}"${didYouMean(command, COMMAND_NAMES)}; banmian --help lists the commands\n`);
    return 2;
  }
  // `banmian <command> --help` (before a `--`, anywhere among the arguments) prints the command's help.
  const end = rest.indexOf('--');
  const own = end < 0 ? rest : rest.slice(0, end);
  if (own.includes('--help') || own.includes('-h')) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    if (command === 'render' || command === 'check' || command === 'proof' || command === 'rebuild') await (await import('../warmup.js')).fastStart();
    switch (command) {
      case 'render':
        return await (await import('./render.js')).renderCommand(rest);
      case 'check':
        return await (await import('./render.js')).checkCommand(rest);
      case 'proof':
        return await (await import('./proof.js')).proofCommand(rest);
      case 'derive':
        return await (await import('./derive.js')).deriveCommand(rest);
      case 'rebuild':
        return await (await import('./derive.js')).rebuildCommand(rest);
      case 'inspect':
        return await (await import('./inspect.js')).inspectCommand(rest);
      case 'compare':
        return await (await import('./compare.js')).compareCommand(rest);
      case 'batch':
        return await (await import('./batch.js')).batchCommand(rest);
      default:
        return (await import('./schema.js')).schemaCommand(rest);
    }
  } catch (e) {
    return reportError(e);
  }
}

const didYouMean = (word: string, choices: readonly string[]) => {
  const s = suggest(word, choices);
  return s ? ` (did you mean "${s}"?)` : '';
};

/**
 * Input errors print their message (exit 2), as do file-system errors that escaped a more specific
 * message; anything else is a bug: one line saying so and how to report it (exit 3). The stack is
 * printed only with BANMIAN_DEBUG=1.
 */
export async function reportError(e: unknown): Promise<number> {
  const [{ InputError, bugReport }, { fsReason, isFsError }] = await Promise.all([import('../errors.js'), import('../fsutil.js')]);
  const { colourReport, colourOn } = await import('./say.js');
  const red = (s: string) => colourReport(s, colourOn(process.stderr));
  if (e instanceof InputError) {
    process.stderr.write(red(`banmian: ${e.message}\n`));
    return e.exitCode;
  }
  if (e instanceof TypeError && /parseArgs|PARSE_ARGS|Unknown option|Unexpected argument/i.test(String((e as { code?: string }).code ?? e.message))) {
    process.stderr.write(`banmian: ${e.message}\n`);
    return 2;
  }
  if (isFsError(e)) {
    const path = (e as NodeJS.ErrnoException).path;
    process.stderr.write(`banmian: ${path ? `${path}: ` : ''}${fsReason(e)}\n`);
    return 2;
  }
  process.stderr.write(`banmian: ${bugReport(e)}\n`);
  if (process.env.BANMIAN_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  return 3;
}
