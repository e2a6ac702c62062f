import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  cacheBranchAndBoundBoundsReferenceError,
  centroidMergeUnderCountsMassBoundedly,
  quantizedEntriesMoveByAtMostHalfAStep,
  valueRefitMinimisesItsObjective,
  cacheErrorIdentityHolds,
  cacheErrorIsLipschitz,
  cacheJensenPartitionBoundHolds,
  cacheMassErrorIsLogRatio,
  cacheMergeAccountingHolds,
  cacheRkhsCertificateBoundsReferenceError,
  exactDuplicateMergeIsNeverFailed,
  fastCacheErrorWithinFloatErrorOfReference,
  fastCacheJacobianWithinFloatErrorOfReference,
  subsetAttentionEqualsItsCacheAttention,
} from '../../properties/index.js';
import { runs } from '../helpers/seed.js';

describe('caches (property): def:compressed-cache', () => {
  it('a weighted subset and its cache (K_S, V_S, w_S) evaluate identically', () => {
    fc.assert(subsetAttentionEqualsItsCacheAttention(), { numRuns: runs(60) });
  });
  it('an exact merge of duplicate rows is never failed', () => {
    fc.assert(exactDuplicateMergeIsNeverFailed(), { numRuns: runs(25) });
  });
});

describe('caches (property): lem:cache-float-error, lem:cache-jacobian', () => {
  it('fast err_C is within coresetErrorBound of the reference', () => {
    fc.assert(fastCacheErrorWithinFloatErrorOfReference(), { numRuns: runs(60) });
  });
  it('fast ∇A_C is within jacobianErrorBound of the reference', () => {
    fc.assert(fastCacheJacobianWithinFloatErrorOfReference(), { numRuns: runs(30) });
  });
  it('err_C is |s|(R_kR_v + R′_kR′_v)-Lipschitz', () => {
    fc.assert(cacheErrorIsLipschitz(), { numRuns: runs(40) });
  });
});

describe('caches (property): lem:cache-error-identity, lem:cache-partition-bounds, def:cache-mass-error', () => {
  it('the identity on the union matches A_1 − A_C', () => {
    fc.assert(cacheErrorIdentityHolds(), { numRuns: runs(50) });
  });
  it('the Jensen bound holds for Z_Ĉ', () => {
    fc.assert(cacheJensenPartitionBoundHolds(), { numRuns: runs(50) });
  });
  it('the mass error of a cache is the log ratio, fast within its bound', () => {
    fc.assert(cacheMassErrorIsLogRatio(), { numRuns: runs(50) });
  });
});

describe('caches (property): certificates, lem:cache-rkhs-certificate, lem:cache-branch-and-bound, lem:cache-merge', () => {
  it('the union-Gram RKHS certificate bounds the reference error', () => {
    fc.assert(cacheRkhsCertificateBoundsReferenceError(), { numRuns: runs(30) });
  });
  it('branch-and-bound on the union span bounds the reference error', () => {
    fc.assert(cacheBranchAndBoundBoundsReferenceError(), { numRuns: runs(20) });
  });
  it('caches of shards concatenate with the lem:merge accounting', () => {
    fc.assert(cacheMergeAccountingHolds(), { numRuns: runs(40) });
  });
});

describe('cache builders (property): lem:quantization-error, lem:centroid-mass, lem:value-refit', () => {
  it('KIVI dequantized entries move by at most half a step', () => {
    fc.assert(quantizedEntriesMoveByAtMostHalfAStep(), { numRuns: runs(100) });
  });
  it('a centroid merge under-counts mass by at most e^{ρ_s r}', () => {
    fc.assert(centroidMergeUnderCountsMassBoundedly(), { numRuns: runs(40) });
  });
  it('the value refit minimises its ridge objective', () => {
    fc.assert(valueRefitMinimisesItsObjective(), { numRuns: runs(40) });
  });
});
