/**
 * Max-shifted softmax terms t_i = a_i·exp(ℓ_i − m) over the support of a
 * weighting, the single kernel every fast evaluation is built from.
 *
 * @module
 * @internal
 */
import { InputError } from '../errors.js';
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
  /** Σ t_i, ≥ a_j > 0 for the row j that attains the shift. */
  readonly sum: number;
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
  if (!Number.isFinite(sum)) {
    throw new InputError('parameter', 'weights', 'their sum overflows binary64; rescale them (attention is invariant to a common factor)');
  }
  return { rows, t, shift, sum, K, V };
}
