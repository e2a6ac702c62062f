/**
 * Arbitrary: queries at or near the origin.
 * @module
 */
import fc from 'fast-check';
import { scaleIntoBall, unitVector } from '../internal/rows.js';

/**
 * Generates q = 0 or ‖q‖ = 10^e with e ∈ [−300, −4] (`def:query-ball`):
 * near-uniform softmax, where A_a is the weighted mean of the values and the
 * logits are tiny but not zero.
 * @lemma def:query-ball
 */
export function nearZeroQuery(d: number): fc.Arbitrary<Float64Array> {
  return fc.oneof(
    fc.constant(new Float64Array(d)),
    fc.tuple(unitVector(d), fc.double({ min: -300, max: -4, noNaN: true })).map(([u, e]) => scaleIntoBall(u, 10 ** e)),
  );
}
