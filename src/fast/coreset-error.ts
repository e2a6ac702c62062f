/**
 * The coreset error at one query, err_w(q) = ‖A_1(q) − A_w(q)‖₂.
 * @module
 */
import type { AttentionOptions, Compressed, Instance } from '../types.js';
import { attention } from './attention.js';

/**
 * Computes err_w(q) = ‖A_1(q) − A_w(q)‖₂ (`def:coreset-error`), the full set
 * against the weighted set `w`, or ‖A_1(q) − A_C(q)‖₂ against a cache
 * (`def:compressed-cache`).
 *
 * Error: within {@link coresetErrorBound} (`lem:float-error`,
 * `lem:cache-float-error`).
 * @lemma def:coreset-error
 * @lemma def:compressed-cache
 */
export function coresetError(inst: Instance, q: Float64Array, w: Compressed, options: AttentionOptions = {}): number {
  const a = attention(inst, q, null, options);
  const b = attention(inst, q, w, options);
  let s = 0;
  for (let c = 0; c < a.length; c++) s += (a[c] - b[c]) ** 2;
  return Math.sqrt(s);
}
