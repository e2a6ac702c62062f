/**
 * Lifting ball keys to unit keys one dimension up.
 * @module
 */
import { validateInstance } from '../validate.js';
import type { Instance } from '../types.js';

/**
 * Maps keys in the unit ball of R^d to unit keys in R^{d+1}:
 * k̃ = (k, √(1 − ‖k‖²)); values are unchanged (`lem:lifting`). Together with
 * {@link liftQuery} every logit and every query norm is preserved, so a
 * coreset of the lifted instance is one of the original.
 *
 * Special cases: a key with ‖k‖ slightly above 1 (within the tolerance
 * accepted by `validateInstance`) gets last coordinate 0.
 * @lemma lem:lifting
 * @example
 * ```ts
 * import { lift, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const lifted = lift(inst); // keys in R^(d+1), same attention for the lifted query (def:lifting)
 * console.log(lifted.d); // 5
 * ```
 */
export function lift(inst: Instance): Instance {
  validateInstance(inst, { ballKeys: true });
  const { n, d, K } = inst;
  const L = new Float64Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < d; a++) {
      const x = K[i * d + a];
      L[i * (d + 1) + a] = x;
      s += x * x;
    }
    L[i * (d + 1) + d] = Math.sqrt(Math.max(0, 1 - s));
  }
  return { n, d: d + 1, dv: inst.dv, K: L, V: inst.V };
}

/**
 * Maps a query q ∈ R^d to q̃ = (q, 0) ∈ R^{d+1} (`lem:lifting`).
 * @lemma lem:lifting
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { attention, lift, liftQuery, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const q = new Float64Array([0.3, -0.2, 0.1, 0.4]);
 * const a = attention(inst, q, null);
 * const b = attention(lift(inst), liftQuery(q), null);
 * assert.ok(a.every((x, c) => Math.abs(x - b[c]) < 1e-12));
 * ```
 */
export function liftQuery(q: Float64Array): Float64Array {
  const r = new Float64Array(q.length + 1);
  r.set(q);
  return r;
}
