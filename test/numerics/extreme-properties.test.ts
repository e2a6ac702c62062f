import fc from 'fast-check';
import { describe, it } from 'vitest';
import { extremeEvaluationsAreFiniteOrRefused, extremeVerdictsAreNumbersOrRefused } from '../../properties/index.js';
import { runs } from '../helpers/seed.js';

describe('evaluations at extreme finite inputs (property)', () => {
  it('are finite and within lem:float-error of the reference, or a clear InputError', () => {
    fc.assert(extremeEvaluationsAreFiniteOrRefused(), { numRuns: runs(300) });
  });
});

describe('verify and build at extreme radii and weights (property)', () => {
  it('give finite lower ≤ upper, a reproducible fail, valid weighted sets, or a clear InputError', () => {
    fc.assert(extremeVerdictsAreNumbersOrRefused(), { numRuns: runs(60) });
  });
});
