import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { validateCoreset } from '../../src/validate.js';
import { coresetErrorIsDistanceOfAttentions, fullSetCoresetErrorIsZero, repeatedIndicesAddWeights, validationNamesTheLocation } from '../../properties/index.js';
import { runs } from '../helpers/seed.js';

describe('validate* (property)', () => {
  it('rejects every single defect with an InputError naming its location', () => {
    fc.assert(validationNamesTheLocation(), { numRuns: runs(300) });
  });
});

describe('validateCoreset', () => {
  it('names the slot of a negative weight', () => {
    const c = { indices: Uint32Array.of(0, 1), weights: Float64Array.of(1, -0.5) };
    expect(() => validateCoreset(c, 2)).toThrow(InputError);
    expect(() => validateCoreset(c, 2)).toThrow('coreset.weights[1]');
  });
});

describe('coresetError (property): def:coreset-error', () => {
  it('is exactly 0 for the full set written as a weighted set', () => {
    fc.assert(fullSetCoresetErrorIsZero(), { numRuns: runs(100) });
  });
  it('is the distance of A_1 and A_w, ≥ 0 and ≤ 2R_v', () => {
    fc.assert(coresetErrorIsDistanceOfAttentions(), { numRuns: runs(60) });
  });
});

describe('weighted sets (property): def:weighted-set', () => {
  it('add the weights of repeated indices', () => {
    fc.assert(repeatedIndicesAddWeights(), { numRuns: runs(60) });
  });
});
