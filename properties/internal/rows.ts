/**
 * Small vector helpers shared by the arbitraries.
 * @module
 * @internal
 */
import fc from 'fast-check';
import type { Instance } from '../../src/types.js';
import { normAtMost } from './exact.js';

/**
 * Generates a unit vector of R^d: coordinates in [−1, 1], rejected when
 * nearly 0, then divided by their norm (so ‖x‖ = 1 within a few ulps).
 * @internal
 * @lemma def:instance
 */
export function unitVector(d: number): fc.Arbitrary<number[]> {
  return fc
    .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d })
    .filter((x) => x.reduce((s, t) => s + t * t, 0) > 1e-6)
    .map(normalize);
}

/**
 * Computes x/‖x‖ (x ≠ 0).
 * @internal
 * @lemma def:instance
 */
export function normalize(x: readonly number[]): number[] {
  const r = Math.sqrt(x.reduce((s, t) => s + t * t, 0));
  return x.map((t) => t / r);
}

/**
 * Computes the largest multiple c·x with c ≤ r/‖x‖ of exact norm ≤ r: scaled
 * in binary64, then shrunk by one ulp at a time until ‖·‖ ≤ r holds exactly.
 * @internal
 * @lemma def:query-ball
 */
export function scaleIntoBall(x: readonly number[], r: number): Float64Array {
  const norm = Math.sqrt(x.reduce((s, t) => s + t * t, 0));
  const q = Float64Array.from(x, (t) => (norm === 0 ? 0 : (t / norm) * r));
  // 1 − 2⁻⁵² moves every normal coordinate down by about one ulp; the cap
  // only matters for all-subnormal vectors, where a coarser step ends it.
  for (let t = 0; !normAtMost(q, r); t++) {
    const f = t < 64 ? 1 - 2 ** -52 : 0.5;
    for (let j = 0; j < q.length; j++) q[j] *= f;
  }
  return q;
}

/**
 * Assembles an instance from key and value rows.
 * @internal
 * @lemma def:instance
 */
export function instanceOf(keys: readonly (readonly number[])[], values: readonly (readonly number[])[]): Instance {
  const n = keys.length;
  const d = keys[0].length;
  const dv = values[0].length;
  return { n, d, dv, K: Float64Array.from(keys.flat()), V: Float64Array.from(values.flat()) };
}
