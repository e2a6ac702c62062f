/**
 * A small seeded pseudo-random generator, so every falsifier run is
 * reproducible from its seed (DESIGN §5: `--seed` everywhere).
 *
 * xoshiro128** (Blackman and Vigna, 2018) on four 32-bit words, seeded by
 * splitmix32 from one integer: 32-bit operations only, so it is exact in
 * JavaScript and identical on every platform.
 * @module
 */
import { boxMuller, xoshiro128ss } from '../prng.js';

/** A deterministic stream of uniform and Gaussian numbers. */
export interface Rng {
  /** Uniform in [0, 1) with 32 random bits. */
  next(): number;
  /** Standard normal (Box–Muller). */
  gaussian(): number;
  /** Uniform integer in [0, k). */
  int(k: number): number;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Creates the generator for `seed` (any finite number; its integer part
 * modulo 2³² and its high bits both enter the state, so nearby seeds give
 * unrelated streams).
 *
 * @example
 * ```ts
 * const r = createRng(1);
 * r.next(); // same value on every run
 * ```
 * @lemma def:query-ball
 */
export function createRng(seed: number): Rng {
  const sm = { s: (Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32)) | 0 };
  let a = splitmix32(sm);
  let b = splitmix32(sm);
  let c = splitmix32(sm);
  let d = splitmix32(sm);
  if ((a | b | c | d) === 0) a = 1;
  const next32 = xoshiro128ss(a, b, c, d);
  const next = (): number => next32() / 4294967296;
  return { next, gaussian: boxMuller(next), int: (k: number): number => Math.floor(next() * k) };
}
