/**
 * One batch per --out folder: a lock file made with O_EXCL holds the batch's process id. A lock whose
 * process no longer runs (a batch killed with SIGKILL) is stale and taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { fsReason, processAlive } from '../fsutil.js';
import { LOCK_FILE } from './expand.js';

interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

/** Take the lock of `dir` (which exists); returns the function that releases it. */
export function lockFolder(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine) + '\n', { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError(`--out ${dir}: cannot take the batch lock: ${fsReason(e)}`);
      const other = readLock(file);
      // On another host the process id says nothing: such a lock is only ever released by its batch (or by hand).
      const alive = !other || other.host !== mine.host || processAlive(other.pid);
      if (alive || attempt > 0) {
        const who = other ? `process ${other.pid}${other.host !== mine.host ? ` on ${other.host}` : ''}, started ${other.started}` : 'unknown process';
        throw new InputError(`--out ${dir}: another batch (${who}) is writing into this folder; wait for it, use another --out, or remove ${file} if no batch runs`);
      }
      rmSync(file, { force: true });
    }
  }
  return () => {
    // Only our own lock: never one another batch took over after ours was judged stale.
    if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
  };
}

function readLock(file: string): LockInfo | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    return typeof data?.pid === 'number' ? data : undefined;
  } catch {
    return undefined;
  }
}
