/**
 * Arbitrary: positive doubles spread evenly over decades, with the ends.
 * @module
 */
import fc from 'fast-check';

/**
 * Generates x ∈ [lo, hi] with log10 x uniform, plus lo, hi and the binary64
 * landmarks inside (5e-324, 2^−1022, 1, 1e154 where squares overflow,
 * 1.7976931348623157e308): magnitudes where a product, a square or an
 * exponential leaves binary64 (`def:representable-output`).
 * @lemma def:representable-output
 */
export function logUniformMagnitude(lo: number, hi: number): fc.Arbitrary<number> {
  const landmarks = [lo, hi, 5e-324, 2 ** -1022, 1, 1e154, 1.3e154, Number.MAX_VALUE].filter((x) => x >= lo && x <= hi);
  const spread = fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((t) => Math.min(hi, Math.max(lo, 10 ** t)));
  return fc.oneof({ arbitrary: spread, weight: 4 }, { arbitrary: fc.constantFrom(...landmarks), weight: 1 });
}
