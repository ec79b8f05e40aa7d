/** Where the commands' files go: a regular file, written whole (src/fsutil.ts), or standard output (`-o -`). */
import { writeFileAtomic } from '../fsutil.js';

export const STDOUT = '-';

/** Write `data` to `path`, or to standard output for `-`. */
export async function emit(path: string, data: Uint8Array | string): Promise<void> {
  if (path !== STDOUT) return writeFileAtomic(path, data);
  await new Promise<void>((done, fail) => process.stdout.write(data, (e) => (e ? fail(e) : done())));
}
