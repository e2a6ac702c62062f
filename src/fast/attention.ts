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
 * finite for logits of any size. A numerator that overflows (values near
 * 1.8e308) is recomputed with the terms scaled by a power of two, so the
 * output is finite whenever the inputs are.
 *
 * Error: an `InputError` (code `overflow`) when a logit itself is not a
 * finite double (‖q‖·‖k‖·|scale| beyond 1.8e308).
 *
 * Special cases: `w = null` is the full set with unit weights; a zero weight
 * removes its row; a {@link Cache} evaluates over its own rows, A_C(q)
 * (`def:compressed-cache`).
 *
 * Error: within {@link attentionErrorBound} of the exact value (`lem:float-error`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { attention, sphereInstance } from 'attn-coreset';
 *
 * const two = { n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(1, -1) };
 * assert.ok(Math.abs(attention(two, Float64Array.of(0.5), null)[0] - Math.tanh(0.5)) < 1e-15);
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const q = new Float64Array([1, 0, 0, 0]);
 * const full = attention(inst, q, null); // A_1(q): softmax over all 64 keys, a Float64Array of dv = 4
 * const sub = attention(inst, q, { indices: new Uint32Array([0, 1, 2]), weights: new Float64Array([1, 1, 1]) });
 * const scaled = attention(inst, q, null, { scale: 1 / Math.sqrt(4) }); // a model's ⟨q,k⟩/√d_h
 * console.log(full, sub, scaled);
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
  for (let c = 0; c < dv; c++) if (!Number.isFinite(res[c])) res[c] = scaledComponent(inst, rows, t, sum, c);
  return res;
}

/**
 * Recomputes output component c when Σ t_j v_jc overflowed although A_c is
 * a convex combination of finite values: with the terms scaled by 2^{−k},
 * 2^k ≥ 4·sum, every partial sum is ≤ sum·2^{−k}·MAX_VALUE ≤ MAX_VALUE/4,
 * and sum·2^{−k} ≥ 1/8 is a normal double. Power-of-two scaling commutes
 * with rounding, so each operation rounds as in the unscaled formula with
 * an unbounded exponent (a term scaled into the subnormals changes the
 * result by ≤ 8·2^{−1074}·R_v, far below the u·R_v of `lem:float-error`),
 * and the `lem:float-error` bound holds unchanged. The exact A_c is a
 * convex combination, so |A_c| ≤ max_j |v_jc| ≤ MAX_VALUE: a computed value
 * that rounded past MAX_VALUE is clamped to ±MAX_VALUE, which is no farther
 * from A_c than the unclamped one. The output is always a finite double.
 */
function scaledComponent(inst: Instance, rows: Uint32Array, t: Float64Array, sum: number, c: number): number {
  const { dv, V } = inst;
  const f = 2 ** -Math.max(0, Math.ceil(Math.log2(sum)) + 2);
  let acc = 0;
  for (let j = 0; j < rows.length; j++) if (t[j] !== 0) acc += t[j] * f * V[rows[j] * dv + c];
  const out = acc / (sum * f);
  return Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, out));
}

/**
 * Computes A_a(q) for every row of a query matrix (rows × d), returning a
 * rows × dv matrix, row-major.
 * @lemma def:attention
 * @example
 * ```ts
 * import { attentionBatch, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const Q = new Float64Array([1, 0, 0, 0, 0, 1, 0, 0]); // two queries, row-major 2 × 4
 * const out = attentionBatch(inst, Q); // 2 × dv, row-major
 * console.log(out.length); // 8
 * ```
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
