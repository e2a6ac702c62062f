/**
 * Arbitrary: keys inside the unit ball, including 0 and the sphere itself.
 * @module
 */
import fc from 'fast-check';
import type { Instance } from '../../src/types.js';
import { instanceOf, scaleIntoBall, unitVector } from '../internal/rows.js';
import { shape, type ShapeConstraints } from '../internal/shape.js';

/** Constraints of {@link ballKeyInstance}. */
export type BallKeyInstanceConstraints = ShapeConstraints;

/**
 * Generates instances with ‖k_i‖ ≤ 1 exactly (norms 0, 1 − ulp-close and
 * everything between) and unit values: the hypothesis of `lem:lifting` and
 * `lem:partition-bounds`. Keys of norm exactly at the boundary exercise the
 * √(1 − ‖k‖²) = 0 end of the lift.
 * @lemma lem:lifting
 * @lemma def:instance
 */
export function ballKeyInstance(constraints: BallKeyInstanceConstraints = {}): fc.Arbitrary<Instance> {
  const radius = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.999999, max: 1, noNaN: true }));
  return shape(constraints).chain(({ n, d, dv }) =>
    fc
      .tuple(
        fc.array(fc.tuple(unitVector(d), radius), { minLength: n, maxLength: n }),
        fc.array(unitVector(dv), { minLength: n, maxLength: n }),
      )
      .map(([k, v]) => instanceOf(k.map(([x, r]) => Array.from(scaleIntoBall(x, r))), v)),
  );
}
