/**
 * Arbitrary: weighted sets with zeros and repeated indices.
 * @module
 */
import fc from 'fast-check';
import type { Coreset } from '../../src/types.js';

/** Constraints of {@link sparseWeights}. */
export interface SparseWeightsConstraints {
  /** Probability-ish share of zero entries (one entry is always positive). @defaultValue 0.5 */
  readonly zeroShare?: number;
}

/**
 * Generates a weighted set over n rows with explicit zero weights and
 * repeated indices (`def:weighted-set`: zeros leave the support, repeats
 * add), at least one weight positive.
 * @lemma def:weighted-set
 */
export function sparseWeights(n: number, constraints: SparseWeightsConstraints = {}): fc.Arbitrary<Coreset> {
  const z = constraints.zeroShare ?? 0.5;
  const entry = fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }));
  return fc
    .tuple(fc.array(entry, { minLength: 1, maxLength: 2 * n }), fc.integer({ min: 0, max: n - 1 }), fc.double({ min: 0.01, max: 100, noNaN: true }))
    .map(([es, i0, w0]) => ({
      indices: Uint32Array.from([i0, ...es.map(([i]) => i)]),
      weights: Float64Array.from([w0, ...es.map(([, u, x]) => (u < z ? 0 : x))]),
    }));
}
