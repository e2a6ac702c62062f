/**
 * Arbitrary: pairs of almost equal keys with opposite values.
 * @module
 */
import fc from 'fast-check';
import type { Instance } from '../../src/types.js';
import { instanceOf, normalize, unitVector } from '../internal/rows.js';
import { shape, type ShapeConstraints } from '../internal/shape.js';

/** Constraints of {@link nearDuplicateKeyInstance}. */
export interface NearDuplicateKeyInstanceConstraints extends ShapeConstraints {
  /** Smallest base-10 exponent of the gap between twin keys. @defaultValue −14 */
  readonly minGapExponent?: number;
}

/**
 * Generates unit keys in twins k, k′ = (k + δ·x)/‖k + δ·x‖ with δ between
 * 10^{minGapExponent} and 10^{−1}, carrying values v and −v: N_a(q) is a sum
 * of nearly cancelling terms, the hardest case for the float bound of
 * `lem:float-error` and for coresets that keep one twin.
 * @lemma lem:float-error
 * @lemma def:attention
 */
export function nearDuplicateKeyInstance(constraints: NearDuplicateKeyInstanceConstraints = {}): fc.Arbitrary<Instance> {
  const lo = constraints.minGapExponent ?? -14;
  return shape({ minN: 2, ...constraints }).chain(({ n, d, dv }) => {
    const pairs = Math.ceil(n / 2);
    const twin = fc.tuple(unitVector(d), unitVector(d), fc.double({ min: lo, max: -1, noNaN: true }), unitVector(dv));
    return fc.array(twin, { minLength: pairs, maxLength: pairs }).map((ts) => {
      const keys: number[][] = [];
      const values: number[][] = [];
      for (const [k, x, e, v] of ts) {
        const delta = 10 ** e;
        keys.push(k, normalize(k.map((t, a) => t + delta * x[a])));
        values.push(v, v.map((t) => -t));
      }
      return instanceOf(keys.slice(0, n), values.slice(0, n));
    });
  });
}
