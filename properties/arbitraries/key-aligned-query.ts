/**
 * Arbitrary: queries ±ρ·k_i along a key.
 * @module
 */
import fc from 'fast-check';
import type { Instance } from '../../src/types.js';
import { scaleIntoBall } from '../internal/rows.js';

/**
 * Generates q = ±ρ·k_i/‖k_i‖ for a key k_i (or 0 for a zero key), shrunk to
 * ‖q‖ ≤ ρ exactly (`def:query-ball`): the structured starts of the
 * falsifier, where one key's logit is the extreme ±ρ.
 * @lemma def:query-ball
 */
export function keyAlignedQuery(inst: Instance, rho: number): fc.Arbitrary<Float64Array> {
  return fc.tuple(fc.integer({ min: 0, max: inst.n - 1 }), fc.constantFrom(1, -1)).map(([i, s]) => {
    const k = Array.from(inst.K.subarray(i * inst.d, (i + 1) * inst.d), (x) => s * x);
    return scaleIntoBall(k, rho);
  });
}
