/** Shared bits of the benchmark: timing helpers and the shape of one result row. */
import { performance } from 'node:perf_hooks';

export interface Row {
  /** Which of the measured areas the row belongs to. */
  area: string;
  name: string;
  /** The figure as printed, e.g. "0.42 ms" or "1.08x". */
  value: string;
  budget: string;
  pass: boolean;
  note?: string;
}

/** A finished part: its table rows and any detail (markdown) for docs/benchmarks.md. */
export interface Part {
  rows: Row[];
  detail: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function geomean(values: readonly number[]): number {
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}

/** Median wall time of `runs` calls of `fn` (after one warm-up call), in ms. */
export function timeSync(fn: () => unknown, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function timeAsync(fn: (i: number) => Promise<unknown>, runs: number, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn(runs + i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return median(times);
}

export const ms = (v: number): string => (v < 10 ? `${v.toFixed(2)} ms` : v < 1000 ? `${v.toFixed(1)} ms` : `${(v / 1000).toFixed(2)} s`);
export const ratio = (v: number): string => `${v.toFixed(2)}x`;
export const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
export const kb = (v: number): string => (v < 1024 ? `${v} B` : `${(v / 1024).toFixed(1)} KiB`);

export function mdTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

