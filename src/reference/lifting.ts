/**
 * Reference twin of `src/fast/lifting.ts`.
 * @module
 */
import type { Decimal } from 'decimal.js';
import type { Instance } from '../types.js';
import { validateInstance } from '../validate.js';
import { finalise, makeCtx, toInstanceD, type InstanceD, type ReferenceOptions } from './context.js';

/**
 * Lifts ball keys to unit keys in R^{d+1}, k̃ = (k, √(1 − ‖k‖²)), with the
 * last coordinate to `digits` significant digits (`lem:lifting`). Keys are
 * taken exactly; a key of norm above 1 (within validation tolerance) gets 0.
 * @lemma lem:lifting
 */
export function lift(inst: Instance, options: ReferenceOptions = {}): InstanceD {
  validateInstance(inst, { ballKeys: true });
  const I = toInstanceD(inst);
  const ctx = makeCtx(options, I.d);
  const { D } = ctx;
  const K: Decimal[] = [];
  for (let i = 0; i < I.n; i++) {
    let s = new D(0);
    for (let a = 0; a < I.d; a++) {
      const x = I.K[i * I.d + a];
      K.push(x);
      s = s.plus(D.mul(x, x));
    }
    const r = new D(1).minus(s);
    K.push(r.isNegative() ? new D(0) : finalise(D.sqrt(r), ctx));
  }
  return { n: I.n, d: I.d + 1, dv: I.dv, K, V: I.V };
}

/**
 * Maps q to (q, 0) exactly (`lem:lifting`).
 * @lemma lem:lifting
 */
export function liftQuery(q: Float64Array): Float64Array {
  const r = new Float64Array(q.length + 1);
  r.set(q);
  return r;
}
