/**
 * The reference (decimal.js) twins of the fast evaluations, with the same
 * names and argument order as `src/fast` (HACL*-style spec beside code).
 * @module
 */
import type { Decimal } from 'decimal.js';
import { OutputNotRepresentableError } from '../errors.js';
import type { Compressed, Instance, Weighting } from '../types.js';
import { finalise, makeCtx, toInstanceD, type InstanceD, type ReferenceOptions } from './context.js';
import { logitD, queryD, termsD } from './terms.js';

/** A query: binary64 entries (converted exactly) or decimals. */
export type Query = Float64Array | readonly Decimal[];

/**
 * Computes the logits scale·⟨q, k_i⟩, each correctly rounded to `digits`
 * significant digits (`def:attention`).
 * @lemma def:attention
 */
export function logits(inst: Instance | InstanceD, q: Query, options: ReferenceOptions = {}): Decimal[] {
  const I = toInstanceD(inst);
  const ctx = makeCtx(options, I.d);
  const qd = queryD(q, ctx);
  return Array.from({ length: I.n }, (_, i) => finalise(logitD(I, qd, i, ctx), ctx));
}

/**
 * Computes ln Z_a(q) to `digits` significant digits (`def:attention`).
 *
 * Method: t + ln Σ a_i e^{ℓ_i − t}, t = max ℓ_i (`lem:shift-invariance`),
 * finite for every finite logit.
 * @lemma def:attention
 * @lemma lem:shift-invariance
 */
export function logPartition(inst: Instance | InstanceD, q: Query, w: Weighting = null, options: ReferenceOptions = {}): Decimal {
  const I = toInstanceD(inst);
  const ctx = makeCtx(options, I.n * I.d);
  const { Z, shift } = termsD(I, queryD(q, ctx), w, ctx);
  return finalise(ctx.D.ln(Z).plus(shift), ctx);
}

/**
 * Computes Z_a(q) to `digits` significant digits (`def:attention`).
 *
 * Method: e^t · Σ a_i e^{ℓ_i − t} (`lem:shift-invariance`).
 *
 * Error: {@link OutputNotRepresentableError} when Z_a(q) lies outside
 * decimal.js's exponent range 10^{±9·10¹⁵} (a logit beyond ≈ ±2·10¹⁶); use
 * {@link logPartition} there.
 * @lemma def:attention
 * @lemma lem:shift-invariance
 */
export function partition(inst: Instance | InstanceD, q: Query, w: Weighting = null, options: ReferenceOptions = {}): Decimal {
  const I = toInstanceD(inst);
  const ctx = makeCtx(options, I.n * I.d);
  const { Z, shift } = termsD(I, queryD(q, ctx), w, ctx);
  const out = ctx.D.exp(shift).times(Z);
  if (!out.isFinite() || out.isZero()) throw new OutputNotRepresentableError('partition', `Z = e^{${shift.toSignificantDigits(17).toString()}}·${Z.toSignificantDigits(17).toString()} is outside decimal.js's range 10^{±9e15}; use logPartition`);
  return finalise(out, ctx);
}

function attentionRaw(I: InstanceD, q: Query, w: Weighting, options: ReferenceOptions) {
  const ctx = makeCtx(options, I.n * (I.d + I.dv));
  const { rows, e, Z, V } = termsD(I, queryD(q, ctx), w, ctx);
  const { D } = ctx;
  const out: Decimal[] = [];
  for (let c = 0; c < I.dv; c++) {
    let s = new D(0);
    for (let j = 0; j < rows.length; j++) s = s.plus(D.mul(e[j], V[rows[j] * I.dv + c]));
    out.push(s.div(Z));
  }
  return { out, ctx };
}

/**
 * Computes A_a(q) = Σ a_i e^{ℓ_i} v_i / Σ a_i e^{ℓ_i} (`def:attention`).
 *
 * Error: the work runs at digits + guard digits and each component is rounded
 * once to `digits` significant digits; the absolute error before that rounding
 * is about R_v·10^{−(digits+guard)}·(terms), so a component that cancels to
 * near 0 has fewer correct significant digits than `digits` (absolute, not
 * relative, accuracy is what is guaranteed).
 * @lemma def:attention
 */
export function attention(inst: Instance | InstanceD, q: Query, w: Weighting = null, options: ReferenceOptions = {}): Decimal[] {
  const { out, ctx } = attentionRaw(toInstanceD(inst), q, w, options);
  return out.map((x) => finalise(x, ctx));
}

/**
 * Computes err_w(q) = ‖A_1(q) − A_w(q)‖₂ (`def:coreset-error`), or
 * ‖A_1(q) − A_C(q)‖₂ for a cache (`def:compressed-cache`), rounded once
 * to `digits` significant digits (absolute accuracy as for {@link attention}).
 * @lemma def:coreset-error
 * @lemma def:compressed-cache
 */
export function coresetError(inst: Instance | InstanceD, q: Query, w: Compressed, options: ReferenceOptions = {}): Decimal {
  const I = toInstanceD(inst);
  const a = attentionRaw(I, q, null, options);
  const b = attentionRaw(I, q, w, options);
  const { D } = a.ctx;
  let s = new D(0);
  for (let c = 0; c < I.dv; c++) s = s.plus(D.sub(a.out[c], b.out[c]).pow(2));
  return finalise(D.sqrt(s), a.ctx);
}

/**
 * Computes ∇_q A_a(q) = scale·Cov_p(v, k) (`lem:attention-jacobian`), dv × d,
 * row-major, each entry rounded once to `digits` significant digits (absolute
 * accuracy about R_kR_v·10^{−(digits+guard)}·terms).
 * @lemma lem:attention-jacobian
 */
export function attentionJacobian(inst: Instance | InstanceD, q: Query, w: Weighting = null, options: ReferenceOptions = {}): Decimal[] {
  const I = toInstanceD(inst);
  const ctx = makeCtx(options, I.n * I.d * I.dv);
  const { D } = ctx;
  const { rows, e, Z, K, V } = termsD(I, queryD(q, ctx), w, ctx);
  const p = e.map((x) => x.div(Z));
  const out: Decimal[] = [];
  const kbar = Array.from({ length: I.d }, (_, a) => rows.reduce((s, i, j) => s.plus(D.mul(p[j], K[i * I.d + a])), new D(0)));
  for (let c = 0; c < I.dv; c++) {
    const A = rows.reduce((s, i, j) => s.plus(D.mul(p[j], V[i * I.dv + c])), new D(0));
    for (let a = 0; a < I.d; a++) {
      const M = rows.reduce((s, i, j) => s.plus(D.mul(p[j], V[i * I.dv + c]).times(K[i * I.d + a])), new D(0));
      out.push(finalise(M.minus(A.times(kbar[a])).times(ctx.scale), ctx));
    }
  }
  return out;
}
