/**
 * Property: the order-statistic bound covers the true quantile, and its rank is the smallest valid one.
 * @module
 */
import fc from 'fast-check';
import { xoshiro128ss } from '../../src/prng.js';
import { quantileRank, quantileUpper } from '../../src/stats/quantile-bound.js';
import { binomialCdfAtLeastConfidence } from '../internal/exact-binomial.js';
import { binomialTestThreshold } from './binomial-test.js';
import type { CoverageConstraints } from './clopper-pearson-covers-true-p.js';

/**
 * Generates the order-statistic property of `lem:query-sample-bound`: (1) in
 * exact rational arithmetic, r = quantileRank(N, p, 1 − δ) has
 * P(Bin(N, p) ≤ r − 1) ≥ 1 − δ and P(Bin(N, p) ≤ r − 2) < 1 − δ (smallest such
 * r; none ≤ N when undefined); (2) for N uniform [0, 1) errors, whose
 * p-quantile is p, quantileUpper < p in at most c of T seeded samples, c the
 * binomial-test threshold at α.
 * @lemma lem:query-sample-bound
 */
export function quantileBoundCoversTrueQuantile(constraints: CoverageConstraints = {}): fc.IPropertyWithHooks<[[number, number, number, number]]> {
  const T = constraints.trials ?? 400;
  const alpha = constraints.alpha ?? 1e-6;
  const arb = fc.tuple(
    fc.integer({ min: 1, max: constraints.maxN ?? 120 }),
    fc.constantFrom(0.5, 0.75, 0.9, 0.95, 0.99),
    fc.constantFrom(0.8, 0.9, 0.95),
    fc.integer({ min: 1, max: 0x7fffffff }),
  );
  return fc.property(arb, ([N, p, confidence, seed]) => {
    const r = quantileRank(N, p, confidence);
    if (r === undefined) {
      if (binomialCdfAtLeastConfidence(N - 1, N, p, confidence)) throw new Error(`quantileRank(${N}, ${p}, ${confidence}) is undefined, yet r = N qualifies`);
      return;
    }
    if (!binomialCdfAtLeastConfidence(r - 1, N, p, confidence)) throw new Error(`quantileRank(${N}, ${p}, ${confidence}) = ${r} does not qualify`);
    if (r > 1 && binomialCdfAtLeastConfidence(r - 2, N, p, confidence)) throw new Error(`quantileRank(${N}, ${p}, ${confidence}) = ${r} is not the smallest`);
    const next = xoshiro128ss(seed, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f);
    const sample = new Float64Array(N);
    let failures = 0;
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < N; i++) sample[i] = next() / 2 ** 32;
      if (quantileUpper(sample, p, confidence) < p) failures++;
    }
    const c = binomialTestThreshold(T, 1 - confidence, alpha);
    if (failures > c) throw new Error(`N=${N} p=${p} confidence=${confidence}: bound below the true quantile in ${failures} of ${T} samples, > ${c}`);
  });
}
