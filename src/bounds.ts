/**
 * Closed forms of the size statements: the uniform-weight trap
 * (`prop:uniform-weights-fail`), the orthonormal floor
 * (`prop:orthonormal-floor`) and the scale √d·e^ρ/ε of `thm:upper-bound` and
 * `thm:lower-bound`. Integer answers are computed exactly (decimal.js for
 * e^x, BigInt rationals for ε) so that a ceiling or floor is never off by one
 * from rounding.
 *
 * @module
 */
import { Decimal } from 'decimal.js';
import { InputError } from './errors.js';
import { validatePositive } from './validate.js';

/** Largest ρ the exact integer forms accept: e^{2ρ} then has ≤ 870 digits. */
const MAX_RHO = 1000;

/** Digits of e^x beyond its integer part: e^x is transcendental for rational x ≠ 0, so 40 settle the floor. */
const FRACTION_DIGITS = 40;

function floorExp(x: number): bigint {
  const D = Decimal.clone({ precision: Math.ceil(Math.abs(x) / Math.LN10) + FRACTION_DIGITS, rounding: Decimal.ROUND_HALF_EVEN, toExpPos: 9e15 });
  return BigInt(D.exp(new D(exactString(x))).floor().toFixed(0));
}

function exactString(x: number): string {
  const { num, den } = dyadic(x);
  return new Decimal(num.toString()).div(den.toString()).toString();
}

/** x = num/den exactly, den a power of two (x finite). */
function dyadic(x: number): { num: bigint; den: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (biased !== 0) mant |= 1n << 52n;
  const e = (biased === 0 ? -1074 : biased - 1075);
  const sign = bits >> 63n === 1n ? -1n : 1n;
  return e >= 0 ? { num: sign * (mant << BigInt(e)), den: 1n } : { num: sign * mant, den: 1n << BigInt(-e) };
}

function checkRho(rho: number): void {
  validatePositive(rho, 'rho');
  if (rho > MAX_RHO) throw new InputError('parameter', 'rho', `is ${rho}; exact integer forms accept ρ ≤ ${MAX_RHO}`);
}

function checkEps(eps: number): void {
  validatePositive(eps, 'eps');
  if (!(eps < 1)) throw new InputError('parameter', 'eps', `is ${eps}; the statement needs 0 < ε < 1`);
}

/**
 * Computes M = ⌊e^{2ρ}⌋, the number of −1 keys of the trap instance T_ρ
 * (`prop:uniform-weights-fail`).
 *
 * Method: e^{2ρ} in decimal with 40 digits past the integer part, then floor;
 * exact (e^{2ρ} is irrational for ρ ≠ 0). Results above 2⁵³ are rounded to
 * the nearest double.
 *
 * Special cases: ρ ≤ 0, non-finite or ρ > 1000 throw `InputError`.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { uniformTrapSize } from 'attn-coreset';
 *
 * assert.equal(uniformTrapSize(1), 7); // ⌊e²⌋ = ⌊7.389…⌋: M of the trap instance at ρ = 1
 * ```
 * @lemma prop:uniform-weights-fail
 */
export function uniformTrapSize(rho: number): number {
  checkRho(rho);
  return Number(floorExp(2 * rho));
}

/**
 * Computes E = 2·tanh(¼·ln(M/(m−1))), the coreset error over B_ρ of the
 * uniform-weight subset of T_ρ that keeps the +1 key and m − 1 of the M
 * −1 keys (`prop:uniform-weights-fail`).
 *
 * Method: A(q) = tanh(q − ½ln M) and A′(q) = tanh(q − ½ln(m−1)); the gap
 * of two shifted tanh curves peaks at the midpoint q* = ¼ln(M(m−1)) ∈ [0, ρ].
 *
 * Error: a few ulps (one log, one tanh, three roundings).
 *
 * Special cases: needs integers M ≥ 1 and 2 ≤ m ≤ M + 1 (m = M + 1 is the
 * whole set, error 0); otherwise `InputError`.
 * @lemma prop:uniform-weights-fail
 * @example
 * ```ts
 * import { uniformTrapError, uniformTrapSize } from 'attn-coreset';
 *
 * const M = uniformTrapSize(2);
 * console.log(uniformTrapError(M, 4)); // the closed-form error of a 4-row uniform subset
 * ```
 */
export function uniformTrapError(M: number, m: number): number {
  if (!Number.isInteger(M) || M < 1) throw new InputError('parameter', 'M', `must be an integer ≥ 1, got ${M}`);
  if (!Number.isInteger(m) || m < 2 || m > M + 1) throw new InputError('parameter', 'm', `must be an integer in 2..${M + 1}, got ${m}`);
  return 2 * Math.tanh(0.25 * Math.log(M / (m - 1)));
}

/**
 * Computes the smallest size of a uniform-weight ε-coreset of T_ρ,
 * m = 1 + ⌈M·((2−ε)/(2+ε))²⌉ with M = ⌊e^{2ρ}⌋ (`prop:uniform-weights-fail`).
 *
 * Method: 2·tanh(¼ln(M/(m−1))) ≤ ε ⇔ m − 1 ≥ M·((2−ε)/(2+ε))² (tanh is
 * increasing, artanh(ε/2) = ½ln((2+ε)/(2−ε))); subsets without the +1 key
 * have error ≥ 1 > ε at q = ρ. The ceiling is exact: ε = N/2^s is a dyadic
 * rational, so k·(2·2^s+N)² ≥ M·(2·2^s−N)² is decided in BigInt.
 *
 * Special cases: needs 0 < ε < 1 (at ε ≥ 1 the +1-free subsets can qualify)
 * and 0 < ρ ≤ 1000; otherwise `InputError`. Sizes above 2⁵³ are rounded.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { minUniformCoresetSize } from 'attn-coreset';
 *
 * assert.equal(minUniformCoresetSize(1, 0.1), 7); // 1 + ⌈7·(1.9/2.1)²⌉: what uniform weights need at ρ = 1, ε = 0.1
 * ```
 * @lemma prop:uniform-weights-fail
 */
export function minUniformCoresetSize(rho: number, eps: number): number {
  checkRho(rho);
  checkEps(eps);
  const M = floorExp(2 * rho);
  const { num, den } = dyadic(eps);
  const a = (2n * den - num) ** 2n;
  const b = (2n * den + num) ** 2n;
  return Number(1n + (M * a + b - 1n) / b);
}

/**
 * Computes the attention share p = e^ρ/(e^ρ + n − 1) of key i at the query
 * ρe_i in the orthonormal instance of size n (`prop:orthonormal-floor`): a
 * lower bound on the error of every weighted set that omits i.
 *
 * Error: a few ulps; may underflow to 0 for ρ ≪ −ln n (not in scope, ρ > 0).
 * @lemma prop:orthonormal-floor
 * @example
 * ```ts
 * import { orthonormalShare } from 'attn-coreset';
 *
 * console.log(orthonormalShare(8, 2)); // the attention share of one key at ρ·e_i
 * ```
 */
export function orthonormalShare(n: number, rho: number): number {
  if (!Number.isInteger(n) || n < 1) throw new InputError('parameter', 'n', `must be an integer ≥ 1, got ${n}`);
  validatePositive(rho, 'rho');
  return 1 / (1 + (n - 1) * Math.exp(-rho));
}

/**
 * Computes the largest n for which `prop:orthonormal-floor` proves that every
 * ε-coreset of the orthonormal instance is the whole set:
 * n = 1 + ⌊e^ρ(1 − ε)/ε⌋ (the largest n with e^ρ/(e^ρ + n − 1) > ε).
 *
 * Method: e^ρ(1−ε)/ε in decimal, ε exact; irrational for ρ ≠ 0, so strict
 * and non-strict inequality give the same n and the floor is exact.
 *
 * Special cases: ε ≥ 1 gives 1 (the share argument proves nothing beyond a
 * single point); ρ ≤ 0, ρ > 1000 or ε ≤ 0 throw `InputError`. Sizes above
 * 2⁵³ are rounded to the nearest double.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { orthonormalFloorSize } from 'attn-coreset';
 *
 * assert.equal(orthonormalFloorSize(1, 0.1), 25); // 1 + ⌊9e⌋: the proven floor at ρ = 1, ε = 0.1
 * ```
 * @lemma prop:orthonormal-floor
 * @lemma thm:lower-bound
 */
export function orthonormalFloorSize(rho: number, eps: number): number {
  checkRho(rho);
  validatePositive(eps, 'eps');
  if (eps >= 1) return 1;
  const D = Decimal.clone({ precision: Math.ceil((rho + Math.log(1 / eps)) / Math.LN10) + FRACTION_DIGITS + 5, toExpPos: 9e15 });
  const e = new D(exactString(eps));
  const x = D.exp(new D(exactString(rho))).times(new D(1).minus(e)).div(e);
  return Number(1n + BigInt(x.floor().toFixed(0)));
}

/**
 * Computes √d·e^ρ/ε, the common scale of `thm:upper-bound`
 * (O(√d·e^{ρ+o(ρ)}/ε)) and `thm:lower-bound` (Ω(√d·e^ρ/ε)); reports quote
 * coreset sizes as multiples of it.
 *
 * Special cases: d must be an integer ≥ 1, ρ and ε finite and > 0;
 * overflows to `Infinity` for ρ > 709.
 * @lemma thm:upper-bound
 * @lemma thm:lower-bound
 * @example
 * ```ts
 * import { paperSizeScale } from 'attn-coreset';
 *
 * console.log(paperSizeScale(64, 2, 0.05)); // √d·e^ρ/ε ≈ 1182
 * ```
 */
export function paperSizeScale(d: number, rho: number, eps: number): number {
  if (!Number.isInteger(d) || d < 1) throw new InputError('parameter', 'd', `must be an integer ≥ 1, got ${d}`);
  validatePositive(rho, 'rho');
  validatePositive(eps, 'eps');
  return (Math.sqrt(d) * Math.exp(rho)) / eps;
}
