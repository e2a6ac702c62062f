/**
 * Weighted attention A_a(q) = N_a(q) / Z_a(q) in binary64.
 * @module
 */
import type { AttentionOptions, Instance, Weighting } from '../types.js';
import { shiftedTerms } from './terms.js';

/**
 * Computes the weighted attention output A_a(q) ∈ R^{dv} (`def:attention`).
 *
 * Method: with ℓ_i = scale·⟨q,k_i⟩ and m the largest logit of positive weight,
 * $$A_a(q) = \frac{\sum_i a_i e^{\ell_i - m} v_i}{\sum_i a_i e^{\ell_i - m}},$$
 * exact by `lem:shift-invariance`; every exponent is ≤ 0, so the result is
 * finite for logits of any size.
 *
 * Special cases: `w = null` is the full set with unit weights; a zero weight
 * removes its row; a {@link Cache} evaluates over its own rows, A_C(q)
 * (`def:compressed-cache`).
 *
 * Error: within {@link attentionErrorBound} of the exact value (`lem:float-error`).
 *
 * @example
 * ```ts
 * const inst = { n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(1, -1) };
 * attention(inst, Float64Array.of(0.5), null); // [tanh(0.5)]
 * ```
 * @lemma def:attention
 * @lemma def:compressed-cache
 * @lemma lem:shift-invariance
 */
export function attention(
  inst: Instance,
  q: Float64Array,
  w: Weighting = null,
  options: AttentionOptions = {},
  out?: Float64Array,
): Float64Array {
  const { dv } = inst;
  const { rows, t, sum, V } = shiftedTerms(inst, q, w, options);
  const res = out ?? new Float64Array(dv);
  res.fill(0);
  for (let j = 0; j < rows.length; j++) {
    const tj = t[j];
    if (tj === 0) continue;
    const base = rows[j] * dv;
    for (let c = 0; c < dv; c++) res[c] += tj * V[base + c];
  }
  for (let c = 0; c < dv; c++) res[c] /= sum;
  return res;
}

/**
 * Computes A_a(q) for every row of a query matrix (rows × d), returning a
 * rows × dv matrix, row-major.
 * @lemma def:attention
 */
export function attentionBatch(inst: Instance, Q: Float64Array, w: Weighting = null, options: AttentionOptions = {}): Float64Array {
  const { d, dv } = inst;
  const rows = Q.length / d;
  const out = new Float64Array(rows * dv);
  for (let r = 0; r < rows; r++) {
    attention(inst, Q.subarray(r * d, (r + 1) * d), w, options, out.subarray(r * dv, (r + 1) * dv));
  }
  return out;
}
