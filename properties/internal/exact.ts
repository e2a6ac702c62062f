/**
 * Exact decimal arithmetic on binary64 inputs, for statements that must hold
 * without rounding (‖q‖ ≤ ρ, a norm against 1).
 * @module
 * @internal
 */
import { Decimal } from 'decimal.js';
import { exactDecimal } from '../../src/reference/exact.js';

/**
 * A decimal.js constructor whose precision (1200 digits) holds every sum of
 * up to a few dozen products of doubles in [1e−300, 1e300] exactly: a product
 * has ≤ 106 significant bits (32 digits) and the exponent range spans < 1100
 * digits.
 * @internal
 */
export const Exact = Decimal.clone({ precision: 1200, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

/**
 * Computes the exact decimal value of a double.
 * @internal
 * @lemma lem:float-error
 */
export function exact(x: number): Decimal {
  return exactDecimal(x, Exact);
}

/**
 * Computes Σ v_j² over `len` entries from `from`, exactly.
 * @internal
 * @lemma def:query-ball
 */
export function exactNormSquared(v: ArrayLike<number>, from = 0, len = v.length - from): Decimal {
  let s = new Exact(0);
  for (let j = 0; j < len; j++) {
    const x = exact(v[from + j]);
    s = s.plus(x.times(x));
  }
  return s;
}

/**
 * Computes whether ‖v‖ ≤ r holds exactly (no rounding anywhere).
 * @internal
 * @lemma def:query-ball
 */
export function normAtMost(v: ArrayLike<number>, r: number, from = 0, len = v.length - from): boolean {
  const rr = exact(r);
  return exactNormSquared(v, from, len).lte(rr.times(rr));
}

/**
 * Computes the largest row norm of a row-major matrix, rounded up to a double
 * (exact squares, sqrt at 40 digits, then one ulp up).
 * @internal
 * @lemma def:instance
 */
export function maxRowNormUp(data: Float64Array, rows: number, cols: number): number {
  let best = new Exact(0);
  for (let i = 0; i < rows; i++) {
    const s = exactNormSquared(data, i * cols, cols);
    if (s.gt(best)) best = s;
  }
  const r = Number(best.sqrt().toSignificantDigits(40).toString());
  return r * (1 + 2 ** -52);
}

/**
 * A decimal.js constructor at 80 digits for the transcendental steps (sqrt,
 * exp, ln, tanh) of a check: far beyond every tolerance they feed (≥ 10⁻⁵⁰
 * relative), and fast, unlike 1200-digit transcendentals.
 * @internal
 */
export const Work = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

/**
 * Computes the {@link Work} copy of a value (no rounding on copy).
 * @internal
 * @lemma lem:float-error
 */
export function work(x: number | Decimal): Decimal {
  return typeof x === 'number' ? new Work(exactDecimal(x)) : new Work(x);
}
