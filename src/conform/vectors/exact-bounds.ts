/**
 * Directed rounding of reference values to binary64, so that a vector's
 * "error ≥ x" is true of the exact error and not just of a rounded one.
 * @module
 */
import type { Decimal } from 'decimal.js';
import { exactDecimal, toNearestDouble } from '../../reference/index.js';

const view = new DataView(new ArrayBuffer(8));

/** The next double towards −∞ (finite, non-NaN input). @internal */
function nextDown(x: number): number {
  if (x === 0) return -(2 ** -1074);
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return view.getFloat64(0);
}

/**
 * Returns the largest double ≤ `x` (round toward −∞), for lower bounds that
 * a vector states (`def:coreset-error`).
 * @lemma lem:float-error
 */
export function doubleBelow(x: Decimal): number {
  const y = toNearestDouble(x);
  return exactDecimal(y, x.constructor as typeof Decimal).greaterThan(x) ? nextDown(y) : y;
}
