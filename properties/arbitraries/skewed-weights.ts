/**
 * Arbitrary: weights spanning many orders of magnitude.
 * @module
 */
import fc from 'fast-check';
import type { Coreset } from '../../src/types.js';

/** Constraints of {@link skewedWeights}. */
export interface SkewedWeightsConstraints {
  /** Largest ratio exponent: weights are 2^e·x with |e| ≤ this and x ∈ [1, 2). @defaultValue 40 */
  readonly maxBinaryExponent?: number;
}

/**
 * Generates a weighted set over n rows whose weights differ by up to
 * 2^{2·maxBinaryExponent} (`def:weighted-set`): importance-sampling weights,
 * where a few rows carry most of the mass.
 * @lemma def:weighted-set
 */
export function skewedWeights(n: number, constraints: SkewedWeightsConstraints = {}): fc.Arbitrary<Coreset> {
  const e = constraints.maxBinaryExponent ?? 40;
  const entry = fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: -e, max: e }), fc.double({ min: 1, max: 2, noNaN: true, maxExcluded: true }));
  return fc.array(entry, { minLength: 1, maxLength: n }).map((es) => ({
    indices: Uint32Array.from(es.map(([i]) => i)),
    weights: Float64Array.from(es.map(([, k, x]) => x * 2 ** k)),
  }));
}
