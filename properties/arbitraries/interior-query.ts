/**
 * Arbitrary: queries strictly inside the ball.
 * @module
 */
import fc from 'fast-check';
import { scaleIntoBall, unitVector } from '../internal/rows.js';

/**
 * Generates q ∈ R^d with ‖q‖ = t·ρ for t ∈ [0, 1) (`def:query-ball`),
 * exactly inside B_ρ.
 * @lemma def:query-ball
 */
export function interiorQuery(d: number, rho: number): fc.Arbitrary<Float64Array> {
  return fc
    .tuple(unitVector(d), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }))
    .map(([u, t]) => scaleIntoBall(u, t * rho));
}
