/**
 * Arbitrary: weights near the ends of the binary64 range.
 * @module
 */
import fc from 'fast-check';
import type { Coreset } from '../../src/types.js';

/** Constraints of {@link extremeWeights}. */
export interface ExtremeWeightsConstraints {
  /** `'tiny'`: weights in [1e−300, 1e−299]; `'huge'`: in [1e306, 1e307]/m with a finite sum. @defaultValue 'tiny' */
  readonly magnitude?: 'tiny' | 'huge';
}

/**
 * Generates a weighted set over n rows with every weight tiny (≈ 1e−300,
 * still normal, so products with e^{ℓ−m} may underflow) or huge (≈ 1e306/m,
 * so the sum stays finite but any unshifted evaluation overflows):
 * `def:weighted-set` says only the ratios matter (`lem:shift-invariance`).
 * @lemma def:weighted-set
 * @lemma lem:shift-invariance
 */
export function extremeWeights(n: number, constraints: ExtremeWeightsConstraints = {}): fc.Arbitrary<Coreset> {
  const huge = (constraints.magnitude ?? 'tiny') === 'huge';
  return fc.integer({ min: 1, max: n }).chain((m) => {
    const base = huge ? 1e306 / m : 1e-300;
    const entry = fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.double({ min: 1, max: 10, noNaN: true }));
    return fc.array(entry, { minLength: m, maxLength: m }).map((es) => ({
      indices: Uint32Array.from(es.map(([i]) => i)),
      weights: Float64Array.from(es.map(([, x]) => x * base)),
    }));
  });
}
