/**
 * Properties: ε-targeted sizes never fall below the proven floors of the hard families.
 * @module
 */
import fc from 'fast-check';
import { buildForEps } from '../../src/construct/targeted.js';
import { BUILD_METHODS } from '../../src/construct/types.js';
import { orthonormalInstance } from '../../src/families/orthonormal.js';
import { uniformTrap } from '../../src/families/uniform-trap.js';
import { describeCase, requireThat } from '../internal/violation.js';

/**
 * Generates the property of `prop:orthonormal-floor` for the builder: keys =
 * values = e_1..e_n with n ≤ 1 + e^ρ(1/ε − 1) (ε generated below
 * p = e^ρ/(e^ρ + n − 1)), every method, the search started at size 1 — the
 * returned coreset has all n rows (every smaller one omits a key i and errs
 * ≥ p > ε at q = ρe_i, which the verifier must find).
 * @lemma prop:orthonormal-floor
 */
export function targetedSizeMeetsOrthonormalFloor() {
  return fc.property(
    fc.integer({ min: 2, max: 6 }),
    fc.double({ min: 0.25, max: 3, noNaN: true }),
    fc.double({ min: 0.3, max: 0.95, noNaN: true }),
    fc.constantFrom(...BUILD_METHODS),
    fc.integer({ min: 0, max: 1000 }),
    (n, rho, frac, method, seed) => {
      const p = Math.exp(rho) / (Math.exp(rho) + n - 1);
      const eps = frac * p;
      const inst = orthonormalInstance(n);
      const r = buildForEps(inst, { rho, eps, method, seed, startSize: 1, budget: 512 });
      requireThat('size = n', r.size === n, () => describeCase(inst, undefined, r.coreset, `rho=${rho} eps=${eps} method=${method}`), `size ${r.size}`);
    },
  );
}

/**
 * Generates the property of `prop:uniform-weights-fail` for the 'uniform'
 * method (uniform weights): on T_ρ (M = ⌊e^{2ρ}⌋ keys −1, one key +1), the
 * ε-targeted size is ≥ 1 + M((2 − ε)/(2 + ε))², the floor of every
 * uniform-weight ε-coreset (ε < 1).
 * @lemma prop:uniform-weights-fail
 */
export function uniformMethodMeetsTrapFloor() {
  return fc.property(
    fc.double({ min: 0.5, max: 1.5, noNaN: true }),
    fc.double({ min: 0.05, max: 0.6, noNaN: true }),
    fc.integer({ min: 0, max: 1000 }),
    (rho, eps, seed) => {
      const trap = uniformTrap(rho);
      const floor = 1 + trap.M * ((2 - eps) / (2 + eps)) ** 2;
      const r = buildForEps(trap.instance, { rho, eps, method: 'uniform', seed, startSize: 1, budget: 512 });
      requireThat('size ≥ 1 + M((2−ε)/(2+ε))²', r.size >= floor, () => describeCase(trap.instance, undefined, r.coreset, `rho=${rho} eps=${eps}`), `size ${r.size}, floor ${floor}`);
    },
  );
}
