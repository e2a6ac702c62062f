/**
 * Properties of compressed caches (`def:compressed-cache`) and their
 * arbitraries.
 * @module
 */
export { cacheCase, type CacheCase, type CacheKind } from './cache-case.js';
export { subsetAttentionEqualsItsCacheAttention } from './subset-attention-equals-its-cache-attention.js';
export { fastCacheErrorWithinFloatErrorOfReference, fastCacheJacobianWithinFloatErrorOfReference } from './fast-cache-error-within-float-error-of-reference.js';
export { cacheErrorIdentityHolds } from './cache-error-identity-holds.js';
export { cacheJensenPartitionBoundHolds } from './cache-jensen-partition-bound-holds.js';
export { cacheMassErrorIsLogRatio } from './cache-mass-error-is-log-ratio.js';
export { cacheErrorIsLipschitz } from './cache-error-is-lipschitz.js';
export { cacheRkhsCertificateBoundsReferenceError } from './cache-rkhs-certificate-bounds-reference-error.js';
export { cacheBranchAndBoundBoundsReferenceError } from './cache-branch-and-bound-bounds-reference-error.js';
export { cacheMergeAccountingHolds } from './cache-merge-accounting-holds.js';
export { duplicateCase, exactDuplicateMergeIsNeverFailed, type DuplicateCase as DuplicateRowsCase } from './exact-duplicate-merge-is-never-failed.js';
export { quantizedEntriesMoveByAtMostHalfAStep } from './quantized-entries-move-by-at-most-half-a-step.js';
export { centroidMergeUnderCountsMassBoundedly } from './centroid-merge-under-counts-mass-boundedly.js';
export { valueRefitMinimisesItsObjective } from './value-refit-minimises-its-objective.js';
