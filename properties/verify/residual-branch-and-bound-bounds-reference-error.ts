/**
 * Property: branch-and-bound on a span the keys are only near (or exactly
 * in, up to 4 dimensions) is never below the error at any ball point.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../../src/reference/index.js';
import type { Coreset, Instance } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { branchAndBound } from '../../src/verify/branch-and-bound.js';
import { keySpan, leadingSpan, MAX_SPAN_RANK } from '../../src/verify/span.js';
import { intoBall } from '../../src/verify/witness.js';
import { boundaryQuery } from '../arbitraries/boundary-query.js';
import { interiorQuery } from '../arbitraries/interior-query.js';
import { lowRankKeyInstance } from '../arbitraries/low-rank-key-instance.js';
import { weighting } from '../arbitraries/weighting.js';
import { searchSup } from '../internal/independent-search.js';
import { describeCase, requireAtMost, requireThat } from '../internal/violation.js';

/**
 * Generates the property of `lem:residual-reduction` (and of
 * `lem:branch-and-bound` up to rank 4): keys in a random r ≤ 4 dimensional
 * subspace of R^d (d ≤ 6) plus off-span noise of size σ ∈ [0, 0.3] (σ = 0
 * in a third of the cases), a weighted set, ρ ∈ [0.1, 2]; branch-and-bound
 * on `keySpan` when the keys span ≤ 4 dimensions, else on the residual
 * `leadingSpan` of rank r, with few nodes (a loose but valid bound). Its
 * upper bound is ≥ the 30-digit reference error at a sphere point, an
 * interior point, its own witness and the best point of an independent
 * compass search (own softmax) from those.
 * @lemma lem:residual-reduction
 * @lemma lem:branch-and-bound
 */
export function residualBranchAndBoundBoundsReferenceError() {
  const arb = lowRankKeyInstance({ maxN: 7, maxD: 6, maxDv: 2, maxRank: MAX_SPAN_RANK }).chain((inst) =>
    fc.record({
      inst: fc.constant(inst),
      noise: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 0.3, noNaN: true })),
      dirs: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: inst.n * inst.d, maxLength: inst.n * inst.d }),
      w: weighting(inst.n, { fullSet: false }) as fc.Arbitrary<Coreset>,
      rho: fc.double({ min: 0.1, max: 2, noNaN: true }),
      rank: fc.integer({ min: 1, max: MAX_SPAN_RANK }),
    }).chain((c) => fc.tuple(boundaryQuery(inst.d, c.rho), interiorQuery(inst.d, c.rho)).map(([qs, qi]) => ({ ...c, qs, qi }))),
  );
  return fc.property(arb, ({ inst: base, noise, dirs, w, rho, rank, qs, qi }) => {
    const K = Float64Array.from(base.K, (x, t) => x + noise * dirs[t]);
    const inst: Instance = { ...base, K };
    const c = normalizeCoreset(w, inst.n);
    const exact = keySpan(inst);
    const span = exact.rank <= MAX_SPAN_RANK ? exact : leadingSpan(inst, Math.min(rank, inst.d));
    const bb = branchAndBound(inst, c, rho, { tolerance: 1e-3, maxNodes: 150, span });
    const info = (): string => describeCase(inst, qs, w, `rho=${rho} span rank=${span.rank} residual=${span.residual}`);
    requireThat('upper is a number ≥ the reduced lower', bb.upper >= bb.lower, info, `upper ${bb.upper}, lower ${bb.lower}`);
    const found = searchSup(inst, c, rho, [qs, qi, intoBall(bb.witness, rho)]);
    for (const q of [qs, qi, intoBall(bb.witness, rho), intoBall(found, rho)]) {
      requireAtMost('reference err(q) ≤ branch-and-bound upper', Ref.coresetError(inst, q, c, { digits: 30 }), bb.upper, info);
    }
  });
}
