import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minUniformCoresetSize, orthonormalFloorSize, paperSizeScale, uniformTrapError, uniformTrapSize } from '../../src/bounds.js';
import {
  minUniformCoresetSizeIsSmallestFeasible,
  orthonormalFloorIsOfPaperOrder,
  orthonormalFloorSizeIsLargestCertified,
  orthonormalFloorWitnessAtRhoEi,
  uniformTrapErrorMatchesClosedForm,
  uniformWeightMinimumSizeMatchesClosedForm,
  weightedTrapIsExact,
} from '../../properties/index.js';
import { runs } from '../helpers/seed.js';

const GRID: [number, number][] = [1, 2, 3].flatMap((r) => [0.05, 0.1, 0.3].map((e) => [r, e] as [number, number]));

describe('uniformTrapSize', () => {
  it('is ⌊e^{2ρ}⌋', () => {
    // e² = 7.389…, e⁴ = 54.598…, e⁶ = 403.428…, e^{0.2} = 1.221…
    expect([1, 2, 3, 0.1].map(uniformTrapSize)).toEqual([7, 54, 403, 1]);
  });
});

describe('minUniformCoresetSize', () => {
  it('is 1 + ⌈M((2−ε)/(2+ε))²⌉ on hand-computed cases', () => {
    // M = 7: 7·(1.9/2.1)² = 5.730… → 6 → 7;  M = 403, ε = 0.05: 403·(1.95/2.05)² = 364.64… → 365 → 366.
    expect(minUniformCoresetSize(1, 0.1)).toBe(7);
    expect(minUniformCoresetSize(3, 0.05)).toBe(366);
  });
  it('rejects ε ≥ 1 and ρ ≤ 0', () => {
    expect(() => minUniformCoresetSize(1, 1)).toThrow('eps');
    expect(() => minUniformCoresetSize(0, 0.1)).toThrow('rho');
  });
});

describe('uniformTrapError', () => {
  it('is 0 for the whole set and 2·tanh(¼ln 7) for m = 2, M = 7', () => {
    expect(uniformTrapError(7, 8)).toBe(0);
    expect(Math.abs(uniformTrapError(7, 2) - 2 * Math.tanh(Math.log(7) / 4))).toBeLessThanOrEqual(8 * 2 ** -53);
  });
});

describe('orthonormalFloorSize', () => {
  it('is 1 + ⌊e^ρ(1/ε − 1)⌋ on hand-computed cases', () => {
    // 9e = 24.46… → 25; e^2·(1/0.3 − 1) = 17.24… → 18; ε ≥ 1 → 1.
    expect(orthonormalFloorSize(1, 0.1)).toBe(25);
    expect(orthonormalFloorSize(2, 0.3)).toBe(18);
    expect(orthonormalFloorSize(1, 1)).toBe(1);
  });
});

describe('paperSizeScale', () => {
  it('is √d·e^ρ/ε', () => {
    expect(Math.abs(paperSizeScale(16, 1, 0.1) - 40 * Math.E) / (40 * Math.E)).toBeLessThanOrEqual(6 * 2 ** -53);
  });
});

describe('uniformTrapError (property): prop:uniform-weights-fail', () => {
  it('matches the reference error at q* and bounds it on a grid', () => {
    fc.assert(uniformTrapErrorMatchesClosedForm(), { numRuns: runs(15) });
  });
  it('weighted size-2 set is exact', () => {
    fc.assert(weightedTrapIsExact(), { numRuns: runs(40) });
  });
  it('minUniformCoresetSize is the smallest feasible size', () => {
    fc.assert(minUniformCoresetSizeIsSmallestFeasible(), { numRuns: runs(200) });
  });
  it('minUniformCoresetSize matches an independent numerical search for ρ ∈ {1,2,3}, ε ∈ {0.05,0.1,0.3}', () => {
    // numRuns counts the examples: exactly the nine grid points, each once.
    fc.assert(uniformWeightMinimumSizeMatchesClosedForm(), { examples: GRID.map((p) => [p]), numRuns: GRID.length });
  });
});

describe('orthonormal family (property): prop:orthonormal-floor', () => {
  it('ρe_i witnesses err ≥ p√(n/(n−1)) against every set omitting i', () => {
    fc.assert(orthonormalFloorWitnessAtRhoEi(), { numRuns: runs(100) });
  });
  it('orthonormalFloorSize is the largest size the proposition certifies', () => {
    fc.assert(orthonormalFloorSizeIsLargestCertified(), { numRuns: runs(100) });
  });
  it('orthonormalFloorSize is Θ(e^ρ/ε), the scale of thm:lower-bound', () => {
    fc.assert(orthonormalFloorIsOfPaperOrder(), { numRuns: runs(200) });
  });
});
