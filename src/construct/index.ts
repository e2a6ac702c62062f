/**
 * The builder: weighted coresets by kernel halving and refit, the sampling
 * baselines, the ε-targeted search, and merge / stream (DESIGN §4).
 * @module build
 */
export * from './types.js';
export { buildCoreset, massCalibrated } from './build.js';
export { buildForEps, boundRatio, SIZE_CONSTANT, SEARCH_MARGIN, type EpsBuildOptions, type EpsBuildResult, type EpsTrial } from './targeted.js';
export { uniformCoreset, sensitivityCoreset, sensitivityProbabilities } from './baselines.js';
export { halvingPipeline, prepareTarget, selectFromTarget, defaultKernelScale, DEFAULT_LAMBDA, DEFAULT_POOL_FACTOR, DEFAULT_SWAPS, DEFAULT_SWEEPS, type PipelineOptions, type PipelineResult } from './pipeline.js';
export { halve, type HalveOptions, type HalveResult } from './halving.js';
export { halveBlocked, type BlockedRound } from './blocked.js';
export { herd, type HerdResult, type HerdOptions, type TargetMeasure } from './herd.js';
export { refitWeights, coordinateDescent, solveNonNegativeQuadratic, solveSimplexQuadratic, type RefitOptions, type RefitResult } from './refit.js';
export { kernelEntry, kernelGram, kernelCrossSums, kernelRangeSums, kernelRangeSumsSelf, kernelRowSum, type KernelParams } from './kernel.js';
export { builderThreads, kernelMean } from './parallel.js';
export { columnRows, residualRows } from './rows.js';
export { proxyPair, type ProxyPair } from './proxy.js';
export { mergeCoresets, mergeAccounting, reduceAccounting, type AccountedCoreset } from './merge.js';
export { concatCaches, type AccountedCache } from './merge-caches.js';
export { quantizeCache, quantizedBytes, type QuantizeOptions } from './quantize.js';
export { mergeCache, mergeClusters, type MergeCacheOptions } from './centroids.js';
export { refitValues, valueRefitObjective, type RefitValuesOptions } from './refit-values.js';
export { CoresetStream, type StreamOptions } from './stream.js';
export { measureErrors, type MeasureOptions } from './measure.js';
export { supRefine, type SupRefineOptions, type SupRefineResult } from './sup-refine.js';
export { witnessQuadratic, solveWitnessQuadratic, discrepancyObjective, type WitnessProblem } from './witness-fit.js';
export { WitnessSet } from './witness-set.js';
export { buildForQueries, greedyNonNegative, type QueryBuildOptions, type QueryBuildResult } from './query-aware.js';
export { buildCacheForQueries, type QueryCacheOptions, type QueryCacheResult } from './query-cache.js';
export { queryFitSystem, type FitQueries, type QueryFitSystem } from './query-fit.js';
export { buildForHeldOut, type HeldOutBuildOptions, type HeldOutBuildResult, type HeldOutTrial } from './query-holdout.js';
export { accumulatedAttention, h2oCoreset, nnlsOnRows, snapKvCoreset } from './query-baselines.js';
export { buildCertified, CERTIFY_MAX_N, type CertifiedBuildResult, type CertifiedTrial } from './certified.js';
