/**
 * Forward error bounds of the binary64 evaluations (`lem:float-error`).
 * Every fast-vs-reference comparison uses these and nothing looser; the
 * derivation is in `proofs/lem-float-error.md`.
 *
 * @module
 */
import type { AttentionOptions, Instance, Weighting } from '../types.js';
import { dot } from './logits.js';
import { supportOf } from './support.js';

/** u = 2⁻⁵³, the unit roundoff of binary64 with round-to-nearest. */
export const UNIT_ROUNDOFF = 2 ** -53;

/**
 * The assumption on `Math.exp`: for a normal result, |exp̂(x)/eˣ − 1| ≤ 2u
 * (at most one ulp). V8 uses fdlibm's `exp`, documented as < 1 ulp; the
 * property `mathExpWithinAssumedUlps` checks it against decimal.js.
 */
export const EXP_RELATIVE_ERROR = 2 * UNIT_ROUNDOFF;

/**
 * The assumption on `Math.log` (used once, by `logPartition`): for a
 * positive normal argument, |ln̂(x)/ln x − 1| ≤ 2u (at most one ulp), as
 * fdlibm's `log` documents; checked by `mathLogWithinAssumedUlps`.
 */
export const LOG_RELATIVE_ERROR = 2 * UNIT_ROUNDOFF;

/** Smallest positive subnormal, 2⁻¹⁰⁷⁴: the absolute error of an underflowed result. */
export const SUBNORMAL_MIN = 2 ** -1074;

/**
 * γ_k = k·u/(1 − k·u) (Higham, Accuracy and Stability, §3.1): the relative
 * error of a length-(k+1) sum or a length-k dot product in any order.
 * @lemma lem:float-error
 */
export function gamma(k: number): number {
  const ku = k * UNIT_ROUNDOFF;
  if (ku >= 1) return Infinity;
  return ku / (1 - ku);
}

/** What the bound depends on, read off the data of one evaluation. */
export interface EvaluationProfile {
  /** Support size (rows of positive weight). */
  readonly m: number;
  readonly d: number;
  readonly dv: number;
  /** |scale|·‖q‖, rounded up. */
  readonly scaledQueryNorm: number;
  /** max‖k_i‖ over the support, rounded up. */
  readonly keyNorm: number;
  /** max‖v_i‖ over the support, rounded up. */
  readonly valueNorm: number;
  /** max − min of the computed logits over the support. */
  readonly spread: number;
  /** Σ a_i / min a_i over the support (m for the full set), rounded up. */
  readonly weightRatio: number;
  /** min a_i over the support (1 for the full set). */
  readonly minWeight: number;
  /** The logit scale s (1 when none is given). */
  readonly scale: number;
  /** Whether a scale ≠ 1 multiplies the logits (one more rounding). */
  readonly scaled: boolean;
}

const up = (x: number, k: number): number => x * (1 + gamma(k + 2));

/**
 * ‖x‖₂ of `len` entries from `off`, scaled by the largest magnitude so that
 * tiny rows (entries below 1e-154, whose squares underflow) keep their norm;
 * rounded up by the roundings of the scaling, the squares and the sum.
 */
function rowNorm(x: Float64Array, off: number, len: number): number {
  let big = 0;
  for (let j = 0; j < len; j++) big = Math.max(big, Math.abs(x[off + j]));
  if (big === 0) return 0;
  let s = 0;
  for (let j = 0; j < len; j++) s += (x[off + j] / big) ** 2;
  return up(big * Math.sqrt(s), len + 3);
}

/**
 * Reads the {@link EvaluationProfile} of evaluating A_w(q); for a cache the
 * norms are the cache's own (`lem:cache-float-error`).
 * @lemma lem:float-error
 * @lemma lem:cache-float-error
 * @example
 * ```ts
 * import { attentionErrorBound, evaluationProfile, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const p = evaluationProfile(inst, new Float64Array([2, 0, 0, 0]), null);
 * console.log(p.m, p.spread, attentionErrorBound(p));
 * ```
 */
export function evaluationProfile(inst: Instance, q: Float64Array, w: Weighting, options: AttentionOptions = {}): EvaluationProfile {
  const { d, dv } = inst;
  const scale = options.scale ?? 1;
  const { m, rows, weights, K, V } = supportOf(inst, w);
  let kn = 0;
  let vn = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let sumA = 0;
  let minA = Infinity;
  let count = 0;
  for (let j = 0; j < m; j++) {
    const a = weights === null ? 1 : weights[j];
    if (a === 0) continue;
    count++;
    const i = rows[j];
    kn = Math.max(kn, rowNorm(K, i * d, d));
    vn = Math.max(vn, rowNorm(V, i * dv, dv));
    let l = dot(q, 0, K, i * d, d);
    if (scale !== 1) l *= scale;
    lo = Math.min(lo, l);
    hi = Math.max(hi, l);
    sumA += a;
    minA = Math.min(minA, a);
  }
  return {
    m: count,
    d,
    dv,
    scaledQueryNorm: up(Math.abs(scale) * rowNorm(q, 0, d), 1),
    keyNorm: kn,
    valueNorm: vn,
    spread: up(hi - lo, 1),
    weightRatio: up(sumA / minA, count),
    minWeight: minA,
    scale,
    scaled: scale !== 1,
  };
}

/**
 * Bounds |ℓ̂_i − ℓ_i| for every logit of the support (`lem:float-error`): one
 * dot product (γ_d) and maybe one scaling (γ_{d+1}), relative to
 * |s|·‖q‖·‖k_i‖, plus (d+1)(1+|s|)·2⁻¹⁰⁷⁵ for products that underflow.
 * @lemma lem:float-error
 */
export function logitErrorBound(p: EvaluationProfile): number {
  return gamma(p.d + (p.scaled ? 1 : 0)) * p.scaledQueryNorm * p.keyNorm + (p.d + 1) * (1 + Math.abs(p.scale)) * 2 ** -1075;
}

/**
 * τ: the largest relative perturbation of a computed softmax term
 * a_i·exp(ℓ̂_i − m̂) against the exact a_i·exp(ℓ_i − ℓ_j) (common shift ℓ_j),
 * plus the underflow allowance, as fractions of the total mass.
 * @internal
 */
function termPerturbation(p: EvaluationProfile): { tau: number; under: number; eta: number } {
  const u = UNIT_ROUNDOFF;
  const eta = logitErrorBound(p);
  // Exponent error relative to a common shift: two logits' errors plus the
  // rounding of the subtraction ℓ̂_i − m̂ (relative u of a value ≤ spread).
  const expo = 2 * eta + u * p.spread;
  // (1+2u)(1+u)e^x − 1, evaluated so that its own roundings only raise it:
  // in binary64 1 + u rounds to 1, so the factor is folded into 1 + 8u, which
  // dominates (1+2u)(1+u) even after Math.exp's own 2u and the product's u.
  const tau = (1 + 8 * u) * Math.exp(expo) - 1;
  // Underflowed terms: absolute error ≤ (a_i + 1)·2⁻¹⁰⁷⁴ each, against a total
  // ≥ min a_i (the shift row contributes its weight exactly).
  const under = (p.weightRatio + p.m / p.minWeight) * SUBNORMAL_MIN;
  return { tau, under, eta };
}

/**
 * Bounds ‖Â − A‖₂ for {@link attention} (`lem:float-error`):
 * $$R_v\Big(\frac{2\tau}{1-\tau} + 2\,\mathrm{under} + \frac{2\gamma_m}{1-\gamma_m} + 2u\Big).$$
 * @lemma lem:float-error
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { attention, attentionErrorBound, evaluationProfile, sphereInstance } from 'attn-coreset';
 * import * as Ref from 'attn-coreset/reference';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const q = new Float64Array([1.5, 0, -1, 0]);
 * const fast = attention(inst, q, null);
 * const exact = Ref.attention(inst, q, null, { digits: 40 });
 * const bound = attentionErrorBound(evaluationProfile(inst, q, null)); // lem:float-error
 * const dist = Math.hypot(...exact.map((x, c) => x.toNumber() - fast[c]));
 * assert.ok(dist <= bound);
 * ```
 */
export function attentionErrorBound(p: EvaluationProfile): number {
  const { tau, under } = termPerturbation(p);
  const g = gamma(p.m + 1);
  // Absolute underflow of the numerator's products a_i·e_i·v_ic.
  const abs = (Math.sqrt(p.dv) * (p.m + 1) * SUBNORMAL_MIN) / Math.min(1, p.minWeight);
  // Past τ = ½ the perturbation argument is void; a convex combination of
  // rows of norm ≤ R_v is still within 2R_v of any other.
  if (tau >= 0.5 || under > 2 ** -30) return p.valueNorm * (2 + (2 * g) / (1 - g) + 2 * UNIT_ROUNDOFF) + abs;
  return p.valueNorm * ((2 * tau) / (1 - tau) + 2 * under + (2 * g) / (1 - g) + 2 * UNIT_ROUNDOFF) + abs;
}

/**
 * Bounds |ln Ẑ − ln Z| for {@link "attn-coreset"!logPartition} given its computed value
 * (`lem:float-error`).
 * @lemma lem:float-error
 */
export function logPartitionErrorBound(p: EvaluationProfile, value: number): number {
  const { tau, under, eta } = termPerturbation(p);
  const g = gamma(p.m + 1);
  const rel = tau + under + g + tau * g;
  if (rel >= 0.5 || under > 2 ** -30) return Infinity;
  // shift error η, the sum's relative error through ln, and the roundings of
  // Math.log (≤ 1 ulp) and the final addition, each relative to |value| + slack.
  return eta + rel / (1 - rel) + 4 * UNIT_ROUNDOFF * (Math.abs(value) + p.spread + 1);
}

/**
 * Bounds the Frobenius norm of Ĵ − J for {@link "attn-coreset"!attentionJacobian}
 * (`lem:float-error`).
 * @lemma lem:float-error
 */
export function jacobianErrorBound(p: EvaluationProfile, scale: number = p.scale): number {
  const { tau, under } = termPerturbation(p);
  const g = gamma(p.m + p.d + p.dv + 4);
  if (tau + under + g >= 0.5) return Infinity;
  const pert = (2 * (tau + under + g)) / (1 - tau - under - g);
  const s = Math.abs(scale);
  const abs = Math.sqrt(p.d * p.dv) * (1 + s * (p.m + 1) * (1 + p.keyNorm + p.valueNorm)) * SUBNORMAL_MIN;
  return s * p.valueNorm * p.keyNorm * (3 * pert + 6 * g) + abs;
}

/**
 * Bounds |êrr − err| for {@link coresetError}: both attentions' bounds plus
 * the roundings of the difference and its norm (`lem:float-error`).
 * @lemma lem:float-error
 * @example
 * ```ts
 * import { coresetErrorBound, evaluationProfile, sphereInstance, uniformCoreset } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const q = new Float64Array([1, 0, 0, 0]);
 * const w = uniformCoreset(inst, 16);
 * // How far the binary64 coresetError(inst, q, w) may be from the exact value.
 * console.log(coresetErrorBound(evaluationProfile(inst, q, null), evaluationProfile(inst, q, w)));
 * ```
 */
export function coresetErrorBound(full: EvaluationProfile, sub: EvaluationProfile): number {
  const b = attentionErrorBound(full) + attentionErrorBound(sub);
  return b + gamma(full.dv + 3) * (full.valueNorm + sub.valueNorm + b) + Math.sqrt(full.dv) * 2 ** -537;
}
