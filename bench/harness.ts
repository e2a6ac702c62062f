/**
 * The benchmark contract: every `bench/*.bench.ts` default-exports a
 * {@link Bench}; `bench/run.ts` runs them all in one process (so ratios
 * compare like with like) and writes `bench/RESULTS.md`.
 * @module
 */
import os from 'node:os';
import type { Instance } from '../src/types.js';
import { createRng } from '../src/verify/rng.js';

/** What one benchmark file reports: a section of RESULTS.md. */
export interface BenchResult {
  /** Section title. */
  readonly title: string;
  /** Markdown lines (tables, notes), written as they are. */
  readonly lines: readonly string[];
}

/** A benchmark: runs, prints progress to stderr if it likes, returns its section. */
export type Bench = () => BenchResult | Promise<BenchResult>;

/** Seconds taken by `f`, and its value. */
export function timed<T>(f: () => T): { value: T; seconds: number } {
  const t0 = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/** A random unit-sphere instance (keys and values i.i.d. Gaussian, normalised). */
export function randomUnitInstance(n: number, d: number, dv: number, seed: number): Instance {
  const rng = createRng(seed);
  const rows = (m: number, k: number): Float64Array => {
    const X = new Float64Array(m * k);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let a = 0; a < k; a++) {
        const g = rng.gaussian();
        X[i * k + a] = g;
        s += g * g;
      }
      const f = 1 / Math.sqrt(s);
      for (let a = 0; a < k; a++) X[i * k + a] *= f;
    }
    return X;
  };
  return { n, d, dv, K: rows(n, d), V: rows(n, dv) };
}

/** A uniformly random m-subset of 0..n−1 (partial Fisher–Yates), increasing. */
export function randomSubset(n: number, m: number, seed: number): Uint32Array {
  const rng = createRng(seed);
  const perm = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, m).sort();
}

/** One line describing the machine, for RESULTS.md. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`;
}

/** Formats a markdown table. */
export function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}
