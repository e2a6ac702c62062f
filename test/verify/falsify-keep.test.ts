import { describe, expect, it } from 'vitest';
import { uniformCoreset } from '../../src/construct/baselines.js';
import { coresetError } from '../../src/fast/coreset-error.js';
import { coresetErrorBound, evaluationProfile } from '../../src/fast/float-error.js';
import { sphereInstance } from '../../src/families/index.js';
import { normalizeCoreset } from '../../src/validate.js';
import { makePair } from '../../src/verify/batch.js';
import { falsify } from '../../src/verify/falsify.js';

describe('falsify (keep)', () => {
  const inst = sphereInstance({ n: 300, d: 6, dv: 4, seed: 11 });
  const c = normalizeCoreset(uniformCoreset(inst, 20, 3), inst.n);
  const run = (keep: number) => falsify(makePair(inst, c), { rho: 2, budget: 400, seed: 5, coreRows: c.indices, keep });
  it('returns distinct points of the ball, the best first, without changing the search', () => {
    const plain = run(0);
    const kept = run(12);
    expect(plain.queries).toBeUndefined();
    expect(kept.error).toBe(plain.error);
    expect(Array.from(kept.query)).toEqual(Array.from(plain.query));
    const qs = kept.queries ?? [];
    // evalBatch and coresetError each stay within the lem:float-error bound of the exact error.
    const boundBest = coresetErrorBound(evaluationProfile(inst, kept.query, null), evaluationProfile(inst, kept.query, c));
    expect(qs.length).toBe(12);
    expect(Array.from(qs[0])).toEqual(Array.from(kept.query));
    for (let a = 0; a < qs.length; a++) {
      expect(Math.hypot(...qs[a])).toBeLessThanOrEqual(2 * (1 + 2 ** -50)); // projected by radial scaling: a few ulps
      for (let b = 0; b < a; b++) expect(qs[a].some((x, t) => x !== qs[b][t])).toBe(true);
      // No kept point is better than the reported best (beyond lem:float-error).
      const bound = coresetErrorBound(evaluationProfile(inst, qs[a], null), evaluationProfile(inst, qs[a], c));
      expect(coresetError(inst, qs[a], c)).toBeLessThanOrEqual(coresetError(inst, kept.query, c) + 2 * (bound + boundBest));
    }
  });
});
