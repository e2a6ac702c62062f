/**
 * The pointwise terms of `lem:merge` (and `lem:cache-merge`): an attention
 * distance and a log-mass ratio between two weightings, each with the
 * `lem:float-error` allowance of its evaluations.
 * @module
 * @internal
 */
import { attention } from '../../src/fast/attention.js';
import { attentionErrorBound, evaluationProfile, gamma, logPartitionErrorBound } from '../../src/fast/float-error.js';
import { logPartition } from '../../src/fast/partition.js';
import type { Instance, Weighting } from '../../src/types.js';

/**
 * Computes ‖A_a(q) − A_w(q)‖ (rounded up) and its rounding allowance from
 * both attentions' `lem:float-error` bounds.
 * @internal
 * @lemma lem:merge
 */
export function errAt(inst: Instance, q: Float64Array, a: Weighting, w: Weighting): { err: number; slack: number } {
  const x = attention(inst, q, a);
  const y = attention(inst, q, w);
  let s = 0;
  for (let c = 0; c < x.length; c++) s += (x[c] - y[c]) ** 2;
  const slack = attentionErrorBound(evaluationProfile(inst, q, a)) + attentionErrorBound(evaluationProfile(inst, q, w));
  return { err: Math.sqrt(s) * (1 + gamma(inst.dv + 2)), slack };
}

/**
 * Computes |ln Z_w(q) − ln Z_a(q)| and its rounding allowance.
 * @internal
 * @lemma lem:merge
 */
export function logRatio(inst: Instance, q: Float64Array, a: Weighting, w: Weighting): { h: number; slack: number } {
  const la = logPartition(inst, q, a);
  const lw = logPartition(inst, q, w);
  const slack = logPartitionErrorBound(evaluationProfile(inst, q, a), la) + logPartitionErrorBound(evaluationProfile(inst, q, w), lw);
  return { h: Math.abs(lw - la), slack };
}
