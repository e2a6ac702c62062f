/**
 * Arbitrary: queries whose logits reach ±700 and far beyond.
 * @module
 */
import fc from 'fast-check';
import type { Instance } from '../../src/types.js';
import { scaleIntoBall, unitVector } from '../internal/rows.js';

/** Constraints of {@link largeLogitQuery}. */
export interface LargeLogitQueryConstraints {
  /** @defaultValue 650 */
  readonly minRho?: number;
  /** @defaultValue 5000 */
  readonly maxRho?: number;
}

/** A query together with the radius it was drawn for. */
export interface LargeLogitQuery {
  readonly q: Float64Array;
  readonly rho: number;
}

/**
 * Generates ρ ∈ [minRho, maxRho] and a query of norm ≤ ρ along a key (±)
 * or a random direction: logits around ±700 (where e^ℓ overflows or
 * underflows in binary64) up to ±5000, so only a max-shifted evaluation
 * survives (`lem:shift-invariance`, `lem:float-error`).
 * @lemma lem:shift-invariance
 * @lemma lem:float-error
 */
export function largeLogitQuery(inst: Instance, constraints: LargeLogitQueryConstraints = {}): fc.Arbitrary<LargeLogitQuery> {
  const rho = fc.oneof(
    fc.double({ min: constraints.minRho ?? 650, max: constraints.maxRho ?? 5000, noNaN: true }),
    fc.constantFrom(700, 708, 710, 745, 746),
  );
  const along = fc.tuple(fc.integer({ min: 0, max: inst.n - 1 }), fc.constantFrom(1, -1)).map(([i, s]) => Array.from(inst.K.subarray(i * inst.d, (i + 1) * inst.d), (x) => s * x));
  // A zero key (ball keys allow it) has no direction: fall back to e₁.
  const direction = fc.oneof(along.map((x) => (x.some((t) => t !== 0) ? x : x.map((_, a) => (a === 0 ? 1 : 0)))), unitVector(inst.d));
  return fc.tuple(direction, rho).map(([u, r]) => ({ q: scaleIntoBall(u, r), rho: r }));
}
