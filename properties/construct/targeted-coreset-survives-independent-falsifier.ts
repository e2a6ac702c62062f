/**
 * Property: an ε-targeted coreset is not refuted at ε by an independent verifier run.
 * @module
 */
import fc from 'fast-check';
import { buildForEps } from '../../src/construct/targeted.js';
import { verify } from '../../src/verify/verify.js';
import { describeCase, requireThat } from '../internal/violation.js';
import { buildInstance, type BuildInstanceConstraints } from './build-instance.js';

/** Seed offset of the independent run (different from the builder's seed + 1). */
export const INDEPENDENT_SEED_OFFSET = 7919;

/**
 * Generates the property of `def:eps-coreset` for `buildForEps`: the coreset
 * it returns gets a verdict other than 'fail' from `verify()` run with a
 * different seed and twice the budget. Keys span ≤ 3 dimensions by default
 * (d ≤ 3), where the verifier's branch-and-bound bounds the sup tightly, so
 * acceptance is a statement about the true sup, not about one search.
 * @lemma def:eps-coreset
 */
export function targetedCoresetSurvivesIndependentFalsifier(c: BuildInstanceConstraints = {}) {
  return fc.property(
    buildInstance({ minN: 8, maxN: 40, maxD: 3, ...c }),
    fc.double({ min: 0.25, max: 3, noNaN: true }),
    fc.double({ min: 0.02, max: 0.3, noNaN: true }),
    fc.integer({ min: 0, max: 1000 }),
    (inst, rho, eps, seed) => {
      const r = buildForEps(inst, { rho, eps, seed, budget: 512 });
      const v = verify(inst, r.coreset, { rho, eps, seed: seed + INDEPENDENT_SEED_OFFSET, budget: 1024 });
      requireThat('independent verdict is not fail', v.verdict !== 'fail', () => describeCase(inst, v.witness, r.coreset, `rho=${rho} eps=${eps} seed=${seed}`), `lower ${v.lower}`);
    },
  );
}
