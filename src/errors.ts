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
