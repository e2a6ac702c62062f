/**
 * The binomial distribution function in decimal.js, the tool both
 * `lem:query-sample-bound` computations are built on.
 * @module
 */
import { Decimal } from 'decimal.js';

/**
 * Working precision of the binomial sums (significant digits). Each term
 * costs a few roundings of relative size 10^{1−P}; a sum of k + 1 positive
 * terms, each from ≤ 4k + 4·log₂N + 20 operations, is within
 * {@link CDF_RELATIVE_SLACK} of the exact value for every N, k < 10^15.
 */
export const CDF_DIGITS = 60;

/**
 * Relative slack the callers apply to a computed CDF before comparing it
 * with δ: ≥ (operations)·10^{1−CDF_DIGITS} for every N, k < 10^15 (that is
 * ≤ 10^{17}·10^{−59}), so a comparison against the inflated value is a
 * comparison against the exact one.
 */
export const CDF_RELATIVE_SLACK = new Decimal('1e-40');

/** The decimal.js constructor the binomial sums run with. */
export const BinomialDecimal = Decimal.clone({ precision: CDF_DIGITS, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 });

/**
 * Computes P(Bin(N, p) ≤ k) = Σ_{j ≤ k} C(N, j) p^j (1 − p)^{N−j} to
 * {@link CDF_DIGITS} digits, for integers 0 ≤ k ≤ N and 0 ≤ p ≤ 1.
 *
 * Method: the first term (1 − p)^N by integer power, then the ratio
 * t_{j+1} = t_j·(N − j)/(j + 1)·p/(1 − p); all terms positive, no cancellation.
 *
 * Special cases: k ≥ N gives 1; p = 0 gives 1; p = 1 gives 0 (k < N).
 * @lemma lem:query-sample-bound
 */
export function binomialCdf(k: number, N: number, p: Decimal): Decimal {
  const D = BinomialDecimal;
  if (k >= N || p.isZero()) return new D(1);
  if (p.gte(1)) return new D(0);
  const q = new D(1).minus(p);
  const ratio = new D(p).div(q);
  let t = q.pow(N);
  let sum = t;
  for (let j = 0; j < k; j++) {
    t = t.times(N - j).div(j + 1).times(ratio);
    sum = sum.plus(t);
  }
  return sum;
}
