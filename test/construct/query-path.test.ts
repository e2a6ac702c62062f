import { describe, expect, it } from 'vitest';
import { buildForQueries, buildForQueriesPath } from '../../src/construct/query-aware.js';
import { buildCacheForQueries, buildCacheFromSubset } from '../../src/construct/query-cache.js';
import { InputError } from '../../src/errors.js';
import { manifestHeads, readHead } from '../helpers/heads.js';

// A short real head and half its queries: cheap, and the greedy path is long enough to branch.
const head = readHead(manifestHeads()[2]);
const { n, d } = head.instance;
const Q = head.queries.subarray(0, (n >> 1) * d);
const base = { queries: Q, size: 1, rho: 20, scale: head.scale };

describe('buildForQueriesPath', () => {
  it('gives at each size exactly the build at that size alone (and the full set at size ≥ n)', () => {
    const sizes = [24, 6, n];
    const path = buildForQueriesPath(head.instance, base, sizes);
    sizes.forEach((m, k) => {
      const one = buildForQueries(head.instance, { ...base, size: m });
      expect(Array.from(path[k].coreset.indices), `m = ${m}`).toEqual(Array.from(one.coreset.indices));
      expect(Array.from(path[k].coreset.weights), `m = ${m}`).toEqual(Array.from(one.coreset.weights));
      expect(path[k].objective).toBe(one.objective);
    });
  });

  it('builds the same cache from a path subset as buildCacheForQueries does', () => {
    const [sub] = buildForQueriesPath(head.instance, base, [12]);
    const a = buildCacheFromSubset(head.instance, { ...base, size: 12 }, sub);
    const b = buildCacheForQueries(head.instance, { ...base, size: 12 });
    expect(Array.from(a.cache.V)).toEqual(Array.from(b.cache.V));
    expect(a.objective).toBe(b.objective);
  });
});

describe('queryWeights', () => {
  it('equal weights give the unweighted build; bad weights are refused by name', () => {
    const rows = Q.length / d;
    const eq = buildForQueries(head.instance, { ...base, size: 10, queryWeights: new Float64Array(rows).fill(3) });
    const plain = buildForQueries(head.instance, { ...base, size: 10 });
    expect(Array.from(eq.coreset.indices)).toEqual(Array.from(plain.coreset.indices));
    expect(() => buildForQueries(head.instance, { ...base, queryWeights: new Float64Array(rows - 1).fill(1) })).toThrow(/queryWeights/);
    expect(() => buildForQueries(head.instance, { ...base, queryWeights: new Float64Array(rows) })).toThrow(InputError);
    const neg = new Float64Array(rows).fill(1);
    neg[5] = -1;
    expect(() => buildForQueries(head.instance, { ...base, queryWeights: neg })).toThrow(/queryWeights\[5\]/);
  });
});
