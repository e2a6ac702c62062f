/**
 * The fast implementation: binary64, row-major Float64Array.
 * @module fast
 */
export { attention, attentionBatch } from './attention.js';
export { coresetError } from './coreset-error.js';
export { attentionJacobian } from './jacobian.js';
export { dot, logits } from './logits.js';
export { accumulateTransposed, crossDots } from './gemm.js';
export { logPartition, partition } from './partition.js';
export { lift, liftQuery } from './lifting.js';
export { modelScaling, type ScaledHead } from './model-scaling.js';
export * from './float-error.js';
export { errorIdentity, errorIdentityErrorBound } from './error-identity.js';
export { logMassError, logMassErrorBound } from './mass-error.js';
export { differenceLogLowerBound, jensenLogLowerBound, meanKeyNormUpper } from './partition-bounds.js';
