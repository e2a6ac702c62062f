/**
 * Property: fast attention is within attentionErrorBound of the reference.
 * @module
 */
import fc from 'fast-check';
import { attention } from '../src/fast/attention.js';
import { attentionErrorBound, evaluationProfile } from '../src/fast/float-error.js';
import * as Ref from '../src/reference/index.js';
import { attentionCase, type AttentionCase } from './arbitraries/attention-case.js';
import type { LadderConstraints } from './fast-logits-within-float-error-of-reference.js';
import { REFERENCE_DIGITS, distance, referenceAllowance } from './internal/reference.js';
import { describeCase, requireWithin } from './internal/violation.js';

/**
 * Generates the property: ‖Â_w(q) − A_w(q)‖₂ ≤ {@link attentionErrorBound}
 * against the reference (`lem:float-error`), over every instance family,
 * weighting and query kind, logits up to ±5000 (where unshifted e^ℓ
 * overflows) and weights from 1e−300 to 1e306.
 * @lemma lem:float-error
 * @lemma def:attention
 */
export function fastAttentionWithinFloatErrorOfReference(constraints: LadderConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(attentionCase(constraints.cases), ({ instance, q, w, scale }) => {
    const fast = attention(instance, q, w, { scale });
    const ref = Ref.attention(instance, q, w, { scale, digits });
    const p = evaluationProfile(instance, q, w, { scale });
    const tol = referenceAllowance(digits, 2 * p.valueNorm * Math.sqrt(instance.dv)).plus(attentionErrorBound(p));
    requireWithin('‖Â − A‖₂ within attentionErrorBound', 0, distance(fast, ref), tol, () => describeCase(instance, q, w, `scale=${scale} fast=[${Array.from(fast)}]`));
  });
}
