/**
 * Property: the union-Gram RKHS certificate of a cache bounds its error.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../../src/reference/index.js';
import { rkhsCertificate } from '../../src/verify/rkhs.js';
import type { AttentionCaseConstraints } from '../arbitraries/attention-case.js';
import { describeCase, requireAtMost } from '../internal/violation.js';
import { cacheCase, type CacheCase } from './cache-case.js';

/**
 * Generates the property of `lem:cache-rkhs-certificate`: at the case's
 * query and at ±ρ·k/‖k‖ for every key of both sets (all in B_ρ), the
 * reference err_C is ≤ {@link rkhsCertificate}(instance, cache, ρ, s).
 * @lemma lem:cache-rkhs-certificate
 * @lemma lem:cache-partition-bounds
 */
export function cacheRkhsCertificateBoundsReferenceError(cases: AttentionCaseConstraints = {}): fc.IPropertyWithHooks<[CacheCase]> {
  return fc.property(cacheCase({ largeLogits: false, extremeWeights: false, ...cases }), ({ instance, q, cache, kind, rho, scale }) => {
    const cert = rkhsCertificate(instance, cache, rho, scale);
    const queries = [q];
    const { d } = instance;
    for (const [K, rows] of [[instance.K, instance.n], [cache.K, cache.m]] as const) {
      for (let i = 0; i < rows; i++) {
        const k = K.subarray(i * d, (i + 1) * d);
        const nk = Math.hypot(...k);
        // Shrunk by 1 − 1e−12 so rounding keeps them inside B_ρ.
        if (nk > 0) for (const sg of [1, -1]) queries.push(Float64Array.from(k, (x) => ((sg * x) / nk) * rho * (1 - 1e-12)));
      }
    }
    for (const x of queries) {
      const e = Ref.coresetError(instance, x, cache, { scale, digits: 20 });
      requireAtMost('err_C(q) ≤ RKHS certificate', e, cert.upper, () => describeCase(instance, x, cache, `kind=${kind} rho=${rho} scale=${scale} s=${cert.s}`));
    }
  });
}
