/** An error caused by the user's input: the CLI prints its message (no stack) and exits with `exitCode`. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * One line for an error that is not the input's fault (a bug): what happened and how to report it.
 * The stack is left out (it goes to stderr only with BANMIAN_DEBUG=1): users and batch summaries get
 * a message, not a trace.
 */
export function bugReport(e: unknown): string {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return `internal error (a bug in banmian): ${what.split('\n')[0].slice(0, 300)}; please report it with the command and the files it read (BANMIAN_DEBUG=1 prints the stack)`;
}
