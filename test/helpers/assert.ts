/**
 * Shared assertions (STYLE.md §8, §11): a failing comparison prints the input
 * summary, the result, the expected value, Δ and the tolerance.
 * @module
 */
import type { Decimal } from 'decimal.js';
import { exactDecimal } from '../../src/reference/exact.js';

type Num = number | Decimal;

const asDecimal = (x: Num): Decimal => (typeof x === 'number' ? exactDecimal(x) : x);

const show = (x: Num): string => {
  if (typeof x === 'number') return String(x);
  const r = x.toSignificantDigits(25);
  // Plain notation only where it stays short; decimal.js here never switches itself.
  return r.isZero() || (r.abs().gte('1e-6') && r.abs().lt('1e21')) ? r.toString() : r.toExponential();
};

/**
 * Asserts |result − expected| ≤ tolerance, computing Δ exactly in decimal, and
 * throws with input, result, expected, Δ and tolerance when it fails (or when
 * the result is not finite).
 */
export function assertWithin(what: string, result: Num, expected: Num, tolerance: Num, input: string): void {
  if (typeof result === 'number' && !Number.isFinite(result)) {
    throw new Error(`${what}: result is ${result}\n  input: ${input}\n  expected: ${show(expected)}`);
  }
  const delta = asDecimal(result).minus(asDecimal(expected)).abs();
  if (!delta.lte(asDecimal(tolerance))) {
    throw new Error(
      `${what}\n  input:     ${input}\n  result:    ${show(result)}\n  expected:  ${show(expected)}\n  Δ:         ${show(delta)}\n  tolerance: ${show(tolerance)}`,
    );
  }
}

/** Asserts that every component of `result` is within `tolerance` of `expected` (same length). */
export function assertAllWithin(what: string, result: ArrayLike<number>, expected: readonly Num[], tolerance: Num | readonly Num[], input: string): void {
  if (result.length !== expected.length) throw new Error(`${what}: length ${result.length}, expected ${expected.length}\n  input: ${input}`);
  for (let i = 0; i < expected.length; i++) {
    const tol = Array.isArray(tolerance) ? (tolerance as readonly Num[])[i] : (tolerance as Num);
    assertWithin(`${what}[${i}]`, result[i], expected[i], tol, input);
  }
}
