/**
 * Property: the reference Jacobian matches central differences.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../src/reference/index.js';
import { attentionCase, type AttentionCase, type AttentionCaseConstraints } from './arbitraries/attention-case.js';
import { supportNorms } from './internal/decimal-instance.js';
import { Exact, exact } from './internal/exact.js';
import { referenceAllowance } from './internal/reference.js';
import { describeCase, requireWithin } from './internal/violation.js';

/** Constraints of {@link jacobianMatchesFiniteDifferences}. */
export interface FiniteDifferenceConstraints {
  /** @defaultValue { largeLogits: false, maxN: 6, maxD: 4 } */
  readonly cases?: AttentionCaseConstraints;
  /** @defaultValue 50 */
  readonly digits?: number;
  /** Step h of the central difference. @defaultValue 1e−12 */
  readonly step?: string;
}

/**
 * Generates the property of `lem:attention-jacobian`: each entry of the
 * reference ∇_q A_w(q) equals the decimal central difference
 * (A(q + he_a) − A(q − he_a))/(2h) within the truncation bound
 * (32/3)·h²·|s|³R_vR_k³ (the third derivative along e_a is s³ times a joint
 * fourth cumulant of v_c and k_a, and centred variables bounded by 2R give
 * |κ₄| ≤ 16 + 3·16 = 64·R_vR_k³; Taylor's remainder divides by 6) plus the
 * rounding of the two attentions divided by 2h.
 * @lemma lem:attention-jacobian
 */
export function jacobianMatchesFiniteDifferences(constraints: FiniteDifferenceConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const digits = constraints.digits ?? 50;
  const h = new Exact(constraints.step ?? '1e-12');
  const cases = attentionCase({ largeLogits: false, maxN: 6, maxD: 4, ...constraints.cases });
  return fc.property(cases, ({ instance, q, w, scale }) => {
    const { d, dv } = instance;
    const J = Ref.attentionJacobian(instance, q, w, { scale, digits });
    const { Rk, Rv } = supportNorms(instance, w);
    const s = exact(Math.abs(scale));
    const trunc = h.pow(2).times(32).div(3).times(s.pow(3)).times(Rv).times(Rk.pow(3));
    const rounding = referenceAllowance(digits, Rv.times(2)).times(2).div(h.times(2));
    const qd = Array.from(q, (x) => exact(x));
    for (let a = 0; a < d; a++) {
      const plus = qd.map((x, j) => (j === a ? x.plus(h) : x));
      const minus = qd.map((x, j) => (j === a ? x.minus(h) : x));
      const Ap = Ref.attention(instance, plus, w, { scale, digits });
      const Am = Ref.attention(instance, minus, w, { scale, digits });
      for (let c = 0; c < dv; c++) {
        const fd = Ap[c].minus(Am[c]).div(h.times(2));
        const tol = trunc.plus(rounding).plus(referenceAllowance(digits, s.times(Rk).times(Rv).times(2)));
        requireWithin(`∂A_${c}/∂q_${a} vs central difference`, J[c * d + a], fd, tol, () => describeCase(instance, q, w, `scale=${scale}`));
      }
    }
  });
}
