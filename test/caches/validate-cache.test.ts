import { describe, expect, it } from 'vitest';
import { cacheOfCoreset, validateCache } from '../../src/cache.js';
import { InputError } from '../../src/errors.js';
import type { Cache } from '../../src/types.js';
import { verify } from '../../src/verify/verify.js';

const good = (): Cache => ({ m: 2, d: 2, dv: 1, K: Float64Array.of(1, 0, 0, 1), V: Float64Array.of(0.5, -0.5), weights: Float64Array.of(1, 2) });
const inst = { n: 3, d: 2, dv: 1, K: Float64Array.of(1, 0, 0, 1, -1, 0), V: Float64Array.of(1, -1, 0) };

function rejects(c: Cache, where: string, code: string): void {
  let err: unknown;
  try {
    validateCache(c, 2, 1);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).code).toBe(code);
  expect((err as InputError).message).toContain(where);
}

describe('validateCache', () => {
  it('accepts a well-formed cache', () => {
    expect(() => validateCache(good(), 2, 1)).not.toThrow();
  });
  it('names the wrong key dimension', () => rejects({ ...good(), d: 3, K: new Float64Array(6) }, 'cache keys', 'shape'));
  it('names the wrong value dimension', () => rejects({ ...good(), dv: 2, V: new Float64Array(4) }, 'cache values', 'shape'));
  it('rejects m = 0', () => rejects({ ...good(), m: 0, K: new Float64Array(0), V: new Float64Array(0), weights: new Float64Array(0) }, 'cache', 'empty'));
  it('names row and column of a NaN key', () => rejects({ ...good(), K: Float64Array.of(1, 0, 0, NaN) }, 'cache keys row 1, column 1', 'not-finite'));
  it('names row and column of an infinite value', () => rejects({ ...good(), V: Float64Array.of(Infinity, 0) }, 'cache values row 0, column 0', 'not-finite'));
  it('names a negative weight', () => rejects({ ...good(), weights: Float64Array.of(1, -2) }, 'cache weights[1]', 'negative-weight'));
  it('rejects all-zero weights', () => rejects({ ...good(), weights: Float64Array.of(0, 0) }, 'cache weights', 'zero-weights'));
  it('rejects a weight count that is not m', () => rejects({ ...good(), weights: Float64Array.of(1) }, 'cache weights', 'shape'));
  it('is what verify applies to a cache', () => {
    expect(() => verify(inst, { ...good(), weights: Float64Array.of(0, 0) }, { rho: 1, eps: 0.1 })).toThrow(InputError);
  });
});

describe('verify (cache)', () => {
  it('gives the subset and its cache the same verdict and falsified error on a small instance', () => {
    const c = { indices: Uint32Array.of(0, 2), weights: Float64Array.of(1.5, 1.5) };
    const a = verify(inst, c, { rho: 2, eps: 0.05, seed: 3 });
    const b = verify(inst, cacheOfCoreset(inst, c), { rho: 2, eps: 0.05, seed: 3 });
    expect(b.verdict).toBe(a.verdict);
    // Same witness search (structured starts differ only in which instance rows count as dropped).
    expect(Math.abs(b.lower - a.lower)).toBeLessThanOrEqual(1e-12 + 0.01 * a.lower);
    expect(b.repeatedIndices).toBe(0);
  });
  it('fails a cache whose values are off, with a witness inside the ball', () => {
    const C: Cache = { m: 3, d: 2, dv: 1, K: Float64Array.from(inst.K), V: Float64Array.of(1, -1, 0.5), weights: Float64Array.of(1, 1, 1) };
    const r = verify(inst, C, { rho: 2, eps: 0.01 });
    expect(r.verdict).toBe('fail');
    expect(Math.hypot(...r.witness)).toBeLessThanOrEqual(2);
  });
});
