import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the bench runs from dist/bench). */
export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const SAMPLE_LAYOUT = resolve(ROOT, 'layouts/puyang-daily-kaifaqu.json');
export const SAMPLE_TEXT = resolve(ROOT, 'input/puyang-daily-kaifaqu.txt');
export const SERIF_TTF = resolve(ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Least, median and greatest of a list. */
export const spread = (xs: number[]) => ({ min: Math.min(...xs), median: median(xs), max: Math.max(...xs) });

export interface ProcessRun {
  ms: number;
  /** CPU time of the child, user + system, ms (from /usr/bin/time when present). */
  cpuMs?: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child, MB (from /usr/bin/time when present). */
  maxRssMB?: number;
}

const TIME = '/usr/bin/time';
let hasTime: boolean | undefined;

/** Run a node process and time it from spawn to exit (wall clock). */
export const timeNode = (args: string[], opts: { cwd?: string } = {}) => timeRun(process.execPath, args, opts);

/** Run a program (an executable file: its #! line applies) and time it from spawn to exit (wall clock). */
export async function timeRun(program: string, args: string[], opts: { cwd?: string } = {}): Promise<ProcessRun> {
  hasTime ??= (await import('node:fs')).existsSync(TIME);
  const [cmd, argv] = hasTime ? [TIME, ['-f', '@@maxrss %M %U %S', program, ...args]] : [program, args];
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(cmd, argv, { cwd: opts.cwd ?? ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const m = /@@maxrss (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      done({ ms, code, stdout, stderr: stderr.replace(/@@maxrss .*\n?/, ''), ...(m ? { maxRssMB: Number(m[1]) / 1024, cpuMs: (Number(m[2]) + Number(m[3])) * 1000 } : {}) });
    });
  });
}

export const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
