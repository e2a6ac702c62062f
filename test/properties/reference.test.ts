import fc from 'fast-check';
import { describe, it } from 'vitest';
import { attentionIsShiftInvariant, liftingPreservesLogitsAndNorms, referenceAgreesWithItselfAtHigherPrecision } from '../../properties/index.js';
import { runs } from '../helpers/seed.js';

describe('reference attention (property)', () => {
  it('agrees with itself at 80 digits to within the 40-digit allowance', () => {
    fc.assert(referenceAgreesWithItselfAtHigherPrecision(), { numRuns: runs(40) });
  });
});

describe('attention (property): lem:shift-invariance', () => {
  it('is unchanged by a common logit shift and a common weight scale', () => {
    fc.assert(attentionIsShiftInvariant(), { numRuns: runs(50) });
  });
});

describe('lift (property)', () => {
  it('preserves logits and query norms and makes keys unit', () => {
    fc.assert(liftingPreservesLogitsAndNorms(), { numRuns: runs(60) });
  });
});
