/** Where the commands' files go: a regular file, written whole (src/fsutil.ts), or standard output (`-o -`). */
import { resolve } from 'node:path';
import { writeFileAtomic } from '../fsutil.js';

export const STDOUT = '-';

/** Where a command writes when no -o is given: output/<name><ext> in the current folder (where the user works, not where banmian is installed). */
export const defaultOutput = (name: string, ext: string): string => resolve('output', `${name}${ext}`);

/** Write `data` to `path`, or to standard output for `-`. */
export async function emit(path: string, data: Uint8Array | string): Promise<void> {
  if (path !== STDOUT) return writeFileAtomic(path, data);
  await new Promise<void>((done, fail) => process.stdout.write(data, (e) => (e ? fail(e) : done())));
}
