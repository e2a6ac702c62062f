/**
 * Property: branch-and-bound on the span of the union bounds a cache's error.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../../src/reference/index.js';
import type { Cache } from '../../src/types.js';
import { branchAndBound, spanOf } from '../../src/verify/branch-and-bound.js';
import { boundaryQuery } from '../arbitraries/boundary-query.js';
import { lowRankKeyInstance } from '../arbitraries/low-rank-key-instance.js';
import { describeCase, requireAtMost, requireThat } from '../internal/violation.js';

/**
 * Generates a cache whose keys are combinations of the instance's keys
 * (so the union spans what the instance spans), values free, weights ≥ 0.
 */
function inSpanCache(inst: { n: number; d: number; dv: number; K: Float64Array }): fc.Arbitrary<Cache> {
  const { n, d, dv } = inst;
  return fc.integer({ min: 1, max: 4 }).chain((m) =>
    fc
      .tuple(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: m * n, maxLength: m * n }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: m * dv, maxLength: m * dv }),
        fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: m, maxLength: m }),
      )
      .map(([mix, v, w]) => {
        const K = new Float64Array(m * d);
        for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) K[j * d + a] += (mix[j * n + i] / n) * inst.K[i * d + a];
        return { m, d, dv, K, V: Float64Array.from(v), weights: Float64Array.from(w) };
      }),
  );
}

/**
 * Generates the property of `lem:cache-branch-and-bound`: for a low-rank
 * instance and a cache in the same span, the union spans ≤ 3 dimensions and
 * {@link branchAndBound}'s upper bound is ≥ the reference err_C at a random
 * point of the sphere and at its own witness.
 * @lemma lem:cache-branch-and-bound
 */
export function cacheBranchAndBoundBoundsReferenceError() {
  const arb = lowRankKeyInstance({ maxN: 6, maxD: 4, maxDv: 2 }).chain((instance) =>
    fc.record({
      instance: fc.constant(instance),
      cache: inSpanCache(instance),
      rho: fc.double({ min: 0.1, max: 3, noNaN: true }),
    }).chain((c) => boundaryQuery(instance.d, c.rho).map((q) => ({ ...c, q }))),
  );
  return fc.property(arb, ({ instance, cache, rho, q }) => {
    const span = spanOf(instance, cache);
    fc.pre(span.rank <= 3);
    const bb = branchAndBound(instance, cache, rho, { tolerance: 1e-3, maxNodes: 400, span });
    const info = () => describeCase(instance, q, cache, `rho=${rho} rank=${span.rank}`);
    requireThat('branch-and-bound upper is finite and ≥ its lower', Number.isFinite(bb.upper) && bb.upper >= bb.lower, info, `upper ${bb.upper}, lower ${bb.lower}`);
    for (const x of [q, bb.witness]) {
      const e = Ref.coresetError(instance, x, cache, { digits: 20 });
      requireAtMost('err_C(q) ≤ branch-and-bound upper', e, bb.upper, info);
    }
  });
}
