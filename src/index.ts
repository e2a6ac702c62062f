/**
 * attn-coreset: ε-coresets of softmax attention.
 *
 * This is the public, semver-stable surface: attention and its error, the
 * verifier, the builders, merge and stream, compressed caches, the readers
 * and writers, the instance families, the size bounds and the typed errors.
 * Every function here has a runnable example (run by
 * `test/api/examples.test.ts`), and `test/api/surface.test.ts` lists every
 * name, so a new export is a decision.
 *
 * The decimal.js twin of the attention functions is `attn-coreset/reference`
 * (same names, same argument order). The parts of the implementation (tile
 * kernels, solver steps, certificates one by one, the constants) are in
 * `attn-coreset/internal`, which is unstable: it may change in any release.
 * @module attn-coreset
 */

// Data types and the typed errors.
export type { AttentionOptions, Cache, Compressed, Coreset, Instance, Mat64, Weighting } from './types.js';
export { InputError, InternalError, OutputNotRepresentableError, type InputErrorCode } from './errors.js';
export { validateCoreset, validateInstance, type InstanceConstraints } from './validate.js';
export { cacheOfCoreset, validateCache } from './cache.js';
export { isCache } from './fast/support.js';

// Attention and its error (binary64; twins in attn-coreset/reference).
export { attention, attentionBatch } from './fast/attention.js';
export { coresetError } from './fast/coreset-error.js';
export { attentionJacobian } from './fast/jacobian.js';
export { logits } from './fast/logits.js';
export { logPartition, partition } from './fast/partition.js';
export { lift, liftQuery } from './fast/lifting.js';
export { logMassError } from './fast/mass-error.js';
export { modelScaling, type ScaledHead } from './fast/model-scaling.js';
export { attentionErrorBound, coresetErrorBound, evaluationProfile, type EvaluationProfile } from './fast/float-error.js';

// The verifier and query statistics.
export { verify, type VerifyExtraOptions } from './verify/verify.js';
export type { UpperMethod, Verdict, VerifyOptions, VerifyResult, WitnessCheck, WitnessProof } from './verify/types.js';
export { verifyQueryStats, type QueryStatsOptions } from './verify/query-sample.js';
export type { QueryStats } from './stats/query-stats.js';

// The builders.
export type { BuildMethod, BuildResult, SizedBuildOptions } from './construct/types.js';
export { buildCoreset } from './construct/build.js';
export { buildForEps, type EpsBuildOptions, type EpsBuildResult, type EpsTrial } from './construct/targeted.js';
export { buildCertified, type CertifiedBuildResult, type CertifiedTrial } from './construct/certified.js';
export { uniformCoreset, sensitivityCoreset } from './construct/baselines.js';
export { buildForQueries, type QueryBuildOptions, type QueryBuildResult } from './construct/query-aware.js';
export { buildForHeldOut, type HeldOutBuildOptions, type HeldOutBuildResult, type HeldOutTrial } from './construct/query-holdout.js';
export { buildCacheForQueries, type QueryCacheOptions, type QueryCacheResult } from './construct/query-cache.js';

// Merge and stream.
export { mergeCoresets, type AccountedCoreset } from './construct/merge.js';
export { concatCaches, type AccountedCache } from './construct/merge-caches.js';
export { CoresetStream, type StreamOptions } from './construct/stream.js';

// Compressed caches.
export { quantizeCache, quantizedBytes, type QuantizeOptions } from './construct/quantize.js';
export { mergeCache, type MergeCacheOptions } from './construct/centroids.js';
export { refitValues, type RefitValuesOptions } from './construct/refit-values.js';

// Readers and writers.
export { readInstance } from './io/instance.js';
export { readMatrix, readVector, type MatrixFormat } from './io/read-matrix.js';
export { writeMatrix, type MatrixWriteOptions } from './io/write-matrix.js';
export { decodeNpy, encodeNpy, type NpyWriteOptions } from './io/npy.js';
export { decodeSafetensors, encodeSafetensors } from './io/safetensors.js';
export { readCoresetFile, writeCoresetFile, type CoresetFile } from './io/coreset-file.js';
export { readCacheFile, writeCacheFile } from './io/cache-file.js';
export { formatHexFloat, parseHexFloat } from './io/hex-float.js';

// Instance families.
export { seededRng, type Rng } from './families/rng.js';
export { sphereInstance, type InstanceShape } from './families/sphere.js';
export { clusteredInstance, type ClusteredShape } from './families/clustered.js';
export { attentionSinkInstance, type SinkShape } from './families/attention-sink.js';
export { uniformTrap, uniformTrapSubset, uniformTrapWeighted, type UniformTrap } from './families/uniform-trap.js';
export { orthonormalInstance, orthonormalWitness } from './families/orthonormal.js';

// Size bounds.
export { minUniformCoresetSize, orthonormalFloorSize, orthonormalShare, paperSizeScale, uniformTrapError, uniformTrapSize } from './bounds.js';
