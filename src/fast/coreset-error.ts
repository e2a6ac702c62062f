/**
 * The coreset error at one query, err_w(q) = ‖A_1(q) − A_w(q)‖₂.
 * @module
 */
import { OutputNotRepresentableError } from '../errors.js';
import type { AttentionOptions, Compressed, Instance } from '../types.js';
import { attention } from './attention.js';

/**
 * Computes err_w(q) = ‖A_1(q) − A_w(q)‖₂ (`def:coreset-error`), the full set
 * against the weighted set `w`, or ‖A_1(q) − A_C(q)‖₂ against a cache
 * (`def:compressed-cache`).
 *
 * Special cases: when the differences or their squares overflow (values
 * near 1.8e308) the norm is recomputed from halved differences scaled by a
 * power of two, which rounds as the unscaled formula would with an
 * unbounded exponent (halving is exact outside the subnormals).
 *
 * Error: within {@link coresetErrorBound} (`lem:float-error`,
 * `lem:cache-float-error`); an `OutputNotRepresentableError` when the error
 * itself exceeds the largest double (it can reach 2·max‖v_i‖;
 * `def:representable-output`).
 * @lemma def:coreset-error
 * @lemma def:compressed-cache
 * @lemma def:representable-output
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { coresetError, sphereInstance, uniformCoreset } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const q = new Float64Array([0, 2, 0, 0]);
 * const e = coresetError(inst, q, uniformCoreset(inst, 16)); // ‖A_1(q) − A_w(q)‖₂
 * assert.ok(e >= 0 && e <= 2);
 * ```
 */
export function coresetError(inst: Instance, q: Float64Array, w: Compressed, options: AttentionOptions = {}): number {
  const a = attention(inst, q, null, options);
  const b = attention(inst, q, w, options);
  let s = 0;
  for (let c = 0; c < a.length; c++) s += (a[c] - b[c]) ** 2;
  return Number.isFinite(s) ? Math.sqrt(s) : scaledDistance(a, b);
}

/** ‖a − b‖₂ as 2·‖(a/2 − b/2)·2^{−k}‖·2^k, 2^k ≥ the largest |a_c/2 − b_c/2|. */
function scaledDistance(a: Float64Array, b: Float64Array): number {
  let big = 0;
  for (let c = 0; c < a.length; c++) big = Math.max(big, Math.abs(a[c] / 2 - b[c] / 2));
  const k = Math.ceil(Math.log2(big));
  let s = 0;
  for (let c = 0; c < a.length; c++) s += ((a[c] / 2 - b[c] / 2) * 2 ** -k) ** 2;
  const out = Math.sqrt(s) * 2 ** k * 2;
  if (!Number.isFinite(out)) throw new OutputNotRepresentableError('coreset error', `err_w(q) = 2^${k + 1}·${Math.sqrt(s)} exceeds the largest binary64, 1.7976931348623157e308`);
  return out;
}
