/**
 * Property: Math.log meets the accuracy lem:float-error assumes.
 * @module
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { LOG_RELATIVE_ERROR } from '../src/fast/float-error.js';
import { exactDecimal } from '../src/reference/exact.js';
import { requireAtMost } from './internal/violation.js';

/** 40 digits: the reference's own relative error 10^{−39} is 10²² times below the assumed 2u. */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

/**
 * Generates the property: for every positive normal double x ≠ 1,
 * |Math.log(x)/ln x − 1| ≤ {@link LOG_RELATIVE_ERROR} against decimal.js's
 * correctly rounded ln (the assumption `logPartition` rests on in
 * `lem:float-error`), including arguments just next to 1 where ln x is tiny.
 * @lemma lem:float-error
 */
export function mathLogWithinAssumedUlps(): fc.IPropertyWithHooks<[number]> {
  const x = fc.oneof(
    fc.double({ min: 2 ** -1022, max: Number.MAX_VALUE, noNaN: true }),
    fc.double({ min: 0.5, max: 2, noNaN: true }),
    fc.double({ min: 1 - 1e-9, max: 1 + 1e-9, noNaN: true }),
    fc.constantFrom(2 ** -1022, Number.MAX_VALUE, Math.E, 2, 0.5, 1 + 2 ** -52, 1 - 2 ** -53, 10, 4096),
  );
  return fc.property(x, (t) => {
    fc.pre(t !== 1);
    const fast = Math.log(t);
    const ref = D.ln(exactDecimal(t, D));
    const rel = exactDecimal(fast, D).div(ref).minus(1).abs();
    requireAtMost('|ln̂(x)/ln x − 1| ≤ LOG_RELATIVE_ERROR', rel, exactDecimal(LOG_RELATIVE_ERROR, D).plus('1e-39'), () => `x=${t} (Math.log=${fast})`);
  });
}
