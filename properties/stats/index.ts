// Properties of the query-sample statistics (src/stats).
export { binomialDraw, binomialTestThreshold } from './binomial-test.js';
export { clopperPearsonBoundIsExactRoot, type ExactRootConstraints } from './clopper-pearson-bound-is-exact-root.js';
export { clopperPearsonCoversTrueP, type CoverageConstraints } from './clopper-pearson-covers-true-p.js';
export { quantileBoundCoversTrueQuantile } from './quantile-bound-covers-true-quantile.js';
export { queryStatsAreSampleStatistics } from './query-stats-are-sample-statistics.js';
