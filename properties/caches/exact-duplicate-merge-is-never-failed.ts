/**
 * Property: folding exact duplicate rows into one row with their
 * multiplicity is an exact cache, and the verifier never fails it.
 * @module
 */
import fc from 'fast-check';
import type { Cache, Instance } from '../../src/types.js';
import { verify } from '../../src/verify/verify.js';
import { describeCase, requireThat } from '../internal/violation.js';

/** An instance built from a pool of distinct rows, each repeated, and the cache of the distinct rows with their counts. */
export interface DuplicateCase {
  readonly instance: Instance;
  readonly cache: Cache;
  readonly rho: number;
  readonly seed: number;
}

/**
 * Generates a pool of p ≤ 5 rows (keys in the unit ball, values in [−1, 1])
 * and a sequence of n ≤ 24 picks from it: the instance is the picked rows,
 * the cache is one row per distinct picked (k, v) with weight = its
 * multiplicity (`def:compressed-cache`).
 * @lemma def:compressed-cache
 */
export function duplicateCase(): fc.Arbitrary<DuplicateCase> {
  return fc.record({ p: fc.integer({ min: 1, max: 5 }), d: fc.integer({ min: 1, max: 4 }), dv: fc.integer({ min: 1, max: 3 }) }).chain(({ p, d, dv }) =>
    fc
      .record({
        keys: fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: p * d, maxLength: p * d }),
        values: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: p * dv, maxLength: p * dv }),
        picks: fc.array(fc.integer({ min: 0, max: p - 1 }), { minLength: 1, maxLength: 24 }),
        rho: fc.double({ min: 0.1, max: 6, noNaN: true }),
        seed: fc.integer({ min: 0, max: 1000 }),
      })
      .map(({ keys, values, picks, rho, seed }) => {
        const n = picks.length;
        const K = new Float64Array(n * d);
        const V = new Float64Array(n * dv);
        const count = new Map<number, number>();
        picks.forEach((r, i) => {
          K.set(keys.slice(r * d, (r + 1) * d), i * d);
          V.set(values.slice(r * dv, (r + 1) * dv), i * dv);
          count.set(r, (count.get(r) ?? 0) + 1);
        });
        const distinct = [...count.keys()].sort((a, b) => a - b);
        const m = distinct.length;
        const cK = new Float64Array(m * d);
        const cV = new Float64Array(m * dv);
        const weights = new Float64Array(m);
        distinct.forEach((r, j) => {
          cK.set(keys.slice(r * d, (r + 1) * d), j * d);
          cV.set(values.slice(r * dv, (r + 1) * dv), j * dv);
          weights[j] = count.get(r) ?? 0;
        });
        return { instance: { n, d, dv, K, V }, cache: { m, d, dv, K: cK, V: cV, weights }, rho, seed };
      }),
  );
}

/**
 * Generates the property: an exact merge of duplicate rows has
 * A_C = A_1 at every query (Z_C = Z_1, N_C = N_1: `lem:cache-error-identity`
 * with μ = 0 after merging equal atoms), so `verify` never returns `fail`,
 * even at ε = 1e−12, and its lower bound stays below ε.
 * @lemma def:compressed-cache
 * @lemma lem:cache-error-identity
 */
export function exactDuplicateMergeIsNeverFailed(): fc.IPropertyWithHooks<[DuplicateCase]> {
  return fc.property(duplicateCase(), ({ instance, cache, rho, seed }) => {
    const eps = 1e-12;
    const r = verify(instance, cache, { rho, eps, seed, budget: 256, bnbNodes: 200 });
    requireThat('exact duplicate merge is not failed', r.verdict !== 'fail' && r.lower <= eps, () => describeCase(instance, r.witness, cache, `rho=${rho}`), `verdict ${r.verdict}, lower ${r.lower}, upper ${r.upper}`);
  });
}
