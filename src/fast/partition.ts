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
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { logPartition } from 'attn-coreset';
 *
 * const inst = { n: 2, d: 1, dv: 1, K: new Float64Array([1, -1]), V: new Float64Array([1, -1]) };
 * const z = logPartition(inst, new Float64Array([800]), null); // ln(e^800 + e^-800), no overflow
 * assert.ok(Math.abs(z - 800) < 1e-12);
 * ```
 */
export function logPartition(inst: Instance, q: Float64Array, w: Weighting = null, options: AttentionOptions = {}): number {
  const { shift, sum, weightExponent } = shiftedTerms(inst, q, w, options);
  return weightExponent === 0 ? shift + Math.log(sum) : shift + (Math.log(sum) + weightExponent * Math.LN2);
}

/**
 * Computes Z_a(q) itself. Overflows to `Infinity` when ln Z > 709.78; use
 * {@link logPartition} there.
 * @lemma def:attention
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { partition } from 'attn-coreset';
 *
 * const inst = { n: 2, d: 1, dv: 1, K: new Float64Array([1, -1]), V: new Float64Array([1, -1]) };
 * assert.ok(Math.abs(partition(inst, new Float64Array([0]), null) - 2) < 1e-15); // e^0 + e^0
 * ```
 */
export function partition(inst: Instance, q: Float64Array, w: Weighting = null, options: AttentionOptions = {}): number {
  return Math.exp(logPartition(inst, q, w, options));
}
