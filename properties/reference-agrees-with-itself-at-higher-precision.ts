/**
 * Property: the reference at 40 digits agrees with itself at 80.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../src/reference/index.js';
import { attentionCase, type AttentionCase, type AttentionCaseConstraints } from './arbitraries/attention-case.js';
import { supportNorms } from './internal/decimal-instance.js';
import { exact, exactNormSquared, work } from './internal/exact.js';
import { referenceAllowance } from './internal/reference.js';
import { describeCase, requireWithin } from './internal/violation.js';

/** Constraints of {@link referenceAgreesWithItselfAtHigherPrecision}. */
export interface SelfAgreementConstraints {
  /** @defaultValue {} */
  readonly cases?: AttentionCaseConstraints;
  /** @defaultValue 40 */
  readonly digits?: number;
  /** @defaultValue 80 */
  readonly higherDigits?: number;
}

/**
 * Generates the property: A_w(q) and ln Z_w(q) from the reference at
 * `digits` agree with the reference at `higherDigits` to within
 * 10^{1−digits}·(|x| + scale) (`referenceAllowance`: the final rounding plus
 * the guard-digit working error), i.e. the guard digits absorb the
 * cancellation of `def:attention`'s signed sums (STYLE.md §7).
 * @lemma def:attention
 * @lemma lem:float-error
 */
export function referenceAgreesWithItselfAtHigherPrecision(constraints: SelfAgreementConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const lo = constraints.digits ?? 40;
  const hi = constraints.higherDigits ?? 80;
  return fc.property(attentionCase(constraints.cases), ({ instance, q, w, scale }) => {
    const { Rk, Rv } = supportNorms(instance, w);
    const info = () => describeCase(instance, q, w, `scale=${scale}`);
    const a = Ref.attention(instance, q, w, { scale, digits: lo });
    const b = Ref.attention(instance, q, w, { scale, digits: hi });
    for (let c = 0; c < instance.dv; c++) {
      const tol = referenceAllowance(lo, b[c].abs().plus(Rv)).plus(referenceAllowance(hi, b[c].abs().plus(Rv)));
      requireWithin(`A[${c}] at ${lo} vs ${hi} digits`, a[c], b[c], tol, info);
    }
    const la = Ref.logPartition(instance, q, w, { scale, digits: lo });
    const lb = Ref.logPartition(instance, q, w, { scale, digits: hi });
    const size = lb.abs().plus(1).plus(work(exactNormSquared(q)).sqrt().times(Rk).times(exact(Math.abs(scale))));
    requireWithin(`ln Z at ${lo} vs ${hi} digits`, la, lb, referenceAllowance(lo, size).plus(referenceAllowance(hi, size)), info);
  });
}
