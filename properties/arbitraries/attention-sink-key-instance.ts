/**
 * Arbitrary: one dominant key among weak ones.
 * @module
 */
import fc from 'fast-check';
import type { Instance } from '../../src/types.js';
import { instanceOf, scaleIntoBall, unitVector } from '../internal/rows.js';
import { shape, type ShapeConstraints } from '../internal/shape.js';

/** Constraints of {@link attentionSinkKeyInstance}. */
export interface AttentionSinkKeyInstanceConstraints extends ShapeConstraints {
  /** Largest norm of the non-sink keys (the sink, row 0, has norm 1). @defaultValue 0.2 */
  readonly maxOtherKeyNorm?: number;
}

/**
 * Generates ball keys where row 0 (the sink) is a unit key and every other
 * key is short, values unit: near the sink direction one row carries almost
 * all the mass and the rest are tiny corrections (`def:attention`).
 * @lemma def:attention
 */
export function attentionSinkKeyInstance(constraints: AttentionSinkKeyInstanceConstraints = {}): fc.Arbitrary<Instance> {
  const r = constraints.maxOtherKeyNorm ?? 0.2;
  return shape({ minN: 2, ...constraints }).chain(({ n, d, dv }) =>
    fc
      .tuple(
        fc.array(fc.tuple(unitVector(d), fc.double({ min: 0, max: r, noNaN: true })), { minLength: n, maxLength: n }),
        fc.array(unitVector(dv), { minLength: n, maxLength: n }),
      )
      .map(([k, v]) => instanceOf(k.map(([x, s], i) => (i === 0 ? x : Array.from(scaleIntoBall(x, s)))), v)),
  );
}
