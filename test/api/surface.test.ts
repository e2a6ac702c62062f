import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reexportsOf } from './entry-exports.js';

// The exported names of the package's entry points, written out: adding or
// removing an export makes this test fail, so a change of the public surface
// (or of the unstable internal one) is a decision in a diff, not an accident.
// `src/index.ts` is semver-stable; `src/internal.ts` may change in any release
// (CHANGELOG.md says what moved). Values are checked at run time (the module's
// own keys), type-only names in the source of the entry.

interface Surface {
  readonly values: readonly string[];
  readonly types: readonly string[];
}

const MAIN: Surface = {
  values: [
    'CoresetStream', 'InputError', 'InternalError', 'OutputNotRepresentableError', 'attention', 'attentionBatch',
    'attentionErrorBound', 'attentionJacobian', 'attentionSinkInstance', 'buildCacheForQueries', 'buildCertified',
    'buildCoreset', 'buildForEps', 'buildForHeldOut', 'buildForQueries', 'cacheOfCoreset', 'clusteredInstance',
    'concatCaches', 'coresetError', 'coresetErrorBound', 'decodeNpy', 'decodeSafetensors', 'encodeNpy',
    'encodeSafetensors', 'evaluationProfile', 'formatHexFloat', 'isCache', 'lift', 'liftQuery', 'logMassError',
    'logPartition', 'logits', 'mergeCache', 'mergeCoresets', 'minUniformCoresetSize', 'modelScaling',
    'orthonormalFloorSize', 'orthonormalInstance', 'orthonormalShare', 'orthonormalWitness', 'paperSizeScale',
    'parseHexFloat', 'partition', 'quantizeCache', 'quantizedBytes', 'readCacheFile', 'readCoresetFile',
    'readInstance', 'readMatrix', 'readVector', 'refitValues', 'seededRng', 'sensitivityCoreset', 'sphereInstance',
    'uniformCoreset', 'uniformTrap', 'uniformTrapError', 'uniformTrapSize', 'uniformTrapSubset',
    'uniformTrapWeighted', 'validateCache', 'validateCoreset', 'validateInstance', 'verify', 'verifyQueryStats',
    'writeCacheFile', 'writeCoresetFile', 'writeMatrix',
  ],
  types: [
    'AccountedCache', 'AccountedCoreset', 'AttentionOptions', 'BuildMethod', 'BuildResult', 'Cache',
    'CertifiedBuildResult', 'CertifiedTrial', 'ClusteredShape', 'Compressed', 'Coreset', 'CoresetFile',
    'EpsBuildOptions', 'EpsBuildResult', 'EpsTrial', 'EvaluationProfile', 'HeldOutBuildOptions',
    'HeldOutBuildResult', 'HeldOutTrial', 'InputErrorCode', 'Instance', 'InstanceConstraints', 'InstanceShape',
    'Mat64', 'MatrixFormat', 'MatrixWriteOptions', 'MergeCacheOptions', 'NpyWriteOptions', 'QuantizeOptions',
    'QueryBuildOptions', 'QueryBuildResult', 'QueryCacheOptions', 'QueryCacheResult', 'QueryStats',
    'QueryStatsOptions', 'RefitValuesOptions', 'Rng', 'ScaledHead', 'SinkShape', 'SizedBuildOptions',
    'StreamOptions', 'UniformTrap', 'UpperMethod', 'Verdict', 'VerifyExtraOptions', 'VerifyOptions', 'VerifyResult',
    'Weighting', 'WitnessCheck', 'WitnessProof',
  ],
};

const INTERNAL: Surface = {
  values: [
    'BISECTION_RELATIVE_WIDTH', 'BUILD_METHODS', 'BinomialDecimal', 'CDF_DIGITS', 'CDF_RELATIVE_SLACK',
    'CERTIFY_MAX_N', 'DEFAULT_LAMBDA', 'DEFAULT_POOL_FACTOR', 'DEFAULT_SWAPS', 'DEFAULT_SWEEPS',
    'EXP_RELATIVE_ERROR', 'LOG_RELATIVE_ERROR', 'MAX_NPY_HEADER', 'MAX_NUMBER_TEXT', 'MAX_TRAP_KEYS',
    'MOMENT_MAX_ROWS', 'NPY_MAGIC', 'RKHS_GRID', 'RKHS_MAX_N', 'SEARCH_MARGIN', 'SIZE_CONSTANT', 'SUBNORMAL_MIN',
    'UNIT_ROUNDOFF', 'WitnessSet', 'accumulateTransposed', 'accumulatedAttention', 'binomialCdf',
    'binomialRootEstimate', 'boundRatio', 'branchAndBound', 'builderThreads', 'cacheMeasure',
    'certifiedMaxEigenvalue', 'columnRows', 'coordinateDescent', 'coresetFromJson', 'crossDots', 'decodeMatrix',
    'decodeNpz', 'decodeWeighting', 'defaultBudget', 'defaultKernelScale', 'differenceLogLowerBound',
    'discrepancyObjective', 'dot', 'encodeMatrix', 'errorIdentity', 'errorIdentityErrorBound', 'evalBatch',
    'exceedUpper', 'extractZipEntry', 'falsify', 'formatCoresetJson', 'formatJsonMatrix', 'formatNumberJson',
    'gamma', 'greedyNonNegative', 'h2oCoreset', 'halve', 'halveBlocked', 'halvingPipeline', 'herd',
    'jacobianErrorBound', 'jensenLogLowerBound', 'jsonValueToMatrix', 'kernelCrossSums', 'kernelEntry', 'kernelGram',
    'kernelMean', 'kernelRangeSums', 'kernelRangeSumsSelf', 'kernelRowSum', 'keySpan', 'logMassErrorBound',
    'logPartitionErrorBound', 'logitErrorBound', 'makePair', 'massCalibrated', 'matrixShape', 'maxInputBytes',
    'maxJsonBytes', 'meanKeyNormUpper', 'measureErrors', 'mergeAccounting', 'mergeClusters', 'momentCertificate',
    'momentOrders', 'nnlsOnRows', 'normalizeCoreset', 'parseJsonMatrix', 'parseNumericValue',
    'parseSafetensorsHeader', 'prepareTarget', 'preview', 'proxyPair', 'quantileRank', 'quantileUpper',
    'queryFitSystem', 'querySampleErrors', 'queryStats', 'randomUnitVector', 'readBytes', 'readWeighting',
    'readZipDirectory', 'reduceAccounting', 'refitWeights', 'refuseOutputsThatAreInputs', 'residualRows',
    'rkhsCertificate', 'roundUp', 'selectFromTarget', 'sensitivityProbabilities', 'sideWeightsOnUnion',
    'snapKvCoreset', 'solveNonNegativeQuadratic', 'solveSimplexQuadratic', 'solveWitnessQuadratic', 'spanOf',
    'splitTensorSpec', 'subsetMeasure', 'supRefine', 'unionRows', 'unitNormTolerance', 'validateCounts',
    'validateMat', 'validatePositive', 'validateQuery', 'valueRefitObjective', 'witnessQuadratic', 'writeBytes',
    'writeFiles',
  ],
  types: [
    'BlockedRound', 'BranchAndBoundOptions', 'BranchAndBoundResult', 'BuildRng', 'EigenBound', 'FalsifyOptions',
    'FalsifyResult', 'FileToWrite', 'FitQueries', 'HalveOptions', 'HalveResult', 'HerdOptions', 'HerdResult',
    'JsonMatrixWriteOptions', 'KernelParams', 'KeySpan', 'MeasureOptions', 'MomentCertificate', 'MomentOptions',
    'MomentOrders', 'MomentTerms', 'NamedPath', 'NormalizedCoreset', 'Pair', 'PipelineOptions', 'PipelineResult',
    'PreparedTarget', 'ProxyPair', 'QueryFitSystem', 'QuerySample', 'RefitOptions', 'RefitResult', 'RkhsCertificate',
    'SafetensorsEntry', 'SafetensorsHeader', 'Side', 'SignedMeasure', 'SupRefineOptions', 'SupRefineResult',
    'TargetMeasure', 'UnionRows', 'WeightingFile', 'WitnessProblem', 'ZipEntry',
  ],
};

const REFERENCE: Surface = {
  values: [
    'DEFAULT_DIGITS', 'attention', 'attentionJacobian', 'coresetError', 'exactDecimal', 'exactDecimalString',
    'guardDigits', 'lift', 'liftQuery', 'logMassError', 'logPartition', 'logits', 'maxEigenvalue',
    'momentCertificate', 'partition', 'subsetMeasure', 'toInstanceD', 'toNearestDouble',
  ],
  types: [
    'InstanceD', 'MomentCertificateD', 'Query', 'ReferenceOptions', 'SignedMeasureD',
  ],
};

const CONFORM: Surface = {
  values: [
    'MAX_FORMULA_LENGTH', 'MAX_SCALED_ENTRIES', 'PROFILE_NAMES', 'REPORTERS', 'ballFamily', 'clusterFamily',
    'defaultFamilies', 'exitCodeOf', 'familyFromInstances', 'findHeads', 'formatReport', 'orthonormalFamily',
    'parseReporter', 'parseSizeFormula', 'planInstances', 'planScaled', 'profile', 'propertyFamilies',
    'isCacheVector', 'readCacheVectorFile', 'readVectorDir', 'readVectorFile', 'readVectorSet', 'readVectorSets', 'regenArgs', 'runConformance', 'runVectors', 'scaledCase', 'scaledFamilies',
    'scaledFamily', 'sizeBound', 'sphereFamily', 'trapFamily',
  ],
  types: [
    'AnswerRows', 'AnyLoadedVector', 'CacheExpectation', 'CacheVectorCase', 'CacheVectorFile', 'CaseFamily', 'CaseResult', 'ConformCase', 'ConformReport', 'Counterexample', 'Expectation',
    'Failure', 'FailureReason', 'HarnessOptions', 'HeadFiles', 'Hex', 'LoadedCacheVector', 'LoadedVector', 'Pins', 'PlannedCase',
    'Profile', 'ProfileName', 'ReporterName', 'ScaledFamily', 'ScaledParams', 'SizeFormula', 'SizeVars',
    'VectorCache', 'VectorCase', 'VectorCoreset', 'VectorRunOptions', 'VectorSet', 'VerifyFn',
  ],
};

/** `attn-coreset/properties` re-exports whole folders (`export *`), so it is pinned by count. */
const PROPERTIES_VALUES = 108; // 105 + residual branch-and-bound + fixed-point/ (dyadicExtremeCase, fixedPointErrorMatchesReference)

const ENTRIES = [
  { entry: 'attn-coreset', file: '../../src/index.ts', load: () => import('../../src/index.js'), surface: MAIN },
  { entry: 'attn-coreset/internal', file: '../../src/internal.ts', load: () => import('../../src/internal.js'), surface: INTERNAL },
  { entry: 'attn-coreset/reference', file: '../../src/reference/index.ts', load: () => import('../../src/reference/index.js'), surface: REFERENCE },
  { entry: 'attn-coreset/conform', file: '../../src/conform/index.ts', load: () => import('../../src/conform/index.js'), surface: CONFORM },
] as const;

describe('exported surface', () => {
  for (const { entry, file, load, surface } of ENTRIES) {
    const path = fileURLToPath(new URL(file, import.meta.url));
    it(`${entry}: the listed values, no more, no fewer`, async () => {
      const keys = Object.keys(await load()).sort();
      expect(keys).toEqual([...surface.values].sort());
    });
    it(`${entry}: the listed types, re-exported by name (no export *)`, () => {
      const { reexports, exportStar } = reexportsOf(path);
      expect(exportStar, `${entry} uses export *`).toBe(false);
      const types = reexports.filter((r) => r.typeOnly).map((r) => r.name).sort();
      expect(types).toEqual([...surface.types].sort());
    });
  }

  it('main and internal are disjoint (a name lives in one of them)', () => {
    const internal = new Set([...INTERNAL.values, ...INTERNAL.types]);
    expect([...MAIN.values, ...MAIN.types].filter((n) => internal.has(n))).toEqual([]);
  });

  it('the reference twins mirror public fast names', () => {
    // Every reference function is a decimal twin of a fast function of the
    // same name, public or internal (momentCertificate, subsetMeasure), or a
    // reference-only helper listed here.
    const referenceOnly = ['DEFAULT_DIGITS', 'exactDecimal', 'exactDecimalString', 'guardDigits', 'maxEigenvalue', 'toInstanceD', 'toNearestDouble'];
    const fast = new Set([...MAIN.values, ...INTERNAL.values]);
    expect(REFERENCE.values.filter((n) => !fast.has(n) && !referenceOnly.includes(n))).toEqual([]);
    const twins = ['attention', 'attentionJacobian', 'coresetError', 'lift', 'liftQuery', 'logMassError', 'logPartition', 'logits', 'partition'];
    for (const n of twins) expect(MAIN.values, `${n} is public in the fast surface`).toContain(n);
  });

  it('attn-coreset/properties: pinned by count', async () => {
    expect(Object.keys(await import('../../properties/index.js')).length).toBe(PROPERTIES_VALUES);
  });
});
