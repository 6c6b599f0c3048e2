import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** What one benchmark step cost: wall time and the peak resident memory of whoever did the work. */
export interface Cost {
  readonly seconds: number;
  readonly peakMb: number;
}

export const ROOT = resolve(__dirname, '..');

/**
 * Runs a command to the end as its own process; returns its wall time and the peak resident memory
 * it reached (VmHWM from /proc, polled every 25 ms). Exit 0 and exit 2 (done, some rows refused) pass.
 */
export async function measure(command: string, args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<Cost> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'inherit', 'inherit'] });
  child.stdin.end(stdin ?? '');
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm !== null) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // the process has ended
    }
  }, 25);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(poll);
  if (code !== 0 && code !== 2) throw new Error(`${command} exited with ${code}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb: peakKb / 1024 };
}

/**
 * Runs work in this process; returns its result, wall time and the highest resident set size
 * sampled every 20 ms while it ran (VmHWM would carry the peak of earlier steps).
 */
export async function measureHere<T>(work: () => Promise<T>): Promise<Cost & { result: T }> {
  let peak = process.memoryUsage.rss();
  const poll = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(poll);
  }
}

/** The median and the maximum of some timings. */
export function medianAndMax(values: readonly number[]): { median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}
