/**
 * Exact conversion of binary64 numbers to decimal.js values.
 * @module
 */
import { Decimal } from 'decimal.js';
import { dyadicString } from './fixed/dyadic.js';

const view = new DataView(new ArrayBuffer(8));

/**
 * Returns the exact decimal expansion of a finite double, as a string
 * decimal.js parses without rounding (`123e-5` form).
 *
 * Method: x = M·2^E with integer M < 2⁵³; for E < 0, x = (M·5^{−E})·10^{E}.
 * This is what `new Decimal(0.1)` does not do: it reads the shortest
 * round-trip string "0.1", not 0.1000000000000000055511151231257827….
 * @lemma lem:float-error
 */
export function exactDecimalString(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`exactDecimalString: ${x} is not finite`);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e: number;
  if (biased === 0) {
    e = -1074;
  } else {
    mant |= 1n << 52n;
    e = biased - 1075;
  }
  const body = dyadicString(mant, e);
  return negative ? `-${body}` : body;
}

/**
 * Converts a double to the decimal.js value equal to it exactly, whatever
 * the precision of `D` (decimal.js does not round on construction).
 * @lemma lem:float-error
 */
export function exactDecimal(x: number, D: typeof Decimal = Decimal): Decimal {
  return new D(exactDecimalString(x));
}

/**
 * Rounds a decimal to the nearest binary64, correctly (ties to even).
 * @lemma lem:float-error
 */
export function toNearestDouble(x: Decimal): number {
  // decimal.js's toNumber goes through the shortest string at 17+ digits; a
  // string with enough digits parses correctly rounded in V8.
  return Number(x.toSignificantDigits(40).toString());
}
