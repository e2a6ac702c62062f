/**
 * Property: fast ln Z is within logPartitionErrorBound of the reference.
 * @module
 */
import fc from 'fast-check';
import { evaluationProfile, logPartitionErrorBound } from '../src/fast/float-error.js';
import { logPartition } from '../src/fast/partition.js';
import * as Ref from '../src/reference/index.js';
import { attentionCase, type AttentionCase } from './arbitraries/attention-case.js';
import type { LadderConstraints } from './fast-logits-within-float-error-of-reference.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireWithin } from './internal/violation.js';

/**
 * Generates the property: the computed ln Z_w(q) is within
 * {@link logPartitionErrorBound} of the reference (`lem:float-error`), for
 * every weighting (tiny and huge weights included) and logits up to ±5000.
 * @lemma lem:float-error
 * @lemma lem:shift-invariance
 */
export function fastLogPartitionWithinFloatErrorOfReference(constraints: LadderConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(attentionCase(constraints.cases), ({ instance, q, w, scale }) => {
    const value = logPartition(instance, q, w, { scale });
    const ref = Ref.logPartition(instance, q, w, { scale, digits });
    const p = evaluationProfile(instance, q, w, { scale });
    const magnitude = Math.abs(value) + 1 + p.scaledQueryNorm * p.keyNorm;
    const tol = referenceAllowance(digits, magnitude).plus(logPartitionErrorBound(p, value));
    requireWithin('ln Z within logPartitionErrorBound', value, ref, tol, () => describeCase(instance, q, w, `scale=${scale}`));
  });
}
