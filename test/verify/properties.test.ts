import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  everyFailReproducesInReference,
  falsifiedErrorNeverExceedsCertificates,
  falsifierFindsOrthonormalWitness,
  falsifierFindsUniformTrapWitness,
  falsifierReachesBranchAndBoundSup,
  fullSetAndDuplicateReweightingsNeverFail,
  jensenPartitionBoundHolds,
  rkhsCertificateBoundsExactEvaluation,
} from '../../properties/verify/index.js';
import { runs } from '../helpers/seed.js';

describe('verify (property)', () => {
  it('finds the orthonormal witness: lower ≥ p and fail at ε = p/2', () => {
    fc.assert(falsifierFindsOrthonormalWitness(), { numRuns: runs(50) });
  });
  it('finds the uniform-weights trap error 2·tanh(¼ ln(M/(m−1)))', () => {
    fc.assert(falsifierFindsUniformTrapWitness(), { numRuns: runs(40) });
  });
  it('backs every fail by an exact witness in the ball', () => {
    fc.assert(everyFailReproducesInReference(), { numRuns: runs(60) });
  });
  it('never fails the full set or exact reweightings of duplicates', () => {
    fc.assert(fullSetAndDuplicateReweightingsNeverFail(), { numRuns: runs(60) });
  });
});

describe('falsify (property)', () => {
  it('reaches ≥ 0.99 of the branch-and-bound value on keys spanning ≤ 3 dimensions', () => {
    fc.assert(falsifierReachesBranchAndBoundSup(), { numRuns: runs(50) });
  });
  it('never exceeds a certified upper bound (RKHS, branch-and-bound)', () => {
    fc.assert(falsifiedErrorNeverExceedsCertificates(), { numRuns: runs(80) });
  });
});

describe('jensenLogLowerBound (property)', () => {
  it('is below ln Z_ŵ(q) on the ball', () => {
    fc.assert(jensenPartitionBoundHolds(), { numRuns: runs(100) });
  });
});

describe('rkhsCertificate (property)', () => {
  it('is ≥ its exact decimal evaluation and within LOOSENESS of it', () => {
    fc.assert(rkhsCertificateBoundsExactEvaluation(), { numRuns: runs(50) });
  });
});
