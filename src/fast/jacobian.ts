/**
 * The Jacobian of attention with respect to the query.
 * @module
 */
import type { AttentionOptions, Instance, Weighting } from '../types.js';
import { shiftedTerms } from './terms.js';

/**
 * Computes ∇_q A_a(q) = scale·Cov_{p_q}(v, k), a dv × d matrix, row-major
 * (`lem:attention-jacobian`), where p_q is the softmax distribution
 * p_i ∝ a_i e^{ℓ_i}.
 *
 * Method: J = scale·(Σ p_i v_i k_iᵀ − A k̄ᵀ) with k̄ = Σ p_i k_i.
 *
 * Error: see `lem:float-error` ({@link internal!jacobianErrorBound}).
 * For a {@link Cache} the rows are its own (`lem:cache-jacobian`).
 * @lemma lem:attention-jacobian
 * @lemma lem:cache-jacobian
 * @example
 * ```ts
 * import { attentionJacobian, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const J = attentionJacobian(inst, new Float64Array([0.5, 0, 0, 0]), null); // dv × d, row-major
 * console.log(J.length); // 16
 * ```
 */
export function attentionJacobian(inst: Instance, q: Float64Array, w: Weighting = null, options: AttentionOptions = {}): Float64Array {
  const { d, dv } = inst;
  const scale = options.scale ?? 1;
  const { rows, t, sum, K, V } = shiftedTerms(inst, q, w, options);
  const M = new Float64Array(dv * d);
  const A = new Float64Array(dv);
  const kbar = new Float64Array(d);
  for (let j = 0; j < rows.length; j++) {
    const p = t[j] / sum;
    if (p === 0) continue;
    const kb = rows[j] * d;
    const vb = rows[j] * dv;
    for (let a = 0; a < d; a++) kbar[a] += p * K[kb + a];
    for (let c = 0; c < dv; c++) {
      const pv = p * V[vb + c];
      A[c] += pv;
      const row = c * d;
      for (let a = 0; a < d; a++) M[row + a] += pv * K[kb + a];
    }
  }
  for (let c = 0; c < dv; c++) {
    for (let a = 0; a < d; a++) M[c * d + a] = scale * (M[c * d + a] - A[c] * kbar[a]);
  }
  return M;
}
