/**
 * Arbitrary: a unit-setting instance, a coreset and a radius at the ends
 * of binary64.
 * @module
 */
import fc from 'fast-check';
import type { Coreset, Instance } from '../../src/types.js';
import { unitVector } from '../internal/rows.js';
import { logUniformMagnitude } from './log-uniform-magnitude.js';

/** A unit-setting instance, a weighted subset of it, ρ and ε. */
export interface ExtremeRadiusCase {
  readonly instance: Instance;
  readonly coreset: Coreset;
  readonly rho: number;
  readonly eps: number;
}

/**
 * Generates n ≤ 5 unit keys and values in d ≤ 3, ρ ∈ [1e-300, 1e308]
 * (logits up to ±1e308, the reference's unshifted e^ℓ overflowing past
 * 2e16), a coreset of 1..n rows with weights 5e-324…1e308 (repeats
 * allowed, so sums may overflow) and ε ∈ [1e-3, 1]: the verifier's and the
 * builders' inputs of `def:representable-output`.
 * @lemma def:representable-output
 */
export function extremeRadiusCase(): fc.Arbitrary<ExtremeRadiusCase> {
  return fc.record({ n: fc.integer({ min: 1, max: 5 }), d: fc.integer({ min: 1, max: 3 }) }).chain(({ n, d }) =>
    fc
      .record({
        keys: fc.array(unitVector(d), { minLength: n, maxLength: n }),
        values: fc.array(unitVector(d), { minLength: n, maxLength: n }),
        entries: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), logUniformMagnitude(5e-324, 1e308)), { minLength: 1, maxLength: n + 1 }),
        rho: logUniformMagnitude(1e-300, 1e308),
        eps: fc.double({ min: 1e-3, max: 1, noNaN: true }),
      })
      .map(({ keys, values, entries, rho, eps }) => ({
        instance: { n, d, dv: d, K: Float64Array.from(keys.flat()), V: Float64Array.from(values.flat()) },
        coreset: { indices: Uint32Array.from(entries.map(([i]) => i)), weights: Float64Array.from(entries.map(([, w]) => w)) },
        rho,
        eps,
      })),
  );
}
