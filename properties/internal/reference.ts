/**
 * How far the reference itself may be from the exact value, and helpers to
 * compare a binary64 result with it.
 * @module
 * @internal
 */
import type { Decimal } from 'decimal.js';
import { exact, Exact, work } from './exact.js';

/**
 * Digits the fast-vs-reference properties ask the reference for. Far below
 * every binary64 bound (u ≈ 1.1e−16), cheap enough for ~50 runs.
 * @internal
 */
export const REFERENCE_DIGITS = 30;

/**
 * Computes the absolute error allowance of a reference result at `digits`
 * significant digits whose natural magnitude is `magnitude` (|value| plus the
 * scale the terms live on: R_v for attention, 1 + |ln Z| + ρR_k for a log):
 * the final rounding is ≤ ½·10^{1−digits}·|value|, and the work runs with
 * ≥ 10 guard digits (`guardDigits`), so the accumulated error of its
 * O(terms) operations is ≤ 10^{−digits−9}·magnitude; 10^{1−digits}·magnitude
 * covers both.
 * @internal
 * @lemma lem:float-error
 */
export function referenceAllowance(digits: number, magnitude: number | Decimal): Decimal {
  return new Exact(10).pow(1 - digits).times(typeof magnitude === 'number' ? exact(magnitude) : magnitude);
}

/**
 * Computes ‖x̂ − x‖₂ exactly-ish (1200-digit decimal) between a binary64
 * vector and a reference vector.
 * @internal
 * @lemma lem:float-error
 */
export function distance(fast: ArrayLike<number>, ref: readonly Decimal[]): Decimal {
  let s = new Exact(0);
  for (let c = 0; c < ref.length; c++) s = s.plus(exact(fast[c]).minus(ref[c]).pow(2));
  return work(s).sqrt();
}
