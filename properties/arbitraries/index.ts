/**
 * The arbitraries of `attn-coreset/properties`, one per file.
 * @module
 */
export { unitSphereInstance, type UnitSphereInstanceConstraints } from './unit-sphere-instance.js';
export { ballKeyInstance, type BallKeyInstanceConstraints } from './ball-key-instance.js';
export { clusteredKeyInstance, type ClusteredKeyInstanceConstraints } from './clustered-key-instance.js';
export { attentionSinkKeyInstance, type AttentionSinkKeyInstanceConstraints } from './attention-sink-key-instance.js';
export { nearDuplicateKeyInstance, type NearDuplicateKeyInstanceConstraints } from './near-duplicate-key-instance.js';
export { lowRankKeyInstance, type LowRankKeyInstanceConstraints } from './low-rank-key-instance.js';
export { uniformTrapCase, type UniformTrapCase, type UniformTrapCaseConstraints } from './uniform-trap-case.js';
export { orthonormalCase, type OrthonormalCase, type OrthonormalCaseConstraints } from './orthonormal-case.js';
export { uniformWeights, type UniformWeightsConstraints } from './uniform-weights.js';
export { skewedWeights, type SkewedWeightsConstraints } from './skewed-weights.js';
export { extremeWeights, type ExtremeWeightsConstraints } from './extreme-weights.js';
export { sparseWeights, type SparseWeightsConstraints } from './sparse-weights.js';
export { weighting, type WeightingConstraints } from './weighting.js';
export { interiorQuery } from './interior-query.js';
export { boundaryQuery } from './boundary-query.js';
export { keyAlignedQuery } from './key-aligned-query.js';
export { nearZeroQuery } from './near-zero-query.js';
export { largeLogitQuery, type LargeLogitQuery, type LargeLogitQueryConstraints } from './large-logit-query.js';
export { attentionCase, type AttentionCase, type AttentionCaseConstraints } from './attention-case.js';
export type { ShapeConstraints } from '../internal/shape.js';
export { logUniformMagnitude } from './log-uniform-magnitude.js';
export { extremeScaleCase, type ExtremeScaleCase } from './extreme-scale-case.js';
export { extremeRadiusCase, type ExtremeRadiusCase } from './extreme-radius-case.js';
