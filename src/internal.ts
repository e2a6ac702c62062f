/**
 * `attn-coreset/internal`: the parts of the implementation, for contributors,
 * benchmarks and adapters that need them — tile kernels, solver and pipeline
 * steps, the certificates and the falsifier one by one, the statistics behind
 * `queryStats`, low-level readers and writers, and the implementation's
 * constants.
 *
 * **Unstable.** Nothing here is covered by semver: any name may be renamed,
 * change its signature or disappear in any release, including a patch
 * release. Use the main entry `attn-coreset` where it has what you need.
 * Each name is documented where it is defined and cites its anchor
 * (`@lemma`), like every export in src/; `test/api/surface.test.ts` lists
 * these names too, so a change here is still a visible decision.
 * @module internal
 */
export { sensitivityProbabilities } from './construct/baselines.js';
export { type BlockedRound, halveBlocked } from './construct/blocked.js';
export { massCalibrated } from './construct/build.js';
export { mergeClusters } from './construct/centroids.js';
export { CERTIFY_MAX_N } from './construct/certified.js';
export { type HalveOptions, type HalveResult, halve } from './construct/halving.js';
export { type HerdOptions, type HerdResult, type TargetMeasure, herd } from './construct/herd.js';
export { type KernelParams, kernelCrossSums, kernelEntry, kernelGram, kernelRangeSums, kernelRangeSumsSelf, kernelRowSum } from './construct/kernel.js';
export { type MeasureOptions, measureErrors } from './construct/measure.js';
export { mergeAccounting, reduceAccounting } from './construct/merge.js';
export { builderThreads, kernelMean } from './construct/parallel.js';
export { DEFAULT_LAMBDA, DEFAULT_POOL_FACTOR, DEFAULT_SWAPS, DEFAULT_SWEEPS, type PipelineOptions, type PipelineResult, type PreparedTarget, defaultKernelScale, halvingPipeline, prepareTarget, selectFromTarget } from './construct/pipeline.js';
export { type ProxyPair, proxyPair } from './construct/proxy.js';
export { greedyNonNegative } from './construct/query-aware.js';
export { accumulatedAttention, h2oCoreset, nnlsOnRows, snapKvCoreset } from './construct/query-baselines.js';
export { type FitQueries, type QueryFitSystem, queryFitSystem } from './construct/query-fit.js';
export { valueRefitObjective } from './construct/refit-values.js';
export { type RefitOptions, type RefitResult, coordinateDescent, refitWeights, solveNonNegativeQuadratic, solveSimplexQuadratic } from './construct/refit.js';
export { type Rng as BuildRng } from './construct/rng.js';
export { columnRows, residualRows } from './construct/rows.js';
export { type SupRefineOptions, type SupRefineResult, supRefine } from './construct/sup-refine.js';
export { SEARCH_MARGIN, SIZE_CONSTANT, boundRatio } from './construct/targeted.js';
export { BUILD_METHODS } from './construct/types.js';
export { type WitnessProblem, discrepancyObjective, solveWitnessQuadratic, witnessQuadratic } from './construct/witness-fit.js';
export { WitnessSet } from './construct/witness-set.js';
export { randomUnitVector } from './families/rng.js';
export { MAX_TRAP_KEYS } from './families/uniform-trap.js';
export { errorIdentity, errorIdentityErrorBound } from './fast/error-identity.js';
export { EXP_RELATIVE_ERROR, LOG_RELATIVE_ERROR, SUBNORMAL_MIN, UNIT_ROUNDOFF, gamma, jacobianErrorBound, logPartitionErrorBound, logitErrorBound } from './fast/float-error.js';
export { accumulateTransposed, crossDots } from './fast/gemm.js';
export { dot } from './fast/logits.js';
export { logMassErrorBound } from './fast/mass-error.js';
export { differenceLogLowerBound, jensenLogLowerBound, meanKeyNormUpper } from './fast/partition-bounds.js';
export { type UnionRows, sideWeightsOnUnion, unionRows } from './fast/union.js';
export { coresetFromJson, formatCoresetJson } from './io/coreset-file.js';
export { readBytes } from './io/files.js';
export { type JsonMatrixWriteOptions, formatJsonMatrix, jsonValueToMatrix, parseJsonMatrix } from './io/json-matrix.js';
export { MAX_NPY_HEADER, MAX_NUMBER_TEXT, maxInputBytes, maxJsonBytes, preview } from './io/limits.js';
export { NPY_MAGIC } from './io/npy.js';
export { decodeNpz } from './io/npz.js';
export { formatNumberJson, parseNumericValue } from './io/numeric.js';
export { type NamedPath, refuseOutputsThatAreInputs } from './io/output-path.js';
export { decodeMatrix, splitTensorSpec } from './io/read-matrix.js';
export { type SafetensorsEntry, type SafetensorsHeader, parseSafetensorsHeader } from './io/safetensors-header.js';
export { matrixShape } from './io/shape.js';
export { type WeightingFile, decodeWeighting, readWeighting } from './io/weights-file.js';
export { type FileToWrite, writeBytes, writeFiles } from './io/write-file.js';
export { encodeMatrix } from './io/write-matrix.js';
export { type ZipEntry, extractZipEntry, readZipDirectory } from './io/zip.js';
export { BinomialDecimal, CDF_DIGITS, CDF_RELATIVE_SLACK, binomialCdf } from './stats/binomial-cdf.js';
export { BISECTION_RELATIVE_WIDTH, binomialRootEstimate, exceedUpper, roundUp, validateCounts } from './stats/clopper-pearson.js';
export { quantileRank, quantileUpper } from './stats/quantile-bound.js';
export { type QuerySample, queryStats } from './stats/query-stats.js';
export { type NormalizedCoreset, normalizeCoreset, unitNormTolerance, validateMat, validatePositive, validateQuery } from './validate.js';
export { type Pair, type Side, evalBatch, makePair } from './verify/batch.js';
export { type BranchAndBoundOptions, type BranchAndBoundResult, branchAndBound } from './verify/branch-and-bound.js';
export { cacheMeasure } from './verify/cache-measure.js';
export { defaultBudget } from './verify/defaults.js';
export { type EigenBound, certifiedMaxEigenvalue } from './verify/eigen-bound.js';
export { type FalsifyOptions, type FalsifyResult, falsify } from './verify/falsify.js';
export { type SignedMeasure, subsetMeasure } from './verify/measure.js';
export { type MomentOrders, momentOrders } from './verify/moment-orders.js';
export { MOMENT_MAX_ROWS, type MomentCertificate, type MomentOptions, type MomentTerms, momentCertificate } from './verify/moment.js';
export { querySampleErrors } from './verify/query-sample.js';
export { RKHS_GRID, RKHS_MAX_N, type RkhsCertificate, rkhsCertificate } from './verify/rkhs.js';
export { type KeySpan, keySpan, spanOf } from './verify/span.js';
