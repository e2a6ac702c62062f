/**
 * A small seeded generator for reproducible test instances (`gen --seed`).
 * Not cryptographic; the same seed gives the same stream on every platform.
 * @module
 */

/** A stream of uniform doubles in [0, 1) and standard normals. */
export interface Rng {
  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/**
 * Generates a seeded {@link Rng} (SplitMix64 state, 53-bit outputs); the
 * instances of `def:instance` that `gen` writes are functions of this seed.
 * @lemma def:instance
 * @example
 * ```ts
 * import { seededRng } from 'attn-coreset';
 *
 * const rng = seededRng(42); // the same stream on every machine
 * console.log(rng.uniform(), rng.normal());
 * ```
 */
export function seededRng(seed: number): Rng {
  let s = BigInt.asUintN(64, BigInt(Math.trunc(seed)) * 0x9e3779b97f4a7c15n + 0x632be59bd9b4e019n);
  const next = (): bigint => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
  const uniform = (): number => Number(next() >> 11n) * 2 ** -53;
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const r = spare;
      spare = null;
      return r;
    }
    const u1 = 1 - uniform();
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
  return { uniform, normal };
}

/**
 * Generates a uniformly random unit vector of R^d into `out` (normalised
 * Gaussian; a zero draw, probability 0, is redrawn).
 * @lemma def:instance
 */
export function randomUnitVector(rng: Rng, d: number, out: Float64Array = new Float64Array(d)): Float64Array {
  for (;;) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      out[j] = rng.normal();
      s += out[j] * out[j];
    }
    if (s > 0) {
      const r = Math.sqrt(s);
      for (let j = 0; j < d; j++) out[j] /= r;
      return out;
    }
  }
}
