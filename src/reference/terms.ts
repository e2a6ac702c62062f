/**
 * Unshifted softmax terms a_i·e^{ℓ_i} in decimal (decimal.js has an exponent
 * range of ±9·10¹⁵, so no shift is needed and the reference stays the plain
 * formula of `def:attention`).
 * @module
 * @internal
 */
import type { Decimal } from 'decimal.js';
import type { Weighting } from '../types.js';
import { isCache } from '../fast/support.js';
import { toInstanceD, type Ctx, type InstanceD } from './context.js';
import { exactDecimal } from './exact.js';

/** @internal */
export interface TermsD {
  /** Rows into {@link TermsD.K} and {@link TermsD.V}. */
  readonly rows: readonly number[];
  /** The side's keys as exact decimals: the instance's, or a cache's. */
  readonly K: readonly Decimal[];
  /** The side's values, indexed like K. */
  readonly V: readonly Decimal[];
  /** Probabilities-to-be: a_i·e^{ℓ_i}. */
  readonly e: readonly Decimal[];
  readonly Z: Decimal;
}

/**
 * Converts a query to exact decimals in the working precision.
 * @lemma lem:float-error
 * @internal
 */
export function queryD(q: Float64Array | readonly Decimal[], ctx: Ctx): Decimal[] {
  return Array.from(q as ArrayLike<number | Decimal>, (x) => (typeof x === 'number' ? exactDecimal(x, ctx.D) : new ctx.D(x)));
}

/**
 * Computes one logit scale·⟨q, k_i⟩ in the working precision.
 * @lemma def:attention
 * @internal
 */
export function logitD(inst: InstanceD, qd: readonly Decimal[], i: number, ctx: Ctx): Decimal {
  const { D } = ctx;
  let s = new D(0);
  for (let a = 0; a < inst.d; a++) s = s.plus(D.mul(qd[a], inst.K[i * inst.d + a]));
  return s.times(ctx.scale);
}

/**
 * Computes the terms a_i·e^{ℓ_i} and their sum Z_a(q); for a cache, over
 * its own rows converted exactly (`def:compressed-cache`).
 * @lemma def:attention
 * @lemma def:compressed-cache
 * @internal
 */
export function termsD(inst: InstanceD, qd: readonly Decimal[], w: Weighting, ctx: Ctx): TermsD {
  const { D } = ctx;
  const rows: number[] = [];
  const e: Decimal[] = [];
  let Z = new D(0);
  const side = isCache(w) ? toInstanceD({ n: w.m, d: w.d, dv: w.dv, K: w.K, V: w.V }, w) : inst;
  const m = w === null ? inst.n : isCache(w) ? w.m : w.indices.length;
  for (let j = 0; j < m; j++) {
    const i = w === null || isCache(w) ? j : w.indices[j];
    const a = w === null ? 1 : w.weights[j];
    if (a === 0) continue;
    const t = D.exp(logitD(side, qd, i, ctx)).times(exactDecimal(a, D));
    rows.push(i);
    e.push(t);
    Z = Z.plus(t);
  }
  return { rows, e, Z, K: side.K, V: side.V };
}
