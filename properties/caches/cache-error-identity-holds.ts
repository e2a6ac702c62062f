/**
 * Property: the error identity on the union of the n + m rows.
 * @module
 */
import fc from 'fast-check';
import { errorIdentity, errorIdentityErrorBound } from '../../src/fast/error-identity.js';
import * as Ref from '../../src/reference/index.js';
import type { AttentionCaseConstraints } from '../arbitraries/attention-case.js';
import { supportNorms } from '../internal/decimal-instance.js';
import { exact } from '../internal/exact.js';
import { distance, REFERENCE_DIGITS, referenceAllowance } from '../internal/reference.js';
import { describeCase, requireWithin } from '../internal/violation.js';
import { cacheCase, type CacheCase } from './cache-case.js';

/**
 * Generates the property of `lem:cache-error-identity`: the fast
 * `errorIdentity` of a cache (the signed measure +1/n on the instance's rows,
 * −ŵ′ on the cache's) is within {@link errorIdentityErrorBound} of the
 * reference's A_1(q) − A_C(q), which the reference computes directly from
 * the two attentions (no identity involved). Ordinary logits (the identity's
 * special cases, terms beyond binary64's range, are not claimed).
 * @lemma lem:cache-error-identity
 * @lemma lem:cache-float-error
 */
export function cacheErrorIdentityHolds(cases: AttentionCaseConstraints = {}): fc.IPropertyWithHooks<[CacheCase]> {
  return fc.property(cacheCase({ largeLogits: false, ...cases }), ({ instance, q, cache, kind, scale }) => {
    const info = () => describeCase(instance, q, cache, `kind=${kind} scale=${scale}`);
    const A1 = Ref.attention(instance, q, null, { scale, digits: REFERENCE_DIGITS });
    const AC = Ref.attention(instance, q, cache, { scale, digits: REFERENCE_DIGITS });
    const diff = A1.map((x, t) => x.minus(AC[t]));
    const bound = errorIdentityErrorBound(instance, q, cache, { scale });
    fc.pre(Number.isFinite(bound));
    const fast = errorIdentity(instance, q, cache, { scale });
    const Rv = supportNorms(instance, null).Rv.plus(supportNorms(instance, cache).Rv);
    const refTol = referenceAllowance(REFERENCE_DIGITS, Rv).times(2 * Math.sqrt(instance.dv));
    requireWithin('fast errorIdentity(C) within errorIdentityErrorBound of A_1 − A_C', 0, distance(fast, diff), refTol.plus(exact(bound)), info);
  });
}
