/**
 * Arbitrary: coreset-error inputs whose entries sit at the ends of binary64
 * (subnormals, 10^{±300}, zeros) beside ordinary ones, with a subset or a
 * cache, for the exact-logit recomputation.
 * @module
 */
import fc from 'fast-check';
import type { Compressed, Instance } from '../../src/types.js';

/** An instance, a query, a logit scale and a compressed side (subset or cache). */
export interface DyadicExtremeCase {
  readonly instance: Instance;
  readonly q: Float64Array;
  readonly scale: number;
  readonly w: Compressed;
}

/** One entry: ordinary, subnormal (j·2^{−1074}), huge (±10^{300}·u), tiny (10^{−300}·u) or 0. */
const entry = (): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: -2, max: 2, noNaN: true }) },
    { weight: 1, arbitrary: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((j) => j * 2 ** -1074) },
    { weight: 1, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }).map((u) => u * 1e300) },
    { weight: 1, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }).map((u) => u * 1e-300) },
    { weight: 1, arbitrary: fc.constant(0) },
  );

/** A weight: ordinary, tiny (down to the smallest subnormal) or huge. */
const weight = (): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.double({ min: 1e-3, max: 10, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(2 ** -1074, 1e-300, 1e300, 1.7e308) },
  );

const vec = (len: number): fc.Arbitrary<Float64Array> => fc.array(entry(), { minLength: len, maxLength: len }).map((a) => Float64Array.from(a));

/**
 * Generates n ≤ 6 rows, d ≤ 4, dv ≤ 3 with every entry of keys, values and
 * query drawn from ordinary, subnormal, 10^{±300} and zero magnitudes, a
 * logit scale in {1, 0.125, 1e-300, 1e300}, and as compressed side either a
 * subset (repeats allowed, one weight > 0 guaranteed) or a cache of its own
 * rows: the inputs on which `lem:exact-fixed-point-logits` must still
 * agree with the decimal reference.
 * @lemma lem:exact-fixed-point-logits
 */
export function dyadicExtremeCase(): fc.Arbitrary<DyadicExtremeCase> {
  return fc.record({ n: fc.integer({ min: 1, max: 6 }), d: fc.integer({ min: 1, max: 4 }), dv: fc.integer({ min: 1, max: 3 }), m: fc.integer({ min: 1, max: 4 }) }).chain(({ n, d, dv, m }) =>
    fc.record({
      K: vec(n * d),
      V: vec(n * dv),
      q: vec(d),
      scale: fc.constantFrom(1, 0.125, 1e-300, 1e300),
      w: fc.oneof(
        fc.record({
          indices: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: m, maxLength: m }).map((a) => Uint32Array.from(a)),
          weights: fc.array(weight(), { minLength: m, maxLength: m }).map((a) => Float64Array.from(a)),
        }),
        fc.record({ K: vec(m * d), V: vec(m * dv), weights: fc.array(weight(), { minLength: m, maxLength: m }).map((a) => Float64Array.from(a)) }).map((c) => ({ m, d, dv, ...c })),
      ),
    }).map(({ K, V, q, scale, w }) => ({ instance: { n, d, dv, K, V }, q, scale, w })),
  );
}
