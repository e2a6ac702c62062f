/**
 * Binary64 numbers as dyadic rationals m·2^e (integer m, |m| < 2^53), read
 * from their bits without rounding, and dyadic BigInts back to exact
 * decimals (`lem:exact-fixed-point-logits`).
 * @module
 * @internal
 */
import { Decimal } from 'decimal.js';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high 32-bit word of a double in `u32` (byte order of the host). */
const HI: number = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * Returns the exponent e of a finite double x = m·2^e, m an integer with
 * 2^52 ≤ |m| < 2^53 for normal x and e = −1074 for subnormal x (and 0).
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function exponentOf(x: number): number {
  f64[0] = x;
  const b = (u32[HI] >>> 20) & 0x7ff;
  if (b === 0x7ff) throw new RangeError(`exponentOf: ${x} is not finite`);
  return b === 0 ? -1074 : b - 1075;
}

/**
 * Returns m = x·2^{−e} for e = {@link exponentOf}(x), exactly: the product
 * is taken in two power-of-two factors 2^h·2^{−e−h}, h = ⌊−e/2⌋, each in
 * [2^{−537}, 2^{537}], and each intermediate is a normal double (m·2^{e+h}
 * with |e + h| ≤ 537), so neither multiplication rounds.
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function mantissaOf(x: number, e: number): number {
  const h = (-e) >> 1;
  return x * POW2[h + POW2_OFFSET] * POW2[-e - h + POW2_OFFSET];
}

/** 2^j for j in [−600, 600], exact (a power of two in range is representable); `2 ** j` with a variable j is a slow Math.pow call. */
const POW2_OFFSET = 600;
const POW2 = Float64Array.from({ length: 2 * POW2_OFFSET + 1 }, (_, i) => 2 ** (i - POW2_OFFSET));

/**
 * Returns the bit length of a positive integer below 2^53 held in a double.
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function bitLength53(m: number): number {
  const hi = Math.floor(m / 4294967296);
  return hi > 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(m >>> 0);
}

/**
 * Shifts a BigInt by s bits: left for s ≥ 0, else right with floor
 * (BigInt `>>` rounds toward −∞), so the result is within one unit below
 * X·2^s.
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function shift(X: bigint, s: number): bigint {
  return s >= 0 ? X << BigInt(s) : X >> BigInt(-s);
}

/**
 * Returns the exact decimal expansion of X·2^e as a string decimal.js
 * parses without rounding (2^e = 5^{−e}·10^{e} for e < 0: `123e-5` form).
 * @lemma lem:float-error
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function dyadicString(X: bigint, e: number): string {
  return e >= 0 ? (X << BigInt(e)).toString() : `${(X * 5n ** BigInt(-e)).toString()}e${e}`;
}

/**
 * Converts X·2^e to the decimal.js value equal to it exactly, whatever the
 * precision of `D`.
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function dyadicToDecimal(X: bigint, e: number, D: typeof Decimal = Decimal): Decimal {
  return new D(X === 0n ? 0 : dyadicString(X, e));
}

/**
 * Returns ⌊√S⌋ for a BigInt S ≥ 0 (Newton's iteration from above).
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function isqrt(S: bigint): bigint {
  if (S < 0n) throw new RangeError('isqrt of a negative number');
  if (S < 2n) return S;
  let x = 1n << BigInt(Math.ceil(S.toString(2).length / 2));
  for (;;) {
    const y = (x + S / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
