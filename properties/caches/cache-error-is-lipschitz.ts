/**
 * Property: the cache error is |s|(R_kR_v + R′_kR′_v)-Lipschitz.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../../src/reference/index.js';
import type { AttentionCaseConstraints } from '../arbitraries/attention-case.js';
import { interiorQuery } from '../arbitraries/interior-query.js';
import { supportNorms } from '../internal/decimal-instance.js';
import { exact, exactNormSquared, work } from '../internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from '../internal/reference.js';
import { describeCase, requireAtMost } from '../internal/violation.js';
import { cacheCase, type CacheCase } from './cache-case.js';

/**
 * Generates the property of `lem:cache-jacobian` (part 2): for two queries
 * q₁, q₂ (the case's and a second one in the same ball),
 * |err_C(q₁) − err_C(q₂)| ≤ |s|(R_kR_v + R′_kR′_v)·‖q₁ − q₂‖ in the reference,
 * with R_k, R_v the instance's and R′_k, R′_v the cache's largest norms
 * (radii about 0).
 * @lemma lem:cache-jacobian
 */
export function cacheErrorIsLipschitz(cases: AttentionCaseConstraints = {}): fc.IPropertyWithHooks<[CacheCase & { q2: Float64Array }]> {
  const arb = cacheCase({ largeLogits: false, ...cases }).chain((c) => interiorQuery(c.instance.d, c.rho).map((q2) => ({ ...c, q2 })));
  return fc.property(arb, ({ instance, q, q2, cache, kind, scale }) => {
    const e1 = Ref.coresetError(instance, q, cache, { scale, digits: REFERENCE_DIGITS });
    const e2 = Ref.coresetError(instance, q2, cache, { scale, digits: REFERENCE_DIGITS });
    const a = supportNorms(instance, null);
    const b = supportNorms(instance, cache);
    const L = a.Rk.times(a.Rv).plus(b.Rk.times(b.Rv)).times(exact(Math.abs(scale)));
    const dist = work(exactNormSquared(Float64Array.from(q, (x, t) => x - q2[t]))).sqrt();
    // q − q2 above is rounded; add its rounding (≤ u·(|q|+|q2|) per entry) to the distance.
    const roundDist = exact(2 ** -52 * (Math.hypot(...q) + Math.hypot(...q2)) * Math.sqrt(instance.d));
    const slack = referenceAllowance(REFERENCE_DIGITS, a.Rv.plus(b.Rv)).times(4);
    requireAtMost('|err_C(q₁) − err_C(q₂)| ≤ L‖q₁ − q₂‖', e1.minus(e2).abs(), L.times(dist.plus(roundDist)).plus(slack), () =>
      describeCase(instance, q, cache, `kind=${kind} q2=${Array.from(q2)} scale=${scale}`),
    );
  });
}
