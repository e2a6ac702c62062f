/**
 * Logits ⟨q, k_i⟩ in binary64.
 * @module
 */
import type { AttentionOptions, Instance } from '../types.js';

/**
 * Computes the dot product of `len` entries of `a` from `ia` and `b` from `ib`.
 *
 * Error: any summation order gives |fl − exact| ≤ γ_len·Σ|a_j b_j|
 * (`lem:float-error`), so the four accumulators here are covered.
 * @lemma lem:float-error
 */
export function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < len; j += 4) {
    s0 += a[ia + j] * b[ib + j];
    s1 += a[ia + j + 1] * b[ib + j + 1];
    s2 += a[ia + j + 2] * b[ib + j + 2];
    s3 += a[ia + j + 3] * b[ib + j + 3];
  }
  for (; j < len; j++) s0 += a[ia + j] * b[ib + j];
  return s0 + s1 + (s2 + s3);
}

/**
 * Computes the logits ℓ_i = scale·⟨q, k_i⟩ of every key (`def:attention`).
 *
 * Method: one {@link dot} per key, then one multiplication by `scale` when it
 * is not 1.
 *
 * Error: |ℓ̂_i − ℓ_i| ≤ γ_{d+1}·|scale|·‖q‖·‖k_i‖ + (d+1)(1+|scale|)·2⁻¹⁰⁷⁵,
 * the last term for products that underflow (`logitErrorBound`,
 * `lem:float-error`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { logits } from 'attn-coreset';
 *
 * const inst = { n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(1, -1) };
 * assert.deepEqual(logits(inst, Float64Array.of(2)), Float64Array.of(2, -2));
 * assert.deepEqual(logits(inst, Float64Array.of(2), { scale: 0.5 }), Float64Array.of(1, -1)); // a model's ⟨q,k⟩/√d_h
 * ```
 * @lemma def:attention
 */
export function logits(inst: Instance, q: Float64Array, options: AttentionOptions = {}, out?: Float64Array): Float64Array {
  const { n, d, K } = inst;
  const res = out ?? new Float64Array(n);
  const scale = options.scale ?? 1;
  for (let i = 0; i < n; i++) {
    const l = dot(q, 0, K, i * d, d);
    res[i] = scale === 1 ? l : scale * l;
  }
  return res;
}
