/**
 * The size constraints shared by the instance arbitraries.
 * @module
 * @internal
 */
import fc from 'fast-check';

/** Sizes of a generated instance; small by default so the decimal reference stays cheap. */
export interface ShapeConstraints {
  /** @defaultValue 1 */
  readonly minN?: number;
  /** @defaultValue 8 */
  readonly maxN?: number;
  /** @defaultValue 1 */
  readonly minD?: number;
  /** @defaultValue 5 */
  readonly maxD?: number;
  /** @defaultValue 3 */
  readonly maxDv?: number;
}

/** Resolved shape. @internal */
export interface Shape {
  readonly n: number;
  readonly d: number;
  readonly dv: number;
}

/**
 * Generates (n, d, dv) within the constraints.
 * @internal
 * @lemma def:instance
 */
export function shape(c: ShapeConstraints = {}, minD = 1): fc.Arbitrary<Shape> {
  return fc.record({
    n: fc.integer({ min: c.minN ?? 1, max: Math.max(c.minN ?? 1, c.maxN ?? 8) }),
    d: fc.integer({ min: Math.max(minD, c.minD ?? 1), max: Math.max(minD, c.minD ?? 1, c.maxD ?? 5) }),
    dv: fc.integer({ min: 1, max: c.maxDv ?? 3 }),
  });
}
