/**
 * Property: fast err_w(q) is within coresetErrorBound of the reference.
 * @module
 */
import fc from 'fast-check';
import { coresetError } from '../src/fast/coreset-error.js';
import { coresetErrorBound, evaluationProfile } from '../src/fast/float-error.js';
import * as Ref from '../src/reference/index.js';
import type { Coreset } from '../src/types.js';
import { attentionCase, type AttentionCase } from './arbitraries/attention-case.js';
import type { LadderConstraints } from './fast-logits-within-float-error-of-reference.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireWithin } from './internal/violation.js';

/**
 * Generates the property: the computed err_w(q) = ‖A_1(q) − A_w(q)‖₂ is
 * within {@link coresetErrorBound} of the reference (`lem:float-error`,
 * `def:coreset-error`).
 * @lemma lem:float-error
 * @lemma def:coreset-error
 */
export function fastCoresetErrorWithinFloatErrorOfReference(constraints: LadderConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(attentionCase({ ...constraints.cases, fullSet: false }), ({ instance, q, w, scale }) => {
    const c = w as Coreset;
    const fast = coresetError(instance, q, c, { scale });
    const ref = Ref.coresetError(instance, q, c, { scale, digits });
    const full = evaluationProfile(instance, q, null, { scale });
    const sub = evaluationProfile(instance, q, c, { scale });
    const tol = referenceAllowance(digits, 2 * (full.valueNorm + sub.valueNorm)).plus(coresetErrorBound(full, sub));
    requireWithin('err within coresetErrorBound', fast, ref, tol, () => describeCase(instance, q, w, `scale=${scale}`));
  });
}
