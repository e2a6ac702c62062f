/**
 * The verifier: falsifier (lower bound), certificates (upper bound), verdict.
 * @module verify
 */
export * from './types.js';
export { verify, type VerifyExtraOptions } from './verify.js';
export { falsify, type FalsifyOptions, type FalsifyResult } from './falsify.js';
export { rkhsCertificate, RKHS_MAX_N, RKHS_GRID, type RkhsCertificate } from './rkhs.js';
export { branchAndBound, type BranchAndBoundOptions, type BranchAndBoundResult } from './branch-and-bound.js';
export { keySpan, type KeySpan } from './span.js';
export { makePair, evalBatch, type Pair, type Side } from './batch.js';
export { inBallExact, intoBall } from './witness.js';
export { defaultBudget, defaultNodes } from './defaults.js';
export { createRng, type Rng } from './rng.js';
export { querySampleErrors, verifyQueryStats, type QueryStatsOptions } from './query-sample.js';
export { momentCertificate, MOMENT_MAX_ROWS, type MomentCertificate, type MomentOptions, type MomentTerms } from './moment.js';
export { momentOrders, SPECTRAL_TAIL, FROBENIUS_TAIL, MAX_SPECTRAL, MAX_ORDERS, type MomentOrders } from './moment-orders.js';
export { subsetMeasure, subsetCoefficients, maxRowNormSquared, type SignedMeasure } from './measure.js';
export { cacheMeasure } from './cache-measure.js';
export { certifiedMaxEigenvalue, type EigenBound } from './eigen-bound.js';
export { logUp, expUp, roundUpSum } from './rounding.js';
