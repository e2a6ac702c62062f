/**
 * Property: Math.exp meets the accuracy lem:float-error assumes.
 * @module
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { EXP_RELATIVE_ERROR } from '../src/fast/float-error.js';
import { exactDecimal } from '../src/reference/exact.js';
import { requireAtMost } from './internal/violation.js';

/** ln(2⁻¹⁰²²) rounded up: below it e^x is subnormal. */
const MIN_NORMAL_EXP_ARG = -708.3964185322641;
/** ln(max double) rounded down: above it e^x overflows. */
const MAX_EXP_ARG = 709.782712893384;

/** 40 digits: the reference's own relative error 10^{−39} is 10²² times below the assumed 2u. */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

/**
 * Generates the property: for every double x with a normal result
 * (ln 2⁻¹⁰²² ≤ x ≤ ln(max double)), |Math.exp(x)/eˣ − 1| ≤
 * {@link EXP_RELATIVE_ERROR} against decimal.js's correctly rounded exp,
 * the assumption of `lem:float-error`.
 * @lemma lem:float-error
 */
export function mathExpWithinAssumedUlps(): fc.IPropertyWithHooks<[number]> {
  const x = fc.oneof(
    fc.double({ min: MIN_NORMAL_EXP_ARG, max: MAX_EXP_ARG, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1e-8, max: 1e-8, noNaN: true }),
    fc.constantFrom(MIN_NORMAL_EXP_ARG, MAX_EXP_ARG, -700, 700, 0.5, -0.5, 1, -1, Math.LN2, -Math.LN2),
  );
  return fc.property(x, (t) => {
    const fast = Math.exp(t);
    const ref = D.exp(exactDecimal(t, D));
    const rel = exactDecimal(fast, D).div(ref).minus(1).abs();
    // Reference relative error (≤ 10^{−39}) added on the right.
    requireAtMost('|exp̂(x)/eˣ − 1| ≤ EXP_RELATIVE_ERROR', rel, exactDecimal(EXP_RELATIVE_ERROR, D).plus('1e-39'), () => `x=${t} (Math.exp=${fast})`);
  });
}
