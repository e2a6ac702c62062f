/**
 * Property: fast err_C(q) and ∇A_C(q) are within their `lem:float-error`
 * bounds, read off the cache's own rows, of the reference.
 * @module
 */
import fc from 'fast-check';
import { coresetError } from '../../src/fast/coreset-error.js';
import { coresetErrorBound, evaluationProfile, jacobianErrorBound } from '../../src/fast/float-error.js';
import { attentionJacobian } from '../../src/fast/jacobian.js';
import * as Ref from '../../src/reference/index.js';
import type { AttentionCaseConstraints } from '../arbitraries/attention-case.js';
import { distance, REFERENCE_DIGITS, referenceAllowance } from '../internal/reference.js';
import { describeCase, requireWithin } from '../internal/violation.js';
import { cacheCase, type CacheCase } from './cache-case.js';

/**
 * Generates the property of `lem:cache-float-error`: on quantized, merged
 * and free caches (logits up to ±5000, weights 1e−300…1e306 included), the
 * fast err_C(q) = ‖A_1(q) − A_C(q)‖ is within {@link coresetErrorBound} of
 * the reference, with the cache's profile from its own rows.
 * @lemma lem:cache-float-error
 * @lemma def:compressed-cache
 */
export function fastCacheErrorWithinFloatErrorOfReference(cases: AttentionCaseConstraints = {}): fc.IPropertyWithHooks<[CacheCase]> {
  return fc.property(cacheCase(cases), ({ instance, q, cache, kind, scale }) => {
    const fast = coresetError(instance, q, cache, { scale });
    const ref = Ref.coresetError(instance, q, cache, { scale, digits: REFERENCE_DIGITS });
    const full = evaluationProfile(instance, q, null, { scale });
    const side = evaluationProfile(instance, q, cache, { scale });
    const tol = referenceAllowance(REFERENCE_DIGITS, 2 * (full.valueNorm + side.valueNorm)).plus(coresetErrorBound(full, side));
    requireWithin('err_C within coresetErrorBound', fast, ref, tol, () => describeCase(instance, q, cache, `kind=${kind} scale=${scale}`));
  });
}

/**
 * Generates the property of `lem:cache-jacobian` and `lem:cache-float-error`
 * for the cache side of the falsifier's gradient: the fast ∇_q A_C(q) is
 * within {@link jacobianErrorBound} (cache profile) of the reference
 * s·Cov_{p′}(v′, k′), in Frobenius norm.
 * @lemma lem:cache-jacobian
 * @lemma lem:cache-float-error
 */
export function fastCacheJacobianWithinFloatErrorOfReference(cases: AttentionCaseConstraints = {}): fc.IPropertyWithHooks<[CacheCase]> {
  return fc.property(cacheCase(cases), ({ instance, q, cache, kind, scale }) => {
    const fast = attentionJacobian(instance, q, cache, { scale });
    const ref = Ref.attentionJacobian(instance, q, cache, { scale, digits: REFERENCE_DIGITS });
    const p = evaluationProfile(instance, q, cache, { scale });
    const tol = referenceAllowance(REFERENCE_DIGITS, 2 * Math.abs(scale) * p.keyNorm * p.valueNorm * Math.sqrt(instance.d * instance.dv)).plus(jacobianErrorBound(p, scale));
    requireWithin('‖Ĵ_C − J_C‖_F within jacobianErrorBound', 0, distance(fast, ref), tol, () => describeCase(instance, q, cache, `kind=${kind} scale=${scale}`));
  });
}
