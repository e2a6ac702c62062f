/**
 * Property: a cache's log mass error is |ln Z_C − ln Z_1|, fast within its bound.
 * @module
 */
import fc from 'fast-check';
import { evaluationProfile } from '../../src/fast/float-error.js';
import { logMassError, logMassErrorBound } from '../../src/fast/mass-error.js';
import { logPartition } from '../../src/fast/partition.js';
import * as Ref from '../../src/reference/index.js';
import type { AttentionCaseConstraints } from '../arbitraries/attention-case.js';
import { supportNorms } from '../internal/decimal-instance.js';
import { exact, exactNormSquared, work } from '../internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from '../internal/reference.js';
import { describeCase, requireWithin } from '../internal/violation.js';
import { cacheCase, type CacheCase } from './cache-case.js';

/**
 * Generates the property of `def:cache-mass-error` at one query: the
 * reference `logMassError` of a cache equals |ln Z_C(q) − ln Z_1(q)| from two
 * reference log-partitions, and the fast one is within
 * {@link logMassErrorBound} (cache profile, `lem:cache-float-error`) of it.
 * @lemma def:cache-mass-error
 * @lemma lem:cache-float-error
 */
export function cacheMassErrorIsLogRatio(cases: AttentionCaseConstraints = {}): fc.IPropertyWithHooks<[CacheCase]> {
  const digits = REFERENCE_DIGITS;
  return fc.property(cacheCase(cases), ({ instance, q, cache, kind, scale }) => {
    const info = () => describeCase(instance, q, cache, `kind=${kind} scale=${scale}`);
    const ref = Ref.logMassError(instance, q, cache, { scale, digits });
    const l1 = Ref.logPartition(instance, q, null, { scale, digits });
    const lc = Ref.logPartition(instance, q, cache, { scale, digits });
    const Rk = supportNorms(instance, null).Rk.plus(supportNorms(instance, cache).Rk);
    const size = l1.abs().plus(lc.abs()).plus(1).plus(work(exactNormSquared(q)).sqrt().times(Rk).times(exact(Math.abs(scale))));
    requireWithin('reference logMassError(C) = |ln Z_C − ln Z_1|', ref, lc.minus(l1).abs(), referenceAllowance(digits, size).times(3), info);
    const logBound = logMassErrorBound(
      evaluationProfile(instance, q, null, { scale }),
      evaluationProfile(instance, q, cache, { scale }),
      logPartition(instance, q, null, { scale }),
      logPartition(instance, q, cache, { scale }),
    );
    // An infinite bound (weights whose ratio underflows) claims nothing.
    if (!Number.isFinite(logBound)) return;
    requireWithin('fast logMassError(C) within logMassErrorBound', logMassError(instance, q, cache, { scale }), ref, referenceAllowance(digits, size).plus(exact(logBound)), info);
  });
}
