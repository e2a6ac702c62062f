/**
 * Arbitrary: tight key clusters of very unequal mass.
 * @module
 */
import fc from 'fast-check';
import type { Instance } from '../../src/types.js';
import { instanceOf, normalize, unitVector } from '../internal/rows.js';
import { shape, type ShapeConstraints } from '../internal/shape.js';

/** Constraints of {@link clusteredKeyInstance}. */
export interface ClusteredKeyInstanceConstraints extends ShapeConstraints {
  /** @defaultValue 3 */
  readonly maxClusters?: number;
  /** Largest per-coordinate perturbation of a key around its centre. @defaultValue 0.3 */
  readonly maxSpread?: number;
}

/**
 * Generates unit keys in at most `maxClusters` clusters whose masses fall by
 * a factor 8 from one cluster to the next (so light clusters hold one or two
 * keys), each with its own value direction: uniform sampling misses the light
 * clusters, whose keys dominate queries aimed at them (`def:coreset-error`).
 * @lemma def:instance
 * @lemma def:coreset-error
 */
export function clusteredKeyInstance(constraints: ClusteredKeyInstanceConstraints = {}): fc.Arbitrary<Instance> {
  const maxSpread = constraints.maxSpread ?? 0.3;
  return fc
    .tuple(shape({ minN: 2, ...constraints }), fc.integer({ min: 1, max: constraints.maxClusters ?? 3 }), fc.double({ min: 1e-9, max: maxSpread, noNaN: true }))
    .chain(([{ n, d, dv }, c, spread]) =>
      fc
        .tuple(
          fc.array(unitVector(d), { minLength: c, maxLength: c }),
          fc.array(unitVector(dv), { minLength: c, maxLength: c }),
          fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d })), {
            minLength: n,
            maxLength: n,
          }),
        )
        .map(([centres, values, rows]) => {
          const shares = centres.map((_, j) => 8 ** -j);
          const total = shares.reduce((a, b) => a + b, 0);
          const keys: number[][] = [];
          const vals: number[][] = [];
          for (const [x0, noise] of rows) {
            let x = x0 * total;
            let j = 0;
            while (j < c - 1 && x >= shares[j]) x -= shares[j++];
            keys.push(normalize(centres[j].map((t, a) => t + spread * noise[a])));
            vals.push(values[j]);
          }
          return instanceOf(keys, vals);
        }),
    );
}
