/**
 * The log mass error |ln Z_w(q) − ln Z_1(q)| at one query.
 * @module
 */
import type { AttentionOptions, Compressed, Instance } from '../types.js';
import { UNIT_ROUNDOFF, logPartitionErrorBound, type EvaluationProfile } from './float-error.js';
import { logPartition } from './partition.js';

/**
 * Computes |ln Z_w(q) − ln Z_1(q)|, the integrand of the mass error δ(w) of
 * `def:mass-error` at one query, finite for logits of any size.
 *
 * Method: two max-shifted log-partitions ({@link logPartition}), subtracted;
 * for a cache, Z_C is its own (`def:cache-mass-error`).
 *
 * Error: within {@link logMassErrorBound} (`lem:float-error`).
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { logMassError } from 'attn-coreset';
 *
 * // ln(Z_w(q) / Z_1(q)): how far the coreset's softmax mass is from the full set's.
 * const inst = { n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(1, -1) };
 * assert.equal(logMassError(inst, Float64Array.of(0), { indices: Uint32Array.of(0), weights: Float64Array.of(2) }), 0);
 * ```
 * @lemma def:mass-error
 * @lemma def:cache-mass-error
 */
export function logMassError(inst: Instance, q: Float64Array, w: Compressed, options: AttentionOptions = {}): number {
  return Math.abs(logPartition(inst, q, w, options) - logPartition(inst, q, null, options));
}

/**
 * Bounds the error of {@link logMassError} given the two computed
 * log-partitions: the two {@link logPartitionErrorBound}s plus the rounding of
 * the subtraction, u·|ln Ẑ_w − ln Ẑ_1| (`lem:float-error`).
 * @lemma lem:float-error
 * @lemma def:mass-error
 */
export function logMassErrorBound(full: EvaluationProfile, sub: EvaluationProfile, logZ1: number, logZw: number): number {
  return logPartitionErrorBound(full, logZ1) + logPartitionErrorBound(sub, logZw) + UNIT_ROUNDOFF * Math.abs(logZw - logZ1);
}
