/**
 * The order-statistic upper bound on a quantile of `lem:query-sample-bound`.
 * @module
 */
import { InputError } from '../errors.js';
import { exactDecimal } from '../reference/exact.js';
import { BinomialDecimal, CDF_RELATIVE_SLACK } from './binomial-cdf.js';
import { validateCounts } from './clopper-pearson.js';

/**
 * Computes the rank r of the order statistic that bounds the p-quantile
 * ξ_p of the error from above at confidence 1 − δ: the smallest r ≤ N with
 * P(Bin(N, p) ≤ r − 1) ≥ 1 − δ, so P(e_(r) ≥ ξ_p) ≥ 1 − δ for N i.i.d.
 * errors sorted ascending (`lem:query-sample-bound`). Returns undefined when
 * no r ≤ N qualifies (too few samples for this p and confidence).
 *
 * Method: cumulative binomial probabilities at p in decimal.js; a partial sum
 * counts as ≥ 1 − δ only after deflation by the CDF slack (so r is never
 * too small).
 * @lemma lem:query-sample-bound
 */
export function quantileRank(N: number, p: number, confidence: number): number | undefined {
  validateCounts(0, N, confidence);
  if (!(p > 0 && p < 1)) throw new InputError('parameter', 'p', `must be in (0, 1), got ${p}`);
  const D = BinomialDecimal;
  const P = exactDecimal(p, D);
  const Qc = new D(1).minus(P);
  const target = exactDecimal(confidence, D);
  const ratio = P.div(Qc);
  const deflate = new D(1).minus(CDF_RELATIVE_SLACK);
  let t = Qc.pow(N);
  let sum = t;
  for (let j = 0; j < N; j++) {
    // sum = P(Bin(N, p) ≤ j); rank r = j + 1.
    if (sum.times(deflate).gte(target)) return j + 1;
    t = t.times(N - j).div(j + 1).times(ratio);
    sum = sum.plus(t);
  }
  return undefined;
}

/**
 * Computes the upper confidence bound on the p-quantile from a sample:
 * e_(r) of the values sorted ascending, r from {@link quantileRank}; +∞ when
 * the sample is too small for any rank to qualify.
 * @lemma lem:query-sample-bound
 */
export function quantileUpper(values: Float64Array, p: number, confidence: number): number {
  const r = quantileRank(values.length, p, confidence);
  if (r === undefined) return Infinity;
  return Float64Array.from(values).sort()[r - 1];
}
