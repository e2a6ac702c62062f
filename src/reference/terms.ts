/**
 * Max-shifted softmax terms a_i·e^{ℓ_i − t}, t = max ℓ_i, in decimal
 * (`lem:shift-invariance`). decimal.js's exponent range is ±9·10¹⁵ (its
 * maximum, the default `maxE`/`minE`), so the unshifted e^{ℓ_i} overflows
 * once a logit passes ≈ 2·10¹⁶; the shifted terms lie in [0, a_i] for every
 * finite logit and their sum is ≥ min a_i > 0.
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
  /** Shifted probabilities-to-be: a_i·e^{ℓ_i − shift}, each in [0, a_i]. */
  readonly e: readonly Decimal[];
  /** Σ a_i·e^{ℓ_i − shift} = Z_a(q)·e^{−shift}. */
  readonly Z: Decimal;
  /** The shift t = max ℓ_i over the rows of positive weight. */
  readonly shift: Decimal;
}

/**
 * Converts a query to exact decimals in the working precision.
 * @lemma lem:float-error
 * @internal
 */
export function queryD(q: Float64Array | readonly Decimal[], ctx: Ctx): Decimal[] {
  return Array.from(q as ArrayLike<number | Decimal>, (x) => (typeof x === 'number' ? exactDecimal(x, ctx.D) : new ctx.D(x)));
}

const keyExponent = new WeakMap<InstanceD, number>();

/** The largest decimal exponent of a key entry (cached per instance). */
function maxKeyExponent(inst: InstanceD): number {
  let e = keyExponent.get(inst);
  if (e === undefined) {
    e = -Infinity;
    for (const x of inst.K) if (!x.isZero() && x.e > e) e = x.e;
    keyExponent.set(inst, e);
  }
  return e;
}

/**
 * The constructor logits are summed with: enough digits that each logit's
 * absolute error is below 10^{−precision}, whatever its size. A logit is a
 * sum of d products |s·q_a·k_ia| < 10^{E+1} with E the sum of the three
 * exponents + 2, so at precision P + E + ⌈log10 d⌉ + 2 each of the 2d
 * roundings (product, sum) errs by < 10^{−P−⌈log10 d⌉−1} and all of them by
 * < 10^{−P}. Without this, a logit of 10³⁰⁰ would carry an absolute error
 * of 10²⁵⁰ into e^{ℓ_i − t}.
 */
function logitCtor(inst: InstanceD, qd: readonly Decimal[], ctx: Ctx): typeof Decimal {
  let qe = -Infinity;
  for (const x of qd) if (!x.isZero() && x.e > qe) qe = x.e;
  const e = qe + maxKeyExponent(inst) + (ctx.scale.isZero() ? -Infinity : ctx.scale.e) + 2;
  const extra = Math.max(0, Number.isFinite(e) ? e : 0) + Math.ceil(Math.log10(inst.d + 1)) + 2;
  return ctx.D.clone({ precision: Math.min(1e9, ctx.D.precision + extra) });
}

function logitWith(Dh: typeof Decimal, inst: InstanceD, qd: readonly Decimal[], i: number, scale: Decimal): Decimal {
  let s = new Dh(0);
  for (let a = 0; a < inst.d; a++) s = s.plus(Dh.mul(qd[a], inst.K[i * inst.d + a]));
  return s.times(scale);
}

/**
 * Computes one logit scale·⟨q, k_i⟩ with absolute error below
 * 10^{−precision} (extra digits for large logits, see the module).
 * @lemma def:attention
 * @internal
 */
export function logitD(inst: InstanceD, qd: readonly Decimal[], i: number, ctx: Ctx): Decimal {
  return logitWith(logitCtor(inst, qd, ctx), inst, qd, i, ctx.scale);
}

/**
 * Computes the max-shifted terms a_i·e^{ℓ_i − t} and their sum, t = max ℓ_i
 * over the rows of positive weight (`lem:shift-invariance`): finite for
 * every finite logit, and ℓ_i − t is exact to 10^{−precision} absolutely,
 * so each term has relative error about 10^{−precision}. For a cache the
 * terms run over its own rows converted exactly, with its own shift
 * (`def:compressed-cache`).
 * @lemma lem:shift-invariance
 * @lemma def:compressed-cache
 * @internal
 */
export function termsD(inst: InstanceD, qd: readonly Decimal[], w: Weighting, ctx: Ctx): TermsD {
  const { D } = ctx;
  const side = isCache(w) ? toInstanceD({ n: w.m, d: w.d, dv: w.dv, K: w.K, V: w.V }, w) : inst;
  const Dh = logitCtor(side, qd, ctx);
  const rows: number[] = [];
  const l: Decimal[] = [];
  const a: Decimal[] = [];
  const m = w === null ? inst.n : isCache(w) ? w.m : w.indices.length;
  for (let j = 0; j < m; j++) {
    const i = w === null || isCache(w) ? j : w.indices[j];
    const wi = w === null ? 1 : w.weights[j];
    if (wi === 0) continue;
    rows.push(i);
    l.push(logitWith(Dh, side, qd, i, ctx.scale));
    a.push(exactDecimal(wi, D));
  }
  let shift = l.length === 0 ? new D(0) : l[0];
  for (const x of l) if (x.greaterThan(shift)) shift = x;
  const e: Decimal[] = [];
  let Z = new D(0);
  for (let j = 0; j < l.length; j++) {
    // Dh subtracts; the difference is ≤ 0 and is rounded once to D's precision by exp.
    const t = D.exp(Dh.sub(l[j], shift)).times(a[j]);
    e.push(t);
    Z = Z.plus(t);
  }
  return { rows, e, Z, shift, K: side.K, V: side.V };
}
