import { close, fstat, open, read } from 'node:fs';

/**
 * Font files read ahead on libuv's threads while the main thread does other work (loading modules,
 * ingesting text, laying out). Each file is one open, one fstat and ONE read of its whole size:
 * fs.readFile reads in 512 KB chunks and needs the JavaScript thread for every next chunk, so
 * during a synchronous stage it would not progress at all. Light module: node:fs only, so the CLI can
 * start reads before it loads fontkit.
 */
const ready = new Map<string, Buffer>();
const reading = new Map<string, Promise<void>>();

/**
 * At most this many files are read at a time: libuv has 4 threads for all file work, and with every
 * one of them busy copying 15 MB the module files the process loads meanwhile waited in line (idle
 * gaps of 5–15 ms in cold profiles, 1–3 ms with one thread left free).
 */
const MAX_PARALLEL = 3;
let active = 0;
const queue: (() => void)[] = [];
const slot = () => new Promise<void>((go) => (active < MAX_PARALLEL ? (active++, go()) : queue.push(go)));
const release = () => {
  const next = queue.shift();
  if (next) next();
  else active--;
};

export function readAhead(paths: Iterable<string>): void {
  for (const path of paths) {
    if (reading.has(path)) continue;
    reading.set(
      path,
      slot().then(() => readWhole(path).finally(release)),
    );
  }
}

/** One open, one fstat, one read of the whole file; the bytes go to `ready` (nothing on any error). */
function readWhole(path: string): Promise<void> {
  return new Promise<void>((done) => {
    open(path, 'r', (err, fd) => {
      if (err) return done();
      const finish = (bytes?: Buffer) => close(fd, () => (bytes && ready.set(path, bytes), done()));
      fstat(fd, (err, st) => {
        if (err || !st.isFile()) return finish();
        const bytes = Buffer.allocUnsafeSlow(st.size);
        read(fd, bytes, 0, st.size, 0, (err, n) => finish(!err && n === st.size ? bytes : undefined));
      });
    });
  });
}

/** The bytes of a file read ahead, handed over once (then forgotten here); undefined if not read. */
export function takeReadAhead(path: string): Buffer | undefined {
  const bytes = ready.get(path);
  ready.delete(path);
  return bytes;
}

/** Wait for the reads started so far (a synchronous stage that needs the files should wait first). */
export async function readsDone(): Promise<void> {
  await Promise.all(reading.values());
}

/**
 * Forget files read ahead that nobody took. They stay marked as read, so that the next pages (which
 * prefetch the same style sheet) do not read 10–15 MB again each time; a later page that does open
 * such a face reads it then.
 */
export function dropReadAhead(): void {
  ready.clear();
}
