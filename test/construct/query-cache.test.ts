import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryCacheNeverFitsWorseThanItsSubset } from '../../properties/index.js';
import { buildForQueries } from '../../src/construct/query-aware.js';
import { buildCacheForQueries } from '../../src/construct/query-cache.js';
import { refitValues, valueRefitObjective } from '../../src/construct/refit-values.js';
import { cacheOfCoreset, validateCache } from '../../src/cache.js';
import { InputError } from '../../src/errors.js';
import { coresetError } from '../../src/fast/coreset-error.js';
import { manifestHeads, readHead } from '../helpers/heads.js';
import { runs } from '../helpers/seed.js';

describe('buildCacheForQueries (property)', () => {
  it('never fits worse than its subset, and its values are the weighted ridge optimum (lem:query-cache-refit)', () => {
    fc.assert(queryCacheNeverFitsWorseThanItsSubset(), { numRuns: runs(40) });
  });
});

describe('buildCacheForQueries on a real head', () => {
  const head = readHead(manifestHeads()[1]);
  const { n, d } = head.instance;
  const fit = head.queries.subarray(0, (n >> 1) * d);
  const test = head.queries.subarray((n >> 1) * d);
  let rq = 0;
  for (let r = 0; r < n >> 1; r++) rq = Math.max(rq, Math.hypot(...fit.subarray(r * d, (r + 1) * d)));
  const opts = { queries: fit, size: 16, rho: rq, scale: head.scale };
  const meanErr = (c: Parameters<typeof coresetError>[2], Q: Float64Array) => {
    let s = 0;
    for (let r = 0; r < Q.length / d; r++) s += coresetError(head.instance, Q.subarray(r * d, (r + 1) * d), c, { scale: head.scale });
    return (s * d) / Q.length;
  };

  it('keeps the subset\'s keys and lowers the fit error below the subset\'s', () => {
    const r = buildCacheForQueries(head.instance, opts);
    validateCache(r.cache, d, head.instance.dv);
    const sub = buildForQueries(head.instance, opts);
    expect(Array.from(r.indices)).toEqual(Array.from(sub.coreset.indices));
    expect(Array.from(r.cache.K)).toEqual(Array.from(cacheOfCoreset(head.instance, sub.coreset).K));
    expect(r.objective).toBeLessThan(r.subsetObjective);
    expect(meanErr(r.cache, fit)).toBeLessThan(meanErr(sub.coreset, fit));
  });

  it('with unit query weights 1/N matches refitValues without weights (the generalisation is the old solver)', () => {
    const sub = cacheOfCoreset(head.instance, buildForQueries(head.instance, opts).coreset);
    const N = fit.length / d;
    const a = refitValues(head.instance, sub, { rho: rq, given: fit, scale: head.scale });
    const b = refitValues(head.instance, sub, { rho: rq, given: fit, givenWeights: new Float64Array(N).fill(1 / N), scale: head.scale });
    for (let t = 0; t < a.V.length; t++) expect(Math.abs(a.V[t] - b.V[t])).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(a.V[t])));
    const Ja = valueRefitObjective(head.instance, a, sub.V, fit, 1e-3, head.scale);
    const Jb = valueRefitObjective(head.instance, a, sub.V, fit, 1e-3, head.scale, new Float64Array(N).fill(1 / N));
    expect(Math.abs(Ja - Jb)).toBeLessThanOrEqual(1e-12 * (1 + Ja));
  });

  it('is deterministic, evaluates on held-out queries, and rejects bad options by name', () => {
    const a = buildCacheForQueries(head.instance, opts);
    const b = buildCacheForQueries(head.instance, opts);
    expect(Array.from(a.cache.V)).toEqual(Array.from(b.cache.V));
    expect(Number.isFinite(meanErr(a.cache, test))).toBe(true);
    expect(() => buildCacheForQueries(head.instance, { ...opts, valueLambda: -1 })).toThrow(/valueLambda/);
    expect(() => buildCacheForQueries(head.instance, { ...opts, alternations: 1.5 })).toThrow(/alternations/);
    expect(() => buildCacheForQueries(head.instance, { ...opts, size: 0 })).toThrow(InputError);
    const sub = cacheOfCoreset(head.instance, buildForQueries(head.instance, opts).coreset);
    expect(() => refitValues(head.instance, sub, { rho: rq, given: fit, givenWeights: new Float64Array(3) })).toThrow(/givenWeights/);
    expect(() => refitValues(head.instance, sub, { rho: rq, given: fit, givenWeights: new Float64Array(n >> 1) })).toThrow(/all 0/);
  });
});
