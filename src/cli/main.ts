import { HELP } from './help.js';

/** Run the command line; returns the exit code. Heavy modules load only for the command that needs them. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
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
      case 'schema':
        return (await import('./schema.js')).schemaCommand();
      default:
        process.stderr.write(`banmian: unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    return reportError(e);
  }
}

/**
 * Input errors print their message (exit 2), as do file-system errors that escaped a more specific
 * message; anything else is a bug: one line saying so and how to report it (exit 3). The stack is
 * printed only with BANMIAN_DEBUG=1.
 */
export async function reportError(e: unknown): Promise<number> {
  const [{ InputError, bugReport }, { fsReason, isFsError }] = await Promise.all([import('../errors.js'), import('../fsutil.js')]);
  if (e instanceof InputError) {
    process.stderr.write(`banmian: ${e.message}\n`);
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
