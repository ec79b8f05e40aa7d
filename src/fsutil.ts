/**
 * The file system, safely: inputs are read only from regular files, within a size limit and (for
 * files a layout or manifest names) under a root folder; outputs go only to regular files, never
 * over an input, and are written whole through a recognisable temp file. Every file-system failure
 * becomes an InputError that names the file (exit 2), never a stack trace.
 */
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, rmSync, statSync, type Stats } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.js';

export const MIB = 2 ** 20;

/**
 * Default size limits. A broadsheet page holds at most ~30,000 characters (~100 KB of text) and its
 * layout a few KB: 4 MiB is forty times that. Ingest needs 35–180 bytes of memory per byte of text
 * (measured: 48 MB of repeated pages took 1.7 GB, 8 MB of one-character lines 1.5 GB), so 4 MiB
 * stays under ~0.8 GB whatever the text looks like. Photos are bigger: a 600 ppi gray scan of a
 * whole broadsheet page is ~120 MB uncompressed.
 */
export const DEFAULT_MAX_INPUT = 4 * MIB;
export const DEFAULT_MAX_IMAGE = 256 * MIB;

/** Where inputs may come from and how big they may be. */
export interface FileAccess {
  /** Files a layout or manifest names (text, images, templates) must lie under this folder. Default: the current folder. */
  root?: string;
  /** Largest text, layout or manifest file, bytes (default 4 MiB). Images may be 256 MiB or this, whichever is larger. */
  maxInputBytes?: number;
}

export const maxInput = (a?: FileAccess) => a?.maxInputBytes ?? DEFAULT_MAX_INPUT;
export const maxImage = (a?: FileAccess) => Math.max(DEFAULT_MAX_IMAGE, maxInput(a));
export const rootOf = (a?: FileAccess) => resolve(a?.root ?? process.cwd());

const REASONS: Record<string, string> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for the file system',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
  EEXIST: 'already exists',
  EBUSY: 'busy',
  EXDEV: 'on another device',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  ETXTBSY: 'busy',
  EINVAL: 'invalid argument',
  EAGAIN: 'not ready to be read',
};

/** A file-system error as a short phrase with its code: "permission denied (EACCES)". */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  if (code) return code;
  return (e as Error)?.message ?? String(e);
}

/** True for errors thrown by the file system (they carry an errno code such as ENOENT). */
export const isFsError = (e: unknown): boolean => typeof (e as NodeJS.ErrnoException)?.code === 'string' && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);

/** What a non-regular file is, for messages. */
export function fileKind(s: Stats): string {
  if (s.isFile()) return 'a regular file';
  if (s.isDirectory()) return 'a folder';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

const mb = (n: number) => `${Math.round((n / MIB) * 10) / 10} MiB`;

/** How a read is described and bounded. */
export interface ReadSpec {
  /** Prefix for messages: "layout.json: text" (the file name follows). Empty: the path alone. */
  where?: string;
  /** Size limit in bytes. */
  limit: number;
  /** What the limit is for, in the message ("text", "image"); the flag that raises it is named too. */
  kind?: string;
}

function prefix(path: string, spec: ReadSpec) {
  return spec.where ? `${spec.where}: ${path}` : path;
}

function refuse(path: string, s: Stats, spec: ReadSpec): void {
  if (!s.isFile()) throw new InputError(`${prefix(path, spec)}: is ${fileKind(s)}, not a regular file`);
  if (s.size > spec.limit) throw new InputError(`${prefix(path, spec)}: ${mb(s.size)} is over the ${mb(spec.limit)} limit for ${spec.kind ?? 'an input file'} (--max-input MB raises it)`);
}

/** A file that grew while it was read is read to the limit and no further: past it, refused as too large. */
function refuseGrown(path: string, s: Stats, n: number, spec: ReadSpec): void {
  if (n > spec.limit) refuse(path, { ...s, size: n, isFile: () => true } as Stats, spec);
}

/** What a failed read throws: our own refusal as it is, a file system error as an InputError naming the file. */
function readError(e: unknown, path: string, spec: ReadSpec): InputError {
  return e instanceof InputError ? e : new InputError(`${prefix(path, spec)}: ${fsReason(e)}`);
}

/**
 * Read an input file whole, only if it is a regular file within the limit. The type is checked
 * before opening (a FIFO or a device would block or never end) and again on the open descriptor
 * (opened non-blocking, so a file swapped for a FIFO in between cannot hang the read).
 */
export function readInputSync(path: string, spec: ReadSpec): Buffer {
  let fd: number | undefined;
  try {
    refuse(path, statSync(path), spec);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const s = fstatSync(fd);
    refuse(path, s, spec);
    const buf = Buffer.allocUnsafe(Math.min(spec.limit + 1, s.size + 1));
    let n = 0;
    for (let got; n < buf.length && (got = readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += got;
    refuseGrown(path, s, n, spec);
    return buf.subarray(0, n);
  } catch (e) {
    throw readError(e, path, spec);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Check that an input could be read (a regular file within the limit) without reading it. */
export function checkReadable(path: string, spec: ReadSpec): void {
  try {
    refuse(path, statSync(path), spec);
  } catch (e) {
    throw readError(e, path, spec);
  }
}

/** readInputSync on libuv's threads. */
export async function readInput(path: string, spec: ReadSpec): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    refuse(path, await stat(path), spec);
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const s = await handle.stat();
    refuse(path, s, spec);
    const buf = Buffer.allocUnsafe(Math.min(spec.limit + 1, s.size + 1));
    let n = 0;
    for (let got; n < buf.length && (got = (await handle.read(buf, n, buf.length - n, null)).bytesRead) > 0; ) n += got;
    refuseGrown(path, s, n, spec);
    return buf.subarray(0, n);
  } catch (e) {
    throw readError(e, path, spec);
  } finally {
    await handle?.close();
  }
}

/** The real path of `path`, or of its deepest existing folder with the rest appended (the file may not exist yet). */
function realish(path: string): string {
  const abs = resolve(path);
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return abs;
      rest.push(basename(at));
      at = up;
    }
  }
}

/** True if `path` lies in folder `root` (after symbolic links are followed, so a link cannot lead out). */
export function isUnder(path: string, root: string): boolean {
  const rel = relative(realish(root), realish(path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Refuse a file a layout or manifest names outside the root folder (as Typst's --root). */
export function checkUnderRoot(path: string, access: FileAccess | undefined, where: string): void {
  const root = rootOf(access);
  if (!isUnder(path, root)) throw new InputError(`${where}: ${path} is outside the root folder ${root} (files a layout or manifest names must be under it; --root DIR sets it)`);
}

/** A file the page is made from, and what it is to the page (for messages). */
export interface NamedInput {
  path: string;
  role: string;
  kind?: 'layout' | 'template' | 'text' | 'image';
  /** Where the layout names it (`layout.json: regions[2].image`). */
  where?: string;
}

/**
 * Refuse an output path before anything is written: it must be a regular file or not exist yet,
 * its folder must be a folder, and it must not be one of the page's inputs (compared by device and
 * inode, so a link to the text is caught too). `flag` names the option in messages (-o, --alto).
 */
export function checkOutputPath(path: string, inputs: readonly NamedInput[], flag: string): void {
  const abs = resolve(path);
  let s: Stats | undefined;
  try {
    s = statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new InputError(`${flag} ${path}: a part of the path is a file, not a folder`);
    if (code !== 'ENOENT') throw new InputError(`${flag} ${path}: ${fsReason(e)}`);
  }
  if (s && !s.isFile()) throw new InputError(`${flag} ${path}: is ${fileKind(s)}; banmian writes only regular files${s.isDirectory() ? '' : ' (-o - writes to standard output)'}`);
  if (!s) {
    // The nearest existing ancestor must be a folder.
    for (let at = dirname(abs); ; at = dirname(at)) {
      const a = statSync(at, { throwIfNoEntry: false });
      if (a) {
        if (!a.isDirectory()) throw new InputError(`${flag} ${path}: ${at} is ${fileKind(a)}, not a folder`);
        break;
      }
      if (dirname(at) === at) break;
    }
  }
  for (const input of inputs) {
    const same = resolve(input.path) === abs || (s !== undefined && sameFile(s, input.path));
    if (same) throw new InputError(`${flag} ${path}: is ${input.role} (${input.path}); refusing to overwrite an input`);
  }
}

function sameFile(s: Stats, other: string): boolean {
  const o = statSync(other, { throwIfNoEntry: false });
  return !!o && o.dev === s.dev && o.ino === s.ino;
}

/** Refuse two outputs that are the same file. */
export function checkDistinctOutputs(outputs: readonly { path: string; flag: string }[]): void {
  for (let i = 0; i < outputs.length; i++)
    for (let j = i + 1; j < outputs.length; j++)
      if (resolve(outputs[i].path) === resolve(outputs[j].path)) throw new InputError(`${outputs[j].flag} ${outputs[j].path}: is also the ${outputs[i].flag} output`);
}

/**
 * Temp files: hidden, next to their target, named `.<target>.banmian-<pid>-<random>.tmp`, so a run
 * can tell its own from those a killed process left (see removeStaleTemps).
 */
export const TEMP_PATTERN = /^\..*\.banmian-(\d+)-[0-9a-f]{8}\.tmp$/;
const TEMP = TEMP_PATTERN;
export const tempName = (path: string) => join(dirname(path), `.${basename(path).slice(0, 200)}.banmian-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);

/**
 * Write a file so that readers see the old file or the whole new one, never a partial write. The
 * target must be a regular file or not exist (a rename over /dev/null would replace the device).
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = tempName(path);
  let made = false;
  const refuseNonRegular = async () => {
    const s = await stat(path).catch((e) => (['ENOENT'].includes((e as NodeJS.ErrnoException).code!) ? undefined : Promise.reject(e)));
    if (s && !s.isFile()) throw new InputError(`cannot write ${path}: it is ${fileKind(s)}, not a regular file`);
  };
  try {
    // Checked before the temp file is made, and again just before the rename replaces the target.
    await refuseNonRegular();
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, data, { flag: 'wx' });
    made = true;
    await refuseNonRegular();
    await rename(tmp, path);
    made = false;
  } catch (e) {
    if (made) await rm(tmp, { force: true }).catch(() => {});
    if (e instanceof InputError) throw e;
    if (isFsError(e)) throw new InputError(`cannot write ${path}: ${fsReason(e)}`);
    throw e;
  }
}

/** True if a process with this id runs (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A temp file older than this is stale whatever its process id says (ids are reused; no write takes a day). */
const STALE_AFTER_MS = 24 * 3600 * 1000;

/**
 * Remove the temp files (see writeFileAtomic) that processes no longer running left in `dir`: a
 * killed render or batch leaves its temp file; the next run in that folder removes it. Returns the
 * names removed. A missing folder has none.
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const full = join(dir, name);
    const s = await stat(full).catch(() => undefined);
    if (!s?.isFile()) continue;
    if (pid !== process.pid && (!processAlive(pid) || Date.now() - s.mtimeMs > STALE_AFTER_MS)) {
      await rm(full, { force: true }).catch(() => {});
      removed.push(name);
    }
  }
  return removed;
}

/** This process's own temp files in `dir` (a stopped batch removes what its workers left). */
export function removeOwnTempsSync(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (m && Number(m[1]) === process.pid) rmSync(join(dir, name), { force: true });
  }
}

/** Refuse an output folder path that names something else than a folder (a file, a device). */
export function checkOutputFolder(dir: string, flag: string): void {
  let s: Stats | undefined;
  try {
    s = statSync(dir, { throwIfNoEntry: false });
  } catch (e) {
    throw new InputError(`${flag} ${dir}: ${fsReason(e)}`);
  }
  if (s && !s.isDirectory()) throw new InputError(`${flag} ${dir}: is ${fileKind(s)}, not a folder`);
}

/** Make a folder for outputs; a path that is a file, or an unwritable place, is an InputError. */
export function makeOutputFolder(dir: string, flag: string): void {
  checkOutputFolder(dir, flag);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`${flag} ${dir}: cannot make the folder: ${fsReason(e)}`);
  }
}
