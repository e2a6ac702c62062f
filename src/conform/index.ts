/**
 * The conformance harness as a library: drive an implementation over the
 * JSON-lines protocol (`conformance/protocol.md`), check every answer with the
 * verifier, shrink failures, and report.
 * @module conform
 */
export { runConformance, type HarnessOptions } from './harness.js';
export { formatReport, exitCodeOf, parseReporter, REPORTERS, type ReporterName } from './reporters/index.js';
export { parseSizeFormula, sizeBound, MAX_FORMULA_LENGTH, type SizeVars, type SizeFormula } from './expr.js';
export { planScaled, profile, regenArgs, PROFILE_NAMES, MAX_SCALED_ENTRIES, type PlannedCase, type Pins, type Profile, type ProfileName } from './profiles.js';
export { scaledFamilies, scaledFamily, scaledCase, type ScaledFamily, type ScaledParams } from './scaled.js';
export { planInstances, findHeads, type HeadFiles } from './instances.js';
export { familyFromInstances, sphereFamily, ballFamily, trapFamily, orthonormalFamily, clusterFamily, type CaseFamily, type ConformCase } from './cases.js';
export { defaultFamilies, propertyFamilies } from './families.js';
export { readVectorDir, readVectorFile, type LoadedVector } from './vectors/read.js';
export { readCacheVectorFile, type LoadedCacheVector } from './vectors/read-v2.js';
export { readVectorSet, readVectorSets, isCacheVector, type AnyLoadedVector, type VectorSet } from './vectors/read-set.js';
export { runVectors, type VectorRunOptions } from './vectors/check-impl.js';
export type { AnswerRows, CaseResult, Counterexample } from './report-types.js';
export type { Failure, FailureReason } from './failure.js';
export type { VerifyFn } from './check.js';
export type { Expectation, Hex, VectorCase, VectorCoreset } from './vectors/types.js';
export type { CacheExpectation, CacheVectorCase, CacheVectorFile, VectorCache } from './vectors/types-v2.js';
export type { ConformReport } from './report-types.js';
