/**
 * Property: the fast Jacobian is within jacobianErrorBound of the reference.
 * @module
 */
import fc from 'fast-check';
import { evaluationProfile, jacobianErrorBound } from '../src/fast/float-error.js';
import { attentionJacobian } from '../src/fast/jacobian.js';
import * as Ref from '../src/reference/index.js';
import { attentionCase, type AttentionCase } from './arbitraries/attention-case.js';
import type { LadderConstraints } from './fast-logits-within-float-error-of-reference.js';
import { REFERENCE_DIGITS, distance, referenceAllowance } from './internal/reference.js';
import { describeCase, requireWithin } from './internal/violation.js';

/**
 * Generates the property: the Frobenius distance between the computed
 * ∇_q A_w(q) and the reference is ≤ {@link jacobianErrorBound}
 * (`lem:float-error`, `lem:attention-jacobian`), the last rung of the ladder.
 * @lemma lem:float-error
 * @lemma lem:attention-jacobian
 */
export function fastJacobianWithinFloatErrorOfReference(constraints: LadderConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(attentionCase(constraints.cases), ({ instance, q, w, scale }) => {
    const fast = attentionJacobian(instance, q, w, { scale });
    const ref = Ref.attentionJacobian(instance, q, w, { scale, digits });
    const p = evaluationProfile(instance, q, w, { scale });
    const tol = referenceAllowance(digits, 2 * Math.abs(scale) * p.keyNorm * p.valueNorm * Math.sqrt(instance.d * instance.dv)).plus(jacobianErrorBound(p, scale));
    requireWithin('‖Ĵ − J‖_F within jacobianErrorBound', 0, distance(fast, ref), tol, () => describeCase(instance, q, w, `scale=${scale}`));
  });
}
