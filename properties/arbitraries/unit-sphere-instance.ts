/**
 * Arbitrary: the paper's unit setting.
 * @module
 */
import fc from 'fast-check';
import type { Instance } from '../../src/types.js';
import { instanceOf, unitVector } from '../internal/rows.js';
import { shape, type ShapeConstraints } from '../internal/shape.js';

/** Constraints of {@link unitSphereInstance}. */
export type UnitSphereInstanceConstraints = ShapeConstraints;

/**
 * Generates instances with every key and value on the unit sphere (within a
 * few ulps): the unit setting of `def:instance`, the hypothesis of
 * `thm:upper-bound`.
 * @lemma def:instance
 */
export function unitSphereInstance(constraints: UnitSphereInstanceConstraints = {}): fc.Arbitrary<Instance> {
  return shape(constraints).chain(({ n, d, dv }) =>
    fc.tuple(fc.array(unitVector(d), { minLength: n, maxLength: n }), fc.array(unitVector(dv), { minLength: n, maxLength: n })).map(([k, v]) => instanceOf(k, v)),
  );
}
