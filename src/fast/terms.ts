/**
 * Max-shifted softmax terms t_i = a_i·exp(ℓ_i − m) over the support of a
 * weighting, the single kernel every fast evaluation is built from.
 *
 * @module
 * @internal
 */
import { InputError, InternalError } from '../errors.js';
import type { AttentionOptions, Instance, Weighting } from '../types.js';
import { dot } from './logits.js';
import { supportOf } from './support.js';

/** @internal */
export interface Terms {
  /** Support rows (into {@link Terms.K} and {@link Terms.V}). */
  readonly rows: Uint32Array;
  /** The key buffer the rows index: the instance's, or a cache's. */
  readonly K: Float64Array;
  /** The value buffer the rows index. */
  readonly V: Float64Array;
  /** t_i = a_i·exp(ℓ_i − shift) for each support row; at least one is a_j·1. */
  readonly t: Float64Array;
  /** The shift: the largest logit among rows of positive weight. */
  readonly shift: number;
  /** Σ t_i, ≥ a_j·2^{−weightExponent} > 0 for the row j that attains the shift. */
  readonly sum: number;
  /**
   * k ≥ 0 such that t_i = a_i·2^{−k}·exp(ℓ_i − shift): 0 unless Σ a_i e^{ℓ_i − m}
   * overflows binary64, then the weights are scaled by 2^{−k} (exact up to
   * subnormal underflow; A and p unchanged by `lem:shift-invariance`) and
   * ln Z = shift + ln(sum) + k·ln 2.
   */
  readonly weightExponent: number;
}

/**
 * Computes the terms. The shift is the largest logit among positive-weight
 * rows (`lem:shift-invariance`), so every exponent is ≤ 0: no overflow for
 * any logit, and the row at the shift contributes exactly its weight.
 * @lemma lem:shift-invariance
 * @internal
 */
export function shiftedTerms(inst: Instance, q: Float64Array, w: Weighting, options: AttentionOptions = {}): Terms {
  const { d } = inst;
  const scale = options.scale ?? 1;
  const { m, rows, weights, K, V } = supportOf(inst, w);
  const t = new Float64Array(m);
  let shift = -Infinity;
  for (let j = 0; j < m; j++) {
    const l = dot(q, 0, K, rows[j] * d, d);
    const s = scale === 1 ? l : scale * l;
    if (!Number.isFinite(s)) throw logitOverflow(rows[j], l, scale);
    t[j] = s;
    if (s > shift && (weights === null || weights[j] > 0)) shift = s;
  }
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const a = weights === null ? 1 : weights[j];
    const e = a === 0 ? 0 : a * Math.exp(t[j] - shift);
    t[j] = e;
    sum += e;
  }
  let weightExponent = 0;
  if (!Number.isFinite(sum)) {
    // Each term is ≤ a_i ≤ MAX_VALUE, so m terms scaled by 2^{−k} with
    // 2^k ≥ 2m sum to ≤ MAX_VALUE/2 (plus rounding, far below the rest).
    weightExponent = Math.ceil(Math.log2(m)) + 1;
    const f = 2 ** -weightExponent;
    sum = 0;
    for (let j = 0; j < m; j++) {
      t[j] *= f;
      sum += t[j];
    }
    if (!Number.isFinite(sum)) throw new InternalError(`weights scaled by 2^-${weightExponent} still overflow: ${sum}`);
  }
  return { rows, t, shift, sum, weightExponent, K, V };
}

/**
 * The error for a logit that is not a finite double: the inputs' scale,
 * not their weights, is what overflows.
 */
function logitOverflow(row: number, dotValue: number, scale: number): InputError {
  const what = Number.isFinite(dotValue) ? `scale·⟨q, k_${row}⟩ = ${scale}·${dotValue}` : `⟨q, k_${row}⟩ (before the scale ${scale})`;
  return new InputError(
    'overflow',
    `logits (query against key row ${row})`,
    `${what} overflows binary64 (|scale|·‖q‖·‖k‖ beyond 1.8e308); the keys and queries are too large together: rescale them or the scale (attention depends only on the logits)`,
  );
}
