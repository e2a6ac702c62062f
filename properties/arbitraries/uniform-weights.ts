/**
 * Arbitrary: uniform-weight subsets.
 * @module
 */
import fc from 'fast-check';
import type { Coreset } from '../../src/types.js';

/** Constraints of {@link uniformWeights}. */
export interface UniformWeightsConstraints {
  /** The common weight; `undefined` draws one in [2⁻²⁰, 2²⁰]. @defaultValue undefined */
  readonly weight?: number;
}

/**
 * Generates a uniform-weight subset of n rows (`def:weighted-set`): a
 * non-empty set of distinct indices, all with the same positive weight.
 * @lemma def:weighted-set
 */
export function uniformWeights(n: number, constraints: UniformWeightsConstraints = {}): fc.Arbitrary<Coreset> {
  const weight = constraints.weight !== undefined ? fc.constant(constraints.weight) : fc.double({ min: 2 ** -20, max: 2 ** 20, noNaN: true });
  return fc
    .tuple(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }), weight)
    .map(([idx, a]) => ({ indices: Uint32Array.from(idx), weights: new Float64Array(idx.length).fill(a) }));
}
