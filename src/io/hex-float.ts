/**
 * Exact text for binary64 values: C99 / IEEE 754 hexadecimal floating-point
 * literals ("0x1.8p+1"), the format scalars that must round-trip exactly are
 * written in (DESIGN §5).
 * @module
 */
import { InputError } from '../errors.js';
import { MAX_NUMBER_TEXT, preview } from './limits.js';

const view = new DataView(new ArrayBuffer(8));

/**
 * Formats a double as a hexadecimal floating-point literal that
 * {@link parseHexFloat} (and C's `strtod`, Python's `float.fromhex`) reads back
 * to the same double, bit for bit.
 *
 * Method: normal x = ±1.f·2^e prints as `±0x1.<f>p±e`, with the 52-bit
 * fraction f in 13 hex digits, trailing zeros trimmed; subnormals print as
 * `±0x0.<f>p-1022` (glibc's and Python's form).
 *
 * Special cases: ±0 → "0x0p+0" / "-0x0p+0"; ±∞ → "inf" / "-inf"; NaN → "nan".
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { formatHexFloat } from 'attn-coreset';
 *
 * assert.equal(formatHexFloat(3), '0x1.8p+1');
 * assert.equal(formatHexFloat(2 ** -1074), '0x0.0000000000001p-1022');
 * ```
 * @lemma def:instance
 */
export function formatHexFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n === 1n ? '-' : '';
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  if (biased === 0 && frac === 0n) return `${sign}0x0p+0`;
  const digits = frac.toString(16).padStart(13, '0').replace(/0+$/, '');
  const point = digits === '' ? '' : `.${digits}`;
  if (biased === 0) return `${sign}0x0${point}p-1022`;
  const e = biased - 1023;
  return `${sign}0x1${point}p${e >= 0 ? '+' : ''}${e}`;
}

const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/;

/**
 * Parses a hexadecimal floating-point literal `[±]0x<hex>[.<hex>][p[±]<dec>]`
 * to the nearest double (ties to even), as C's `strtod` does; also reads
 * "inf", "-inf", "infinity" and "nan" (any case), which
 * {@link formatHexFloat} writes for non-finite values.
 *
 * Method: the digits form an integer M and the value is M·2^E exactly; M is
 * rounded once to the 53 bits (fewer in the subnormal range) that binary64
 * keeps. Values beyond the largest double become ±∞.
 *
 * Special cases: a literal with no hex digit, or anything after the exponent,
 * is an {@link InputError} (`format`) naming `where`; so is a text longer
 * than `MAX_NUMBER_TEXT` characters (the digits would make a huge BigInt).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { parseHexFloat } from 'attn-coreset';
 *
 * assert.equal(parseHexFloat('0x1.8p+1'), 3);
 * assert.ok(Object.is(parseHexFloat('-0x0p+0'), -0));
 * ```
 * @lemma def:instance
 */
export function parseHexFloat(text: string, where = 'hex float'): number {
  if (text.length > MAX_NUMBER_TEXT) throw new InputError('format', where, `${preview(text)} is not a hexadecimal float: longer than ${MAX_NUMBER_TEXT} characters`);
  const s = text.trim();
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2].toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const m = HEX_FLOAT.exec(s);
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) {
    throw new InputError('format', where, `${preview(text)} is not a hexadecimal float such as "0x1.8p+1"`);
  }
  const negative = m[1] === '-';
  const fracDigits = m[3] ?? '';
  const M = BigInt(`0x${m[2] || '0'}${fracDigits}`);
  const expText = m[4] ?? '0';
  // Exponents beyond ±1e6 are clamped: with the digit count bounded by the
  // text length they only decide between 0 and ∞ (or a huge text is absurd).
  const expClamped = Math.max(-1e7, Math.min(1e7, Number(expText)));
  const E = expClamped - 4 * fracDigits.length;
  const value = scaleToDouble(M, E);
  return negative ? -value : value;
}

/** Rounds M·2^E (M ≥ 0) to the nearest double, ties to even. @internal */
function scaleToDouble(M: bigint, E: number): number {
  if (M === 0n) return 0;
  const L = M.toString(2).length;
  const top = L - 1 + E; // exponent of the leading bit
  if (top > 1024) return Infinity;
  if (top < -1080) return 0;
  const keep = top >= -1022 ? 53 : top + 1075;
  const shift = L - keep;
  let q: bigint;
  let s: number;
  if (shift > 0) {
    const b = BigInt(shift);
    q = M >> b;
    const rem = M & ((1n << b) - 1n);
    const half = 1n << (b - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    s = E + shift;
  } else {
    q = M;
    s = E;
  }
  if (q === 0n) return 0;
  if (q.toString(2).length - 1 + s > 1023) return Infinity;
  // q ≤ 2^53 and s ≥ −1074 by the choice of keep, so both factors and the
  // product are exact doubles.
  return Number(q) * 2 ** s;
}
