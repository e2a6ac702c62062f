/**
 * Statistics of the coreset error over a query sample, with the bounds of
 * `lem:query-sample-bound` for the distribution it was drawn from.
 * @module
 */
import { InternalError } from '../errors.js';
import { exceedUpper } from './clopper-pearson.js';
import { quantileUpper } from './quantile-bound.js';

/** What `verify --queries` reports under `queryStats`. */
export interface QueryStats {
  /** Number of queries N. */
  readonly n: number;
  /** Queries whose error may exceed ε: certified upper bound on err > ε (k of the lemma; never an undercount). */
  readonly exceeding: number;
  /** Largest, 99th and 90th percentile (nearest rank, e_(⌈pN⌉)) and mean of the binary64 errors. */
  readonly max: number;
  readonly p99: number;
  readonly p90: number;
  readonly mean: number;
  /** The confidence 1 − δ of the bounds. */
  readonly confidence: number;
  /** Clopper–Pearson upper bound on P(err > ε) at `confidence`. */
  readonly exceedUpper: number;
  /** Order-statistic upper bounds on the 0.9 and 0.99 quantiles of the error (+∞: too few queries). */
  readonly p90Upper: number;
  readonly p99Upper: number;
}

/** Per-query errors: binary64 values and certified upper bounds on the exact ones. */
export interface QuerySample {
  readonly errors: Float64Array;
  readonly uppers: Float64Array;
}

/**
 * Computes {@link QueryStats} of a query sample at ε and confidence 1 − δ
 * (`def:query-distribution`, `lem:query-sample-bound`). Exceedances and
 * quantile bounds use the certified upper bounds, so float rounding can
 * only make them larger.
 *
 * Special cases: a NaN error or bound is an {@link InternalError} (it
 * never reaches a statistic).
 * @lemma def:query-distribution
 * @lemma lem:query-sample-bound
 */
export function queryStats(sample: QuerySample, eps: number, confidence: number): QueryStats {
  const { errors, uppers } = sample;
  const n = errors.length;
  if (n === 0 || uppers.length !== n) throw new InternalError(`queryStats: ${n} errors, ${uppers.length} bounds`);
  let exceeding = 0;
  let sum = 0;
  for (let r = 0; r < n; r++) {
    if (!(errors[r] >= 0) || !(uppers[r] >= errors[r])) throw new InternalError(`queryStats: query ${r} has error ${errors[r]}, bound ${uppers[r]}`);
    if (uppers[r] > eps) exceeding++;
    sum += errors[r];
  }
  const sorted = Float64Array.from(errors).sort();
  const rank = (p: number): number => sorted[Math.max(0, Math.ceil(p * n) - 1)];
  return {
    n,
    exceeding,
    max: sorted[n - 1],
    p99: rank(0.99),
    p90: rank(0.9),
    mean: sum / n,
    confidence,
    exceedUpper: exceedUpper(exceeding, n, confidence),
    p90Upper: quantileUpper(uppers, 0.9, confidence),
    p99Upper: quantileUpper(uppers, 0.99, confidence),
  };
}
