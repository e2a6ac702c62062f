import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  buildOutputsAreValidWeightedSets,
  halvingAccountingIsExact,
  mergeAccountingHolds,
  refitNeverIncreasesDiscrepancy,
  supRefinementLowersWitnessMax,
  targetedCoresetSurvivesIndependentFalsifier,
  targetedSizeMeetsOrthonormalFloor,
  uniformMethodMeetsTrapFloor,
  walkStaysWithinThreshold,
  witnessQuadraticIsCalibratedObjective,
} from '../../properties/construct/index.js';
import { runs } from '../helpers/seed.js';

describe('buildCoreset (property): def:weighted-set', () => {
  it('returns valid, distinct, mass-calibrated weighted sets for every method', () => {
    fc.assert(buildOutputsAreValidWeightedSets(), { numRuns: runs(60) });
  });
});

describe('halve / prepareTarget (property): lem:halving-accounting', () => {
  it('bookkeeps ‖ψ‖² exactly and bounds ‖μ_full − μ_T‖ by the rounds’ signed sums', () => {
    fc.assert(halvingAccountingIsExact(), { numRuns: runs(40) });
  });
});

describe('halve (property): thm:self-balancing-walk', () => {
  it('never meets an inner product beyond the KT-SPLIT threshold, and greedy keeps ‖ψ‖² ≤ Σ‖f_i‖²', () => {
    fc.assert(walkStaysWithinThreshold(), { numRuns: runs(60) });
  });
});

describe('refitWeights / herd (property): lem:refit-monotone', () => {
  it('never increase the RKHS discrepancy', () => {
    fc.assert(refitNeverIncreasesDiscrepancy(), { numRuns: runs(40) });
  });
});

describe('mergeCoresets (property): lem:merge', () => {
  it('err(q) ≤ max_j err_j(q) + ½R_v(|h₁(q)| + |h₂(q)|) at sampled queries', () => {
    fc.assert(mergeAccountingHolds(), { numRuns: runs(30) });
  });
});

describe('buildForEps (property): hard-family floors', () => {
  it('returns all n rows of an orthonormal instance when n ≤ 1 + e^ρ(1/ε − 1) (prop:orthonormal-floor)', () => {
    fc.assert(targetedSizeMeetsOrthonormalFloor(), { numRuns: runs(6) });
  });
  it('uniform weights need ≥ 1 + M((2−ε)/(2+ε))² rows on T_ρ (prop:uniform-weights-fail)', () => {
    fc.assert(uniformMethodMeetsTrapFloor(), { numRuns: runs(4) });
  });
});

describe('buildForEps (property): def:eps-coreset', () => {
  it('is not refuted at ε by an independent verifier run', () => {
    fc.assert(targetedCoresetSurvivesIndependentFalsifier(), { numRuns: runs(5) });
  });
});

describe('supRefine (property): lem:sup-refinement', () => {
  it('never raises the max error over its witness set and keeps D² within D(in)² + γL ≤ (1 + γ)D(in)²', () => {
    fc.assert(supRefinementLowersWitnessMax(), { numRuns: runs(25) });
  });
  it('solves the calibrated witness objective (a convex quadratic); witness errors are quasi-convex', () => {
    fc.assert(witnessQuadraticIsCalibratedObjective(), { numRuns: runs(200) });
  });
});
