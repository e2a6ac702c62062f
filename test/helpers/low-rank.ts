/**
 * The low-rank family of the certificates benchmark (issue 15): unit keys in
 * a random r-dimensional subspace of R^d.
 * @module
 */
import { randomUnitVector, seededRng } from '../../src/families/rng.js';
import type { Instance } from '../../src/types.js';

/** Keys on the unit sphere of a random r-dimensional subspace of R^64 (plus `noise`·a random unit vector before normalising), values uniform on the sphere. */
export function lowRankInstance(n: number, d: number, r: number, seed: number, noise = 0): Instance {
  const rng = seededRng(seed);
  const basis = Array.from({ length: r }, () => randomUnitVector(rng, d));
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const y = randomUnitVector(rng, r);
    for (let t = 0; t < r; t++) for (let a = 0; a < d; a++) K[i * d + a] += y[t] * basis[t][a];
    if (noise > 0) {
      const z = randomUnitVector(rng, d);
      for (let a = 0; a < d; a++) K[i * d + a] += noise * z[a];
    }
    let s = 0;
    for (let a = 0; a < d; a++) s += K[i * d + a] ** 2;
    for (let a = 0; a < d; a++) K[i * d + a] /= Math.sqrt(s);
    V.set(randomUnitVector(rng, d), i * d);
  }
  return { n, d, dv: d, K, V };
}
