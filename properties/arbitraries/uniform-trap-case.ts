/**
 * Arbitrary: the trap T_ρ of `prop:uniform-weights-fail` with a query on its line.
 * @module
 */
import fc from 'fast-check';
import { uniformTrap, type UniformTrap } from '../../src/families/uniform-trap.js';

/** Constraints of {@link uniformTrapCase}. */
export interface UniformTrapCaseConstraints {
  /** @defaultValue 0.05 */
  readonly minRho?: number;
  /** Largest ρ; M = ⌊e^{2ρ}⌋ rows must stay cheap for the reference. @defaultValue 2 */
  readonly maxRho?: number;
}

/** A trap instance, a query q = (t, 0, …) with |t| ≤ ρ, and a uniform subset size. */
export interface UniformTrapCase {
  readonly trap: UniformTrap;
  readonly q: Float64Array;
  /** Size m ∈ [2, M + 1] of a uniform-weight subset that keeps the +1 key. */
  readonly m: number;
}

/**
 * Generates T_ρ (`prop:uniform-weights-fail`) for ρ in range, a query on
 * the key line with |q₁| ≤ ρ (endpoints included), and a subset size m.
 * @lemma prop:uniform-weights-fail
 */
export function uniformTrapCase(constraints: UniformTrapCaseConstraints = {}): fc.Arbitrary<UniformTrapCase> {
  const lo = constraints.minRho ?? 0.05;
  const hi = constraints.maxRho ?? 2;
  return fc.double({ min: lo, max: hi, noNaN: true }).chain((rho) => {
    const trap = uniformTrap(rho);
    const t = fc.oneof(fc.constant(rho), fc.constant(-rho), fc.double({ min: -rho, max: rho, noNaN: true }));
    return fc.record({ trap: fc.constant(trap), q: t.map((x) => Float64Array.of(x)), m: fc.integer({ min: 2, max: trap.M + 1 }) });
  });
}
