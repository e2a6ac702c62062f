/**
 * The partition function Z_a(q) = Σ a_i e^{⟨q,k_i⟩} and its logarithm.
 * @module
 */
import type { AttentionOptions, Instance, Weighting } from '../types.js';
import { shiftedTerms } from './terms.js';

/**
 * Computes ln Z_a(q) (`def:attention`), finite for logits of any size.
 *
 * Method: ln Z = m + ln Σ a_i e^{ℓ_i − m} with m the largest logit
 * (`lem:shift-invariance`).
 *
 * Error: see `lem:float-error` ({@link internal!logPartitionErrorBound}).
 * @lemma def:attention
 * @lemma lem:shift-invariance
 */
export function logPartition(inst: Instance, q: Float64Array, w: Weighting = null, options: AttentionOptions = {}): number {
  const { shift, sum, weightExponent } = shiftedTerms(inst, q, w, options);
  return weightExponent === 0 ? shift + Math.log(sum) : shift + (Math.log(sum) + weightExponent * Math.LN2);
}

/**
 * Computes Z_a(q) itself. Overflows to `Infinity` when ln Z > 709.78; use
 * {@link logPartition} there.
 * @lemma def:attention
 */
export function partition(inst: Instance, q: Float64Array, w: Weighting = null, options: AttentionOptions = {}): number {
  return Math.exp(logPartition(inst, q, w, options));
}
