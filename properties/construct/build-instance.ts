/**
 * Arbitrary: seeded unit-setting instances for the builder's properties,
 * isotropic or clustered (the two shapes the builder is tuned on).
 * @module
 */
import fc from 'fast-check';
import { clusteredInstance, sphereInstance } from '../../src/families/index.js';
import type { Instance } from '../../src/types.js';

/** Constraints of {@link buildInstance}. */
export interface BuildInstanceConstraints {
  /** @defaultValue 8 */
  readonly minN?: number;
  /** @defaultValue 64 */
  readonly maxN?: number;
  /** @defaultValue 1 */
  readonly minD?: number;
  /** @defaultValue 6 */
  readonly maxD?: number;
  /** @defaultValue 3 */
  readonly maxDv?: number;
}

/**
 * Generates unit keys and values (`def:instance`), uniform on the sphere or
 * in tight clusters of unequal mass, from a generated seed.
 * @lemma def:instance
 */
export function buildInstance(c: BuildInstanceConstraints = {}): fc.Arbitrary<Instance> {
  return fc
    .record({
      n: fc.integer({ min: c.minN ?? 8, max: c.maxN ?? 64 }),
      d: fc.integer({ min: c.minD ?? 1, max: c.maxD ?? 6 }),
      dv: fc.integer({ min: 1, max: c.maxDv ?? 3 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      clustered: fc.boolean(),
    })
    .map(({ n, d, dv, seed, clustered }) => (clustered ? clusteredInstance({ n, d, dv, seed }) : sphereInstance({ n, d, dv, seed })));
}
