/**
 * Property: every builder returns a valid, mass-calibrated weighted set.
 * @module
 */
import fc from 'fast-check';
import { buildCoreset } from '../../src/construct/build.js';
import { BUILD_METHODS } from '../../src/construct/types.js';
import { gamma } from '../../src/fast/float-error.js';
import { validateCoreset } from '../../src/validate.js';
import { describeCase, requireThat } from '../internal/violation.js';
import { buildInstance, type BuildInstanceConstraints } from './build-instance.js';

/**
 * Generates the property of `def:weighted-set` for `buildCoreset`: for every
 * method, size and seed the result passes `validateCoreset` (indices in
 * range, weights finite and ≥ 0, not all 0), has distinct indices, at most
 * the requested number of rows (all n when size ≥ n), and — for 'halving'
 * and 'uniform' — weights summing to n within n·γ_m (`def:mass-error`: mass
 * calibrated at q = 0; 'sensitivity' is an unbiased estimator, not exact).
 * @lemma def:weighted-set
 * @lemma def:mass-error
 */
export function buildOutputsAreValidWeightedSets(c: BuildInstanceConstraints = {}) {
  return fc.property(
    buildInstance(c),
    fc.integer({ min: 1, max: 80 }),
    fc.constantFrom(...BUILD_METHODS),
    fc.double({ min: 0.25, max: 4, noNaN: true }),
    fc.integer({ min: 0, max: 1000 }),
    (inst, size, method, rho, seed) => {
      const r = buildCoreset(inst, { rho, size, method, seed });
      const { indices, weights } = r.coreset;
      const input = () => describeCase(inst, undefined, r.coreset, `method=${method} size=${size} rho=${rho} seed=${seed}`);
      validateCoreset(r.coreset, inst.n);
      requireThat('indices are distinct', new Set(indices).size === indices.length, input);
      requireThat('size ≤ requested (n when size ≥ n)', indices.length <= Math.min(size, inst.n) && (size < inst.n || indices.length === inst.n), input);
      requireThat('reported size is the row count', r.size === indices.length, input);
      if (method !== 'sensitivity') {
        const total = weights.reduce((a, b) => a + b, 0);
        requireThat('weights sum to n', Math.abs(total - inst.n) <= inst.n * gamma(indices.length + 2), input, `sum ${total}`);
      }
    },
  );
}
