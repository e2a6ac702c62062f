/**
 * Reference twin of `src/fast/mass-error.ts`.
 * @module
 */
import type { Decimal } from 'decimal.js';
import type { Compressed, Instance } from '../types.js';
import { finalise, makeCtx, toInstanceD, type InstanceD, type ReferenceOptions } from './context.js';
import { queryD, termsD } from './terms.js';

/**
 * Computes |ln Z_w(q) − ln Z_1(q)| (`def:mass-error`) to `digits` significant
 * digits.
 *
 * Method: |ln(Z_w/Z_1)| from max-shifted sums (`lem:shift-invariance`) at working precision (digits plus guard digits),
 * rounded once; the result is accurate to about 10^{−digits} absolutely.
 * @lemma def:mass-error
 * @lemma def:cache-mass-error
 */
export function logMassError(inst: Instance | InstanceD, q: Float64Array | readonly Decimal[], w: Compressed, options: ReferenceOptions = {}): Decimal {
  const I = toInstanceD(inst);
  const ctx = makeCtx(options, I.n * I.d);
  const qd = queryD(q, ctx);
  const t1 = termsD(I, qd, null, ctx);
  const tw = termsD(I, qd, w, ctx);
  // ln(Z_w/Z_1) = ln(Σ_w/Σ_1) + (t_w − t_1), both sums max-shifted (lem:shift-invariance).
  return finalise(ctx.D.ln(tw.Z.div(t1.Z)).plus(tw.shift.minus(t1.shift)).abs(), ctx);
}
