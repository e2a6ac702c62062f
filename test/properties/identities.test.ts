import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorIdentity, errorIdentityErrorBound } from '../../src/fast/error-identity.js';
import { logMassError } from '../../src/fast/mass-error.js';
import { logMassError as refLogMassError } from '../../src/reference/mass-error.js';
import { errorIdentityHolds, massErrorIsLogRatio, modelScalingPreservesAttention } from '../../properties/index.js';
import { runs } from '../helpers/seed.js';
import { assertWithin } from '../helpers/assert.js';

const pair = { n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(1, -1) };

describe('errorIdentity', () => {
  it('gives tanh(q) − 1 for the single +1 key of the ±1 pair', () => {
    // A_1(q) = tanh(q) and A_{+1 only} = 1, so the identity is tanh(q) − 1.
    const q = Float64Array.of(0.75);
    const w = { indices: Uint32Array.of(0), weights: Float64Array.of(3) };
    const r = errorIdentity(pair, q, w);
    assertWithin('identity on the ±1 pair', r[0], Math.tanh(0.75) - 1, errorIdentityErrorBound(pair, q, w) + 4 * 2 ** -53, 'pair, q=0.75, w={0:3}');
  });
});

describe('errorIdentity (property)', () => {
  it('equals A_1 − A_w (decimal identity vs reference, fast within its bound)', () => {
    fc.assert(errorIdentityHolds(), { numRuns: runs(60) });
  });
});

describe('logMassError', () => {
  it('is ln 2 when the weights double the mass', () => {
    const w = { indices: Uint32Array.of(0, 1), weights: Float64Array.of(2, 2) };
    assertWithin('fast', logMassError(pair, Float64Array.of(0.3), w), Math.LN2, 4 * 2 ** -53, 'pair, q=0.3, w=2·1');
    expect(refLogMassError(pair, Float64Array.of(0.3), w, { digits: 30 }).toString()).toBe('0.693147180559945309417232121458');
  });
});

describe('logMassError (property)', () => {
  it('is |ln Z_w − ln Z_1|, fast within logMassErrorBound', () => {
    fc.assert(massErrorIsLogRatio(), { numRuns: runs(80) });
  });
});

describe('modelScaling (property)', () => {
  it('maps a head to R_v times the unit setting', () => {
    fc.assert(modelScalingPreservesAttention(), { numRuns: runs(60) });
  });
});
