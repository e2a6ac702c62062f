/**
 * Shared pieces of the attention CLI tests: a seeded generator, an
 * independent float64 attention (plain loops, max-shifted), and an
 * in-process runner.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller). */
export function gaussian(rand: () => number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) out[k] = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return out;
}

/** Rescales each row of a rows × cols matrix to a norm drawn uniformly from [lo, hi]. */
export function withRowNorms(m: Float64Array, cols: number, lo: number, hi: number, rand: () => number): Float64Array {
  const out = m.slice();
  for (let i = 0; i < m.length / cols; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += m[i * cols + j] ** 2;
    const f = (lo + (hi - lo) * rand()) / Math.sqrt(s);
    for (let j = 0; j < cols; j++) out[i * cols + j] *= f;
  }
  return out;
}

/**
 * A_a(q) by the textbook formula, written independently of src/fast:
 * logits ℓ_i = (Σ_j q_j k_ij)·scale, shift by the largest logit of positive
 * weight, then Σ a_i e^{ℓ_i − m} v_i / Σ a_i e^{ℓ_i − m}.
 */
export function naiveAttention(K: Float64Array, V: Float64Array, d: number, dv: number, q: Float64Array, a: Float64Array | null, scale: number): Float64Array {
  const n = K.length / d;
  const l = new Float64Array(n);
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += q[j] * K[i * d + j];
    l[i] = scale === 1 ? s : s * scale;
    if ((a === null || a[i] > 0) && l[i] > m) m = l[i];
  }
  const out = new Float64Array(dv);
  let z = 0;
  for (let i = 0; i < n; i++) {
    const w = a === null ? 1 : a[i];
    if (w === 0) continue;
    const e = w * Math.exp(l[i] - m);
    z += e;
    for (let c = 0; c < dv; c++) out[c] += e * V[i * dv + c];
  }
  for (let c = 0; c < dv; c++) out[c] /= z;
  return out;
}

/** Euclidean distance of two vectors. */
export function dist(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += (x[k] - y[k]) ** 2;
  return Math.sqrt(s);
}

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `attn-coreset <argv>` in-process; returns exit code and output. */
export async function cli(argv: string[], options: { tty?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo(options);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}
