/**
 * 16-bit floating-point formats, widened exactly to binary64.
 * @module
 */

/**
 * Converts IEEE 754 binary16 bits (1 sign, 5 exponent, 10 fraction bits) to
 * the double of the same value (exact: every half is a double).
 *
 * Special cases: subnormals (exponent 0) are f·2⁻²⁴; exponent 31 is ±∞ or NaN.
 * @lemma def:instance
 */
export function halfToDouble(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1024 + frac) * 2 ** (exp - 25);
}

const f32 = new DataView(new ArrayBuffer(4));

/**
 * Converts bfloat16 bits (the upper half of a binary32) to the double of the
 * same value (exact).
 * @lemma def:instance
 */
export function bfloat16ToDouble(bits: number): number {
  f32.setUint32(0, (bits & 0xffff) << 16);
  return f32.getFloat32(0);
}
