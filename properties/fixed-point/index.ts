/**
 * Properties of the exact-logit fixed-point recomputation (`lem:exact-fixed-point-logits`).
 * @module
 */
export { dyadicExtremeCase, type DyadicExtremeCase } from './dyadic-extreme-case.js';
export { fixedPointErrorMatchesReference, type FixedPointTwinConstraints } from './fixed-point-error-matches-reference.js';
