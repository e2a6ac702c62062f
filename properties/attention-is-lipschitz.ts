/**
 * Property: ‖∇A‖_op ≤ |s|R_kR_v, hence A is |s|R_kR_v-Lipschitz.
 * @module
 */
import fc from 'fast-check';
import { attentionJacobian } from '../src/fast/jacobian.js';
import * as Ref from '../src/reference/index.js';
import { attentionCase, type AttentionCase, type AttentionCaseConstraints } from './arbitraries/attention-case.js';
import { interiorQuery } from './arbitraries/interior-query.js';
import { unitVectorOf } from './internal/power-iteration.js';
import { supportNorms } from './internal/decimal-instance.js';
import { exact, Exact, exactNormSquared, work } from './internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireAtMost } from './internal/violation.js';

/** Constraints of {@link attentionIsLipschitz}. */
export interface LipschitzConstraints {
  /** @defaultValue { largeLogits: false } */
  readonly cases?: AttentionCaseConstraints;
  /** @defaultValue 30 */
  readonly digits?: number;
}

/** A case, a direction x and a second query q′ in the same ball. */
export type LipschitzInput = [AttentionCase, number[], Float64Array];

/**
 * Generates the property of `lem:attention-jacobian`: with R_k, R_v the
 * largest key and value norms of the support, (1) ‖J x‖ ≤ |s|R_kR_v‖x‖ for
 * the reference Jacobian J, with x a random direction and x the top right
 * singular vector estimated by power iteration (a lower bound on ‖J‖_op,
 * so the check is sound whatever the iteration returns); (2)
 * ‖A(q) − A(q′)‖ ≤ |s|R_kR_v‖q − q′‖ for q, q′ in B_ρ.
 * @lemma lem:attention-jacobian
 */
export function attentionIsLipschitz(constraints: LipschitzConstraints = {}): fc.IPropertyWithHooks<[LipschitzInput]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  const cases = attentionCase({ largeLogits: false, ...constraints.cases });
  const input = cases.chain((c) => fc.tuple(fc.constant(c), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: c.instance.d, maxLength: c.instance.d }), interiorQuery(c.instance.d, c.rho)));
  return fc.property(input, ([cs, x0, q2]) => {
    const { instance, q, w, scale } = cs;
    const { d, dv } = instance;
    const info = () => describeCase(instance, q, w, `scale=${scale}`);
    const { Rk, Rv } = supportNorms(instance, w);
    const L = exact(Math.abs(scale)).times(Rk).times(Rv);
    const J = Ref.attentionJacobian(instance, q, w, { scale, digits });
    const Jerr = referenceAllowance(digits, L.times(2)).times(Math.sqrt(d * dv));
    const top = unitVectorOf(attentionJacobian(instance, q, w, { scale }), dv, d);
    for (const x of [x0, top]) {
      const xn = x.reduce((s, t) => s + t * t, 0);
      if (xn === 0) continue;
      let s2 = new Exact(0);
      for (let c = 0; c < dv; c++) {
        let r = new Exact(0);
        for (let a = 0; a < d; a++) r = r.plus(J[c * d + a].times(exact(x[a])));
        s2 = s2.plus(r.pow(2));
      }
      const xnorm = work(exactNormSquared(x)).sqrt();
      requireAtMost('‖J x‖ ≤ |s|R_kR_v‖x‖', work(s2).sqrt(), L.plus(Jerr).times(xnorm), info);
    }
    const A = Ref.attention(instance, q, w, { scale, digits });
    const B = Ref.attention(instance, q2, w, { scale, digits });
    let dA = new Exact(0);
    for (let c = 0; c < dv; c++) dA = dA.plus(A[c].minus(B[c]).pow(2));
    let dq = new Exact(0);
    for (let a = 0; a < d; a++) dq = dq.plus(exact(q[a]).minus(exact(q2[a])).pow(2));
    const tol = referenceAllowance(digits, Rv.times(2)).times(2 * Math.sqrt(dv));
    requireAtMost('‖A(q) − A(q′)‖ ≤ |s|R_kR_v‖q − q′‖', work(dA).sqrt(), L.times(work(dq).sqrt()).plus(tol), info);
  });
}

