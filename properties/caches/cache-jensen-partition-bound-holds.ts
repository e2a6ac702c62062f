/**
 * Property: the Jensen lower bound on a cache's normalised partition function.
 * @module
 */
import fc from 'fast-check';
import { jensenLogLowerBound } from '../../src/fast/partition-bounds.js';
import * as Ref from '../../src/reference/index.js';
import type { AttentionCaseConstraints } from '../arbitraries/attention-case.js';
import { Exact, exact, work } from '../internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from '../internal/reference.js';
import { describeCase, requireAtMost } from '../internal/violation.js';
import { cacheCase, type CacheCase } from './cache-case.js';

/**
 * Generates the property of `lem:cache-partition-bounds` (part 2): at a query
 * of B_ρ, ln Z_Ĉ(q) = ln Z_C(q) − ln Σ_j w′_j (reference, exact weights) is
 * ≥ {@link jensenLogLowerBound} of the cache, −|s|ρ‖k̄′‖ rounded down.
 * @lemma lem:cache-partition-bounds
 */
export function cacheJensenPartitionBoundHolds(cases: AttentionCaseConstraints = {}): fc.IPropertyWithHooks<[CacheCase]> {
  return fc.property(cacheCase(cases), ({ instance, q, cache, kind, rho, scale }) => {
    const lz = Ref.logPartition(instance, q, cache, { scale, digits: REFERENCE_DIGITS });
    let W = new Exact(0);
    for (const w of cache.weights) W = W.plus(exact(w));
    const lnW = work(W).ln();
    const lzHat = lz.minus(lnW);
    const lower = jensenLogLowerBound(instance, cache, rho, { scale });
    const slack = referenceAllowance(REFERENCE_DIGITS, lz.abs().plus(lnW.abs()).plus(1));
    requireAtMost('Jensen: lower ≤ ln Z_Ĉ(q)', lower, lzHat.plus(slack), () => describeCase(instance, q, cache, `kind=${kind} rho=${rho} scale=${scale}`));
  });
}
