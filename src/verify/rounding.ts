/**
 * Directed-rounding helpers of the certificates: every result is on the
 * safe side of the exact value, under the assumptions of `lem:float-error`
 * (correctly rounded arithmetic; `Math.exp` for x ≤ 0 and `Math.log` within 2u).
 * @module
 */
import { gamma, SUBNORMAL_MIN, UNIT_ROUNDOFF } from '../fast/float-error.js';

const u = UNIT_ROUNDOFF;

/**
 * Computes an upper bound on ln(x) for x ≥ 0 (−Infinity for x ≤ 0).
 * @lemma lem:moment-rounding
 */
export function logUp(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  const l = Math.log(x);
  return l + Math.abs(l) * 4 * u + 4 * u;
}

/**
 * Computes an upper bound on e^x for any x, using `Math.exp` only at
 * arguments ≤ 0 (where `lem:float-error` assumes it within 2u): for x > 0,
 * e^x = 1/e^{−x}.
 * @lemma lem:moment-rounding
 */
export function expUp(x: number): number {
  if (x <= 0) return Math.exp(x) * (1 + 4 * u) + SUBNORMAL_MIN;
  const e = Math.exp(-x) * (1 - 4 * u);
  return e > 0 ? (1 / e) * (1 + 2 * u) : Infinity;
}

/**
 * Computes an upper bound on the exact sum of non-negative doubles.
 * @lemma lem:moment-rounding
 */
export function roundUpSum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s * (1 + gamma(xs.length + 1));
}
