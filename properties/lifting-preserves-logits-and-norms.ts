/**
 * Property: lifting keeps every logit and query norm, and makes keys unit.
 * @module
 */
import fc from 'fast-check';
import { gamma } from '../src/fast/float-error.js';
import { lift, liftQuery } from '../src/fast/lifting.js';
import * as Ref from '../src/reference/index.js';
import type { Instance } from '../src/types.js';
import { ballKeyInstance, type BallKeyInstanceConstraints } from './arbitraries/ball-key-instance.js';
import { interiorQuery } from './arbitraries/interior-query.js';
import { Exact, exact, exactNormSquared } from './internal/exact.js';
import { REFERENCE_DIGITS } from './internal/reference.js';
import { describeCase, requireThat, requireWithin } from './internal/violation.js';

/** Constraints of {@link liftingPreservesLogitsAndNorms}. */
export interface LiftingConstraints {
  /** @defaultValue {} */
  readonly instances?: BallKeyInstanceConstraints;
  /** @defaultValue 30 */
  readonly digits?: number;
}

/**
 * Generates the property of `lem:lifting` for keys in the unit ball:
 * (1) reference: every logit of the lifted instance at (q, 0) equals the
 * original logit exactly, ‖(q, 0)‖ = ‖q‖ exactly, each lifted key has
 * |‖k̃‖² − 1| ≤ 10^{1−digits} (one rounding of the square root) and A is
 * identical; (2) fast `lift`: the first d coordinates are copied exactly and
 * |‖k̃‖² − 1| ≤ γ_{2d+6} (γ_d for Σx², then 1 − s, the square root and its
 * square, each ≤ u relative; twice γ_d when s rounds above 1 and the lift
 * coordinate is 0).
 * @lemma lem:lifting
 */
export function liftingPreservesLogitsAndNorms(constraints: LiftingConstraints = {}): fc.IPropertyWithHooks<[{ instance: Instance; q: Float64Array }]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  const input = ballKeyInstance(constraints.instances).chain((instance) => fc.record({ instance: fc.constant(instance), q: interiorQuery(instance.d, 4) }));
  return fc.property(input, ({ instance, q }) => {
    const info = () => describeCase(instance, q);
    const ql = liftQuery(q);
    requireThat('‖(q, 0)‖ = ‖q‖ exactly', exactNormSquared(ql).eq(exactNormSquared(q)), info);
    const L = Ref.lift(instance, { digits });
    const before = Ref.logits(instance, q, { digits });
    const after = Ref.logits(L, ql, { digits });
    for (let i = 0; i < instance.n; i++) requireThat(`logit ${i} unchanged by the lift`, before[i].eq(after[i]), info, `${before[i]} vs ${after[i]}`);
    const one = new Exact(1);
    const tenth = new Exact(10).pow(1 - digits);
    for (let i = 0; i < instance.n; i++) {
      let s = new Exact(0);
      for (let a = 0; a <= instance.d; a++) s = s.plus(new Exact(L.K[i * (instance.d + 1) + a]).pow(2));
      requireWithin(`reference lifted key ${i} has norm 1`, s, one, tenth, info);
    }
    const A0 = Ref.attention(instance, q, null, { digits });
    const A1 = Ref.attention(L, ql, null, { digits });
    for (let c = 0; c < instance.dv; c++) requireThat(`A[${c}] unchanged by the lift`, A0[c].eq(A1[c]), info);
    const F = lift(instance);
    const d = instance.d;
    for (let i = 0; i < instance.n; i++) {
      for (let a = 0; a < d; a++) requireThat(`fast lift copies key ${i} coordinate ${a}`, Object.is(F.K[i * (d + 1) + a], instance.K[i * d + a]), info);
      requireWithin(`fast lifted key ${i} has norm 1`, exactNormSquared(F.K, i * (d + 1), d + 1), one, exact(gamma(2 * d + 6)), info);
    }
  });
}
