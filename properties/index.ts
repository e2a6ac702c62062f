/**
 * `attn-coreset/properties`: fast-check arbitraries named for the hardness
 * they carry, and property factories named for their conclusion, each citing
 * the anchor it checks. Implementations in TypeScript or JavaScript import
 * these to test themselves against the spec.
 * @module properties
 */
export * from './arbitraries/index.js';
export { fastDotWithinFloatError, type FastDotConstraints } from './fast-dot-within-float-error.js';
export { fastTiledProductsWithinFloatError, type TiledProductsCase, type TiledProductsConstraints } from './fast-tiled-products-within-float-error.js';
export { fastLogitsWithinFloatErrorOfReference, logitUnderflowAllowance, type LadderConstraints } from './fast-logits-within-float-error-of-reference.js';
export { fastLogPartitionWithinFloatErrorOfReference } from './fast-log-partition-within-float-error-of-reference.js';
export { fastAttentionWithinFloatErrorOfReference } from './fast-attention-within-float-error-of-reference.js';
export { fastCoresetErrorWithinFloatErrorOfReference } from './fast-coreset-error-within-float-error-of-reference.js';
export { fastJacobianWithinFloatErrorOfReference } from './fast-jacobian-within-float-error-of-reference.js';
export { mathExpWithinAssumedUlps } from './math-exp-within-assumed-ulps.js';
export { mathLogWithinAssumedUlps } from './math-log-within-assumed-ulps.js';
export { referenceAgreesWithItselfAtHigherPrecision, type SelfAgreementConstraints } from './reference-agrees-with-itself-at-higher-precision.js';
export { attentionIsShiftInvariant, type ShiftInvarianceConstraints } from './attention-is-shift-invariant.js';
export { liftingPreservesLogitsAndNorms, type LiftingConstraints } from './lifting-preserves-logits-and-norms.js';
export { errorIdentityHolds, type ErrorIdentityConstraints } from './error-identity-holds.js';
export { jacobianMatchesFiniteDifferences, type FiniteDifferenceConstraints } from './jacobian-matches-finite-differences.js';
export { attentionIsLipschitz, type LipschitzConstraints, type LipschitzInput } from './attention-is-lipschitz.js';
export { massErrorIsLogRatio } from './mass-error-is-log-ratio.js';
export { modelScalingPreservesAttention, type HeadCase, type ModelScalingConstraints } from './model-scaling-preserves-attention.js';
export { validationNamesTheLocation, type Corruption } from './validation-names-the-location.js';
export { fullSetCoresetErrorIsZero, type FullSetConstraints } from './full-set-coreset-error-is-zero.js';
export { repeatedIndicesAddWeights, type MultisetConstraints } from './repeated-indices-add-weights.js';
export { coresetErrorIsDistanceOfAttentions, type DistanceConstraints } from './coreset-error-is-distance-of-attentions.js';
export { uniformTrapErrorMatchesClosedForm, type UniformTrapConstraints } from './uniform-trap-error-matches-closed-form.js';
export { weightedTrapIsExact, type WeightedTrapConstraints } from './weighted-trap-is-exact.js';
export { uniformWeightMinimumSizeMatchesClosedForm, type MinimumSizeConstraints } from './uniform-weight-minimum-size-matches-closed-form.js';
export { minUniformCoresetSizeIsSmallestFeasible } from './min-uniform-coreset-size-is-smallest-feasible.js';
export { orthonormalFloorWitnessAtRhoEi, type OrthonormalWitnessConstraints } from './orthonormal-floor-witness-at-rho-ei.js';
export { orthonormalFloorSizeIsLargestCertified, orthonormalFloorIsOfPaperOrder, type FloorSizeConstraints } from './orthonormal-floor-size-is-largest-certified.js';
export { PropertyViolation } from './internal/violation.js';
// Properties of the verifier and the builder live in their own folders
// (owned with src/verify and src/construct) and are re-exported here.
export * from './verify/index.js';
export * from './construct/index.js';
export * from './extreme/index.js';
export * from './stats/index.js';
export * from './caches/index.js';
export * from './certificates/index.js';
export * from './fixed-point/index.js';
