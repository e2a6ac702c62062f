/**
 * Property: orthonormalFloorSize is the largest n with p ≥ ε.
 * @module
 */
import fc from 'fast-check';
import { orthonormalFloorSize, paperSizeScale } from '../src/bounds.js';
import { orthonormalInstance, orthonormalWitness } from '../src/families/orthonormal.js';
import * as Ref from '../src/reference/index.js';
import { exact, Exact, work } from './internal/exact.js';
import { requireAtMost, requireThat } from './internal/violation.js';

/** Constraints of {@link orthonormalFloorSizeIsLargestCertified}. */
export interface FloorSizeConstraints {
  /** @defaultValue 6 */
  readonly maxRho?: number;
  /** Witness check (a reference evaluation) only for sizes up to this. @defaultValue 24 */
  readonly maxWitnessN?: number;
}

const share = (n: number, rho: number) => {
  const e = work(rho).exp();
  return e.div(e.plus(n - 1));
};

/**
 * Generates the property of `prop:orthonormal-floor` (claim 3) for
 * `orthonormalFloorSize`: n = orthonormalFloorSize(ρ, ε) satisfies
 * p(n) ≥ ε (or n = 1) and p(n + 1) < ε in decimal, so it is the largest n
 * the proposition covers; and for n ≥ 2 the uniform set on the rows other
 * than 0 has reference error > ε at ρe_0 (it is not an ε-coreset).
 * @lemma prop:orthonormal-floor
 */
export function orthonormalFloorSizeIsLargestCertified(constraints: FloorSizeConstraints = {}): fc.IPropertyWithHooks<[number, number]> {
  const maxW = constraints.maxWitnessN ?? 24;
  return fc.property(fc.double({ min: 1e-3, max: constraints.maxRho ?? 6, noNaN: true }), fc.double({ min: 1e-3, max: 0.999, noNaN: true }), (rho, eps) => {
    const n = orthonormalFloorSize(rho, eps);
    const info = () => `ρ=${rho} ε=${eps} n=${n}`;
    const e = exact(eps);
    if (n >= 2) requireAtMost('p(n) ≥ ε', e, share(n, rho), info);
    requireThat('p(n + 1) < ε', share(n + 1, rho).lt(e), info, `p(n+1)=${share(n + 1, rho)}`);
    if (n >= 2 && n <= maxW) {
      const inst = orthonormalInstance(n);
      const w = { indices: Uint32Array.from({ length: n - 1 }, (_, i) => i + 1), weights: new Float64Array(n - 1).fill(1) };
      const err = Ref.coresetError(inst, orthonormalWitness(n, 0, rho), w, { digits: 30 });
      requireThat('the set without row 0 has err(ρe_0) > ε', err.gt(e), info, `err=${err}`);
    }
  });
}

/**
 * Generates the property linking `prop:orthonormal-floor` to the scale of
 * `thm:lower-bound` and `thm:upper-bound`: for 0 < ε ≤ ½,
 * ½·e^ρ/ε < orthonormalFloorSize(ρ, ε) ≤ 1 + e^ρ/ε (decimal; so the forced
 * size is Θ(e^ρ/ε), the lower bound's order at fixed d), hence the forced
 * size n (an instance in R^n) never exceeds 1 + √n·e^ρ/ε, the upper bound's
 * scale with constant 1 (the two statements are consistent on this family);
 * and `paperSizeScale(d, ρ, ε)` is within 6u relative of √d·e^ρ/ε (one exp,
 * sqrt, product and quotient, each ≤ 2u or u).
 * @lemma thm:lower-bound
 * @lemma thm:upper-bound
 * @lemma prop:orthonormal-floor
 */
export function orthonormalFloorIsOfPaperOrder(): fc.IPropertyWithHooks<[number, number, number]> {
  return fc.property(fc.double({ min: 1e-3, max: 40, noNaN: true }), fc.double({ min: 1e-6, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 4096 }), (rho, eps, d) => {
    const n = new Exact(orthonormalFloorSize(rho, eps));
    const scale = work(rho).exp().div(exact(eps));
    const info = () => `ρ=${rho} ε=${eps} floor=${n} e^ρ/ε=${scale}`;
    // Sizes above 2⁵³ come back rounded to a double: allow that rounding.
    const r = n.gt(2 ** 53) ? n.times(2 ** -52) : new Exact(0);
    requireThat('floor > ½·e^ρ/ε', n.plus(r).gt(scale.div(2)), info);
    requireAtMost('floor ≤ 1 + e^ρ/ε', n, scale.plus(1).plus(r), info);
    requireAtMost('floor n ≤ 1 + √n·e^ρ/ε (upper-bound scale in R^n)', n, work(n).sqrt().times(scale).plus(1).plus(r), info);
    const exactScale = work(d).sqrt().times(scale);
    const got = exact(paperSizeScale(d, rho, eps));
    requireAtMost('paperSizeScale within 6u', got.minus(exactScale).abs(), exactScale.times(6 * 2 ** -53), info);
  });
}
