import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryFitObjectiveIsResidualSum } from '../../properties/index.js';
import { buildForQueries } from '../../src/construct/query-aware.js';
import { InputError } from '../../src/errors.js';
import { coresetError } from '../../src/fast/coreset-error.js';
import { validateCoreset } from '../../src/validate.js';
import { manifestHeads, readHead } from '../helpers/heads.js';
import { runs } from '../helpers/seed.js';

describe('queryFitSystem (property)', () => {
  it('gives the residual sum of lem:query-fit-residual, zero at the full set', () => {
    fc.assert(queryFitObjectiveIsResidualSum(), { numRuns: runs(60) });
  });
});

describe('buildForQueries', () => {
  const head = readHead(manifestHeads()[0]);
  const { n, d } = head.instance;
  const Q = head.queries;
  let rq = 0;
  for (let r = 0; r < n; r++) rq = Math.max(rq, Math.hypot(...Q.subarray(r * d, (r + 1) * d)));
  const fitErrors = (c: { indices: Uint32Array; weights: Float64Array }) => Array.from({ length: n }, (_, r) => coresetError(head.instance, Q.subarray(r * d, (r + 1) * d), c, { scale: head.scale }));

  it('returns a valid weighted subset of at most the requested size, deterministic in its seed', () => {
    const a = buildForQueries(head.instance, { queries: Q, size: 16, rho: rq, scale: head.scale });
    const b = buildForQueries(head.instance, { queries: Q, size: 16, rho: rq, scale: head.scale });
    validateCoreset(a.coreset, n);
    expect(a.size).toBeLessThanOrEqual(16);
    expect(Array.from(a.coreset.weights)).toEqual(Array.from(b.coreset.weights));
  });

  it('lowers the fit objective as the size grows (greedy nesting plus NNLS)', () => {
    const f = [4, 8, 16, 32].map((m) => buildForQueries(head.instance, { queries: Q, size: m, rho: rq, scale: head.scale }).objective);
    for (let t = 1; t < f.length; t++) expect(f[t]).toBeLessThanOrEqual(f[t - 1]);
  });

  it('fits its own queries better than the first m rows with weights n/m (in-sample, no regularizer)', () => {
    const m = 32;
    const q = buildForQueries(head.instance, { queries: Q, size: m, rho: rq, scale: head.scale, regularization: 0 });
    const first = { indices: Uint32Array.from({ length: m }, (_, i) => i), weights: new Float64Array(m).fill(n / m) };
    const mean = (e: number[]) => e.reduce((x, y) => x + y, 0) / e.length;
    expect(mean(fitErrors(q.coreset))).toBeLessThan(mean(fitErrors(first)));
  });

  it('returns the full set for size ≥ n and rejects bad options by name', () => {
    expect(buildForQueries(head.instance, { queries: Q, size: n, rho: rq }).size).toBe(n);
    expect(() => buildForQueries(head.instance, { queries: Q.subarray(0, d + 1), size: 4, rho: 1 })).toThrow(InputError);
    expect(() => buildForQueries(head.instance, { queries: Q, size: 0, rho: 1 })).toThrow(/size/);
    expect(() => buildForQueries(head.instance, { queries: Q, size: 4, rho: 1, regularization: -1 })).toThrow(/regularization/);
    const bad = Float64Array.from(Q);
    bad[3] = Number.NaN;
    expect(() => buildForQueries(head.instance, { queries: bad, size: 4, rho: 1 })).toThrow(/queries row 0/);
  });
});
