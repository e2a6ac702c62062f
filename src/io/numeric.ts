/**
 * Numbers as text in our JSON files: JSON numbers, hexadecimal floats and
 * decimal strings, all read to the nearest double.
 * @module
 */
import { InputError } from '../errors.js';
import { formatHexFloat, parseHexFloat } from './hex-float.js';
import { MAX_NUMBER_TEXT, preview } from './limits.js';

// Unambiguous, so linear: the integer digits cannot be split between two
// digit runs (the old `[0-9]+\.?[0-9]*` could, and was quadratic on a long
// digit string that fails at its end).
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;

/**
 * Reads one matrix entry of a JSON file: a JSON number, a hexadecimal float
 * string ("0x1.8p+1", exact) or a decimal string ("0.1", "-1.5e-300",
 * correctly rounded to the nearest double). "NaN", "Infinity", "-inf" are read
 * as such so that validation can name their row and column.
 *
 * Special cases: anything else (booleans, null, arrays, "", "1,5") is an
 * {@link InputError} (`format`) naming `where`; so is a string longer than
 * `MAX_NUMBER_TEXT` (1100) characters, which no exact spelling of a double
 * needs. Messages quote at most a short prefix of the text.
 * @lemma def:instance
 */
export function parseNumericValue(value: unknown, where: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value.length > MAX_NUMBER_TEXT) {
      throw new InputError('format', where, `${preview(value)} is not a number: longer than ${MAX_NUMBER_TEXT} characters, more than any exact spelling of a double needs`);
    }
    const s = value.trim();
    if (/^[+-]?0[xX]/.test(s) || NON_FINITE.test(s)) return parseHexFloat(s, where);
    if (DECIMAL.test(s)) return Number(s);
    throw new InputError('format', where, `${preview(value)} is not a number (use a JSON number, a decimal string or a hex float such as "0x1.8p+1")`);
  }
  throw new InputError('format', where, `expected a number, got ${describeJson(value)}`);
}

/**
 * Formats a double as JSON text: the shortest decimal that reads back to the
 * same double (ECMAScript Number::toString), keeping the sign of −0; with
 * `hex`, a quoted hexadecimal float (exact, and readable by C and Python).
 *
 * Special cases: non-finite values are an {@link InputError} (`not-finite`)
 * unless `hex` is set, where they are written "inf", "-inf", "nan".
 * @lemma def:instance
 */
export function formatNumberJson(x: number, hex = false, where = 'value'): string {
  if (hex) return `"${formatHexFloat(x)}"`;
  if (!Number.isFinite(x)) throw new InputError('not-finite', where, `entry is ${x}; JSON numbers must be finite`);
  return Object.is(x, -0) ? '-0' : String(x);
}

/** A short description of a JSON value for error messages.
 * @internal
 * @lemma def:instance
 */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
