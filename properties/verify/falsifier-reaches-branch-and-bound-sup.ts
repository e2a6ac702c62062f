/**
 * Property: on keys spanning ≤ 3 dimensions the falsifier gets within 1% of
 * the exhaustive branch-and-bound.
 * @module
 */
import fc from 'fast-check';
import { coresetErrorBound, evaluationProfile } from '../../src/fast/float-error.js';
import { normalizeCoreset } from '../../src/validate.js';
import { branchAndBound } from '../../src/verify/branch-and-bound.js';
import { makePair } from '../../src/verify/batch.js';
import { falsify } from '../../src/verify/falsify.js';
import type { Coreset, Instance } from '../../src/types.js';
import { lowRankKeyInstance } from '../arbitraries/low-rank-key-instance.js';
import { weighting } from '../arbitraries/weighting.js';
import { describeCase, requireAtMost, requireThat } from '../internal/violation.js';

/** The branch-and-bound tolerance used here (absolute, on err). */
const BNB_TOLERANCE = 1e-3;

/**
 * Generates the property: with keys in an r ≤ 3 dimensional subspace, the
 * falsifier's value is ≥ 0.99 of the branch-and-bound's best value, and the
 * branch-and-bound's certified upper bound is ≥ the falsifier's value
 * (`lem:branch-and-bound`).
 * @lemma lem:branch-and-bound
 */
export function falsifierReachesBranchAndBoundSup(): fc.IPropertyWithHooks<[{ inst: Instance; w: Coreset; rho: number; seed: number }]> {
  const cases = lowRankKeyInstance({ maxN: 10, maxD: 4, maxDv: 3 }).chain((inst) =>
    fc.record({
      inst: fc.constant(inst),
      w: weighting(inst.n, { fullSet: false, extreme: false }) as fc.Arbitrary<Coreset>,
      rho: fc.double({ min: 0.25, max: 3, noNaN: true }),
      seed: fc.integer({ min: 0, max: 1000 }),
    }),
  );
  return fc.property(cases, ({ inst, w, rho, seed }) => {
    const c = normalizeCoreset(w, inst.n);
    const bb = branchAndBound(inst, c, rho, { tolerance: BNB_TOLERANCE, maxNodes: 100_000 });
    const f = falsify(makePair(inst, c), { rho, budget: 1024, seed, coreRows: c.indices });
    const fb = coresetErrorBound(evaluationProfile(inst, f.query, null), evaluationProfile(inst, f.query, c));
    const input = (): string => describeCase(inst, f.query, w, `rho=${rho}`);
    requireThat('branch-and-bound completes', bb.complete, input, `upper ${bb.upper} lower ${bb.lower} nodes ${bb.nodes}`);
    requireAtMost('falsifier ≥ 0.99 · branch-and-bound value', 0.99 * bb.lower, f.error + fb, input);
    requireAtMost('falsifier ≤ branch-and-bound upper', f.error - fb, bb.upper, input);
  });
}
