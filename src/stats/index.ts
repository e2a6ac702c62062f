/**
 * Statistics over query samples (`lem:query-sample-bound`).
 * @module
 */
export { binomialCdf, BinomialDecimal, CDF_DIGITS, CDF_RELATIVE_SLACK } from './binomial-cdf.js';
export { BISECTION_RELATIVE_WIDTH, binomialRootEstimate, exceedUpper, roundUp, validateCounts } from './clopper-pearson.js';
export { quantileRank, quantileUpper } from './quantile-bound.js';
export { queryStats, type QuerySample, type QueryStats } from './query-stats.js';
