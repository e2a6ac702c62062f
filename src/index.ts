/**
 * attn-coreset: ε-coresets of softmax attention.
 *
 * The fast binary64 implementation is exported here; its decimal.js twin is
 * `attn-coreset/reference` (same names, same argument order).
 * @module attn-coreset
 */
export * from './types.js';
export * from './errors.js';
export * from './validate.js';
export { validateCache, cacheOfCoreset } from './cache.js';
export { isCache } from './fast/support.js';
export { unionRows, sideWeightsOnUnion, type UnionRows } from './fast/union.js';
export * from './fast/index.js';
export * from './io/index.js';
export * from './bounds.js';
export * from './families/index.js';
export * from './construct/index.js';
export * from './stats/index.js';
export { verify, falsify, rkhsCertificate, branchAndBound, defaultBudget, RKHS_GRID, RKHS_MAX_N, type VerifyExtraOptions } from './verify/index.js';
export { keySpan, evalBatch, makePair } from './verify/index.js';
export { spanOf } from './verify/span.js';
export { querySampleErrors, verifyQueryStats, type QueryStatsOptions } from './verify/index.js';
export type { BranchAndBoundOptions, BranchAndBoundResult, FalsifyOptions, FalsifyResult, KeySpan, Pair, RkhsCertificate, Side } from './verify/index.js';
export { momentCertificate, subsetMeasure, cacheMeasure, certifiedMaxEigenvalue, momentOrders, MOMENT_MAX_ROWS, type MomentCertificate, type MomentOptions, type MomentOrders, type MomentTerms, type SignedMeasure, type EigenBound } from './verify/index.js';
export type { PreparedTarget } from './construct/pipeline.js';
export type { Rng as BuildRng } from './construct/rng.js';
export type { UpperMethod, Verdict, VerifyOptions, VerifyResult, WitnessCheck, WitnessProof } from './verify/types.js';
