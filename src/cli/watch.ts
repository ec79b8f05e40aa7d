import { statSync, watch as watchFs, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** One run of a watched command: its exit code and the files the page was made from. */
export interface WatchedRun {
  code: number;
  /** Every file the page read (the layout, the layouts it extends, its text or original PDF, its images). */
  inputs: string[];
}

export interface WatchOptions {
  /** Run the command once; it prints its own report. A thrown error is reported by `onError` and the watch goes on. */
  run: () => Promise<WatchedRun>;
  /** The layout file: watched even when a run fails before it could say what the page reads. */
  layout: string;
  onError: (e: unknown) => Promise<void> | void;
  /** Told after each run caused by a change: which files changed, how long from the change to the end of the run (ms), and the CPU time the run took (ms). */
  onRerun?: (changed: string[], ms: number, code: number, cpuMs: number) => void;
  /** Told once the files of the first run are watched: how many. */
  onReady?: (files: number) => void;
  /** Stops the watch (the CLI: Ctrl-C). */
  signal?: AbortSignal;
}

/** A file's modification time and size (0 when it is gone): what says it changed. */
const stamp = (file: string) => {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? `${s.mtimeMs}:${s.size}` : '0';
};

/**
 * Changes that come together (an editor writes a file and renames it into place, a script writes
 * several files) within this many milliseconds make one run: short against a render (100 ms and up).
 */
const SETTLE_MS = 25;

/**
 * Run a command, then again whenever one of the files it read changes, until the signal aborts.
 * Folders are watched rather than files (node:fs watch, inotify on Linux): editors save by writing a
 * new file and renaming it over the old one, which a watch on the old file would not see. A change
 * during a run starts another as soon as it ends. Resolves with the last run's exit code.
 */
export async function watchRuns(options: WatchOptions): Promise<number> {
  let inputs = new Set<string>([resolve(options.layout)]);
  let code = 2;
  // Each file's stamp when the last run began: a change made while it ran (before its files were
  // watched, or in a file it read for the first time) starts the next run.
  let stamps = new Map<string, string>();
  const attempt = async (): Promise<void> => {
    const before = new Map([...inputs].map((f) => [f, stamp(f)]));
    try {
      const r = await options.run();
      code = r.code;
      inputs = new Set([resolve(options.layout), ...r.inputs.map((f) => resolve(f))]);
    } catch (e) {
      code = 2;
      await options.onError(e);
    }
    // Files read for the first time: as they were when the run began is unknown, so as they are now
    // (a change in the instant between reading and this is the one case left unseen).
    stamps = new Map([...inputs].map((f) => [f, before.get(f) ?? stamp(f)]));
  };
  const changedSinceRun = () => [...inputs].filter((f) => stamps.get(f) !== stamp(f));
  await attempt();
  if (options.signal?.aborted) return code;

  const watchers = new Map<string, FSWatcher>();
  let changed = new Set<string>();
  let firstChange = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const watchFolders = () => {
    const folders = new Set([...inputs].map((f) => dirname(f)));
    for (const [folder, w] of watchers) if (!folders.has(folder)) (w.close(), watchers.delete(folder));
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        const w = watchFs(folder, (_event, name) => name && noticed(resolve(folder, name.toString())));
        w.on('error', () => {});
        watchers.set(folder, w);
      } catch {
        // A folder that is gone (a text moved away): the next run says what is missing.
      }
    }
  };
  const noticed = (file: string) => {
    if (!inputs.has(file)) return;
    if (!changed.size) firstChange = performance.now();
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(rerun, SETTLE_MS);
  };
  const rerun = () => {
    if (running) return;
    const files = [...changed].map((f) => basename(f));
    const since = firstChange;
    changed = new Set();
    const cpu = process.cpuUsage();
    running = attempt().then(() => {
      const used = process.cpuUsage(cpu);
      options.onRerun?.(files, performance.now() - since, code, (used.user + used.system) / 1000);
      running = undefined;
      watchFolders();
      // What changed during the run starts the next one.
      for (const f of changedSinceRun()) noticed(f);
      if (changed.size) timer = setTimeout(rerun, SETTLE_MS);
    });
  };
  watchFolders();
  options.onReady?.(inputs.size);
  for (const f of changedSinceRun()) noticed(f);
  await new Promise<void>((stop) => {
    if (!options.signal) return;
    options.signal.addEventListener('abort', () => stop(), { once: true });
  });
  clearTimeout(timer);
  await running;
  for (const w of watchers.values()) w.close();
  return code;
}

/** Until Ctrl-C (SIGINT) or SIGTERM: the signal a watching command stops on. */
export function untilInterrupted(): { signal: AbortSignal; dispose: () => void } {
  const stop = new AbortController();
  const handler = () => stop.abort();
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return { signal: stop.signal, dispose: () => (process.off('SIGINT', handler), process.off('SIGTERM', handler)) };
}
