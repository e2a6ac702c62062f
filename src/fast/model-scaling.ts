/**
 * From a transformer head to the unit setting.
 * @module
 */
import { InputError } from '../errors.js';
import type { Instance } from '../types.js';
import { validateInstance, validatePositive } from '../validate.js';

/** A head rewritten in the unit-ball setting (`def:model-scaling`). */
export interface ScaledHead {
  /** Keys k/R_k (in the unit ball), values v/R_v. */
  readonly instance: Instance;
  /** ρ = R_q·R_k/√d_h: the query radius of the unit setting. */
  readonly rho: number;
  /** R_k = max‖k_i‖. */
  readonly keyScale: number;
  /** R_v = max‖v_i‖: errors of the unit setting multiply by this. */
  readonly valueScale: number;
}

function maxRowNorm(data: Float64Array, rows: number, cols: number): number {
  let best = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] ** 2;
    best = Math.max(best, Math.sqrt(s));
  }
  return best;
}

/**
 * Rewrites a head softmax(⟨q,k⟩/√d_h) with queries of norm ≤ R_q as the unit
 * setting (`def:model-scaling`): keys k/R_k, values v/R_v and
 * ρ = R_q·R_k/√d_h; an error ε in the unit setting is R_v·ε for the head.
 *
 * Special cases: all-zero keys or values are rejected (nothing to scale by).
 * @lemma def:model-scaling
 * @example
 * ```ts
 * import { modelScaling } from 'attn-coreset';
 *
 * // A head with keys of norm 3 and values of norm 2, queries up to norm 4, d_h = 4.
 * const K = new Float64Array([3, 0, 0, 0, 0, 3, 0, 0]);
 * const V = new Float64Array([2, 0, 0, 2]);
 * const head = modelScaling({ n: 2, d: 4, dv: 2, K, V }, 4, 4);
 * console.log(head.rho, head.keyScale, head.valueScale); // ρ = 4·3/√4 = 6, and the scales 3 and 2
 * ```
 */
export function modelScaling(head: Instance, queryNorm: number, headDim: number = head.d): ScaledHead {
  validateInstance(head);
  validatePositive(queryNorm, 'queryNorm');
  validatePositive(headDim, 'headDim');
  const { n, d, dv } = head;
  const rk = maxRowNorm(head.K, n, d);
  const rv = maxRowNorm(head.V, n, dv);
  if (rk === 0) throw new InputError('parameter', 'keys', 'are all zero; attention is uniform and needs no scaling');
  if (rv === 0) throw new InputError('parameter', 'values', 'are all zero; every coreset is exact');
  const K = head.K.map((x) => x / rk);
  const V = head.V.map((x) => x / rv);
  return { instance: { n, d, dv, K, V }, rho: (queryNorm * rk) / Math.sqrt(headDim), keyScale: rk, valueScale: rv };
}
