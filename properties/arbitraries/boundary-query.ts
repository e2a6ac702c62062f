/**
 * Arbitrary: queries on the sphere ‖q‖ = ρ.
 * @module
 */
import fc from 'fast-check';
import { scaleIntoBall, unitVector } from '../internal/rows.js';

/**
 * Generates q ∈ R^d with ‖q‖ as close to ρ as binary64 allows and never
 * above it, checked exactly (`def:query-ball`): where the supremum of
 * `def:coreset-error` is usually attained.
 * @lemma def:query-ball
 */
export function boundaryQuery(d: number, rho: number): fc.Arbitrary<Float64Array> {
  return unitVector(d).map((u) => scaleIntoBall(u, rho));
}
