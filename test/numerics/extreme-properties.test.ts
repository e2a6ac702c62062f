import fc from 'fast-check';
import { describe, it } from 'vitest';
import { extremeEvaluationsAreFiniteOrRefused } from '../../properties/index.js';
import { runs } from '../helpers/seed.js';

describe('evaluations at extreme finite inputs (property)', () => {
  it('are finite and within lem:float-error of the reference, or a clear InputError', () => {
    fc.assert(extremeEvaluationsAreFiniteOrRefused(), { numRuns: runs(300) });
  });
});
