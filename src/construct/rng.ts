/**
 * A small seeded pseudo-random generator for the builders: every randomised
 * construction is reproducible from its `seed`.
 * @module
 */
import { boxMuller, xoshiro128ss } from '../prng.js';

/** A seeded stream of uniform and Gaussian numbers. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, k). */
  int(k: number): number;
  /** Standard normal. */
  gauss(): number;
}

/**
 * Creates a reproducible generator (xoshiro128** seeded by splitmix32) from an
 * integer seed; equal seeds give equal streams on every platform.
 *
 * Method: xoshiro128** (Blackman–Vigna) on four 32-bit words; Gaussians by
 * Box–Muller. Statistical quality is ample for sampling and random walks.
 * @lemma thm:self-balancing-walk
 */
export function createRng(seed: number): Rng {
  let x = (Math.trunc(seed) >>> 0) ^ 0x9e3779b9;
  const split = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const u32 = xoshiro128ss(split(), split(), split(), split() | 1);
  const next = (): number => (u32() * 2 ** 21 + (u32() >>> 11)) / 2 ** 53;
  return { next, int: (k) => Math.floor(next() * k), gauss: boxMuller(next) };
}

/**
 * Computes the first `k` entries of a uniformly random permutation of
 * 0..n−1 (Fisher–Yates): the random order the halving rounds pair rows in.
 * @lemma thm:kernel-halving
 * @internal
 */
export function samplePermutation(rng: Rng, n: number, k = n): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < k && i < n - 1; i++) {
    const j = i + rng.int(n - i);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return k === n ? p : p.slice(0, k);
}
