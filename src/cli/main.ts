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

/** Input errors print their message; anything else is a bug and prints its stack. */
export async function reportError(e: unknown): Promise<number> {
  const { InputError } = await import('../errors.js');
  if (e instanceof InputError) {
    process.stderr.write(`banmian: ${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof TypeError && /parseArgs|PARSE_ARGS|Unknown option|Unexpected argument/i.test(String((e as { code?: string }).code ?? e.message))) {
    process.stderr.write(`banmian: ${e.message}\n`);
    return 2;
  }
  process.stderr.write(`banmian: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  return 3;
}
