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
