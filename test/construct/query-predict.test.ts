import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictedQueriesRecoverLinearQueries } from '../../properties/construct/predicted-queries-recover-linear-queries.js';
import { fitQuerySet } from '../../src/construct/query-aware.js';
import { PREDICTED_WEIGHT, predictQueries, withPredictedQueries } from '../../src/construct/query-predict.js';
import { InputError } from '../../src/errors.js';
import { sphereInstance } from '../../src/families/index.js';
import { manifestHeads, readHead } from '../helpers/heads.js';
import { runs } from '../helpers/seed.js';

describe('predictQueries (property)', () => {
  it('recovers exactly linear queries up to the ridge shrinkage, for exactly the rows without a fit query (def:predicted-queries)', () => {
    fc.assert(predictedQueriesRecoverLinearQueries(), { numRuns: runs(60) });
  });
});

describe('predictQueries', () => {
  const inst = sphereInstance({ n: 40, d: 3, dv: 2, seed: 4 });
  const Q = Float64Array.from({ length: 20 * 3 }, (_, t) => Math.sin(t));
  const rows = Array.from({ length: 20 }, (_, r) => 2 * r);

  it('rejects a row count that does not match the queries, a repeated or out-of-range row, and too few fit queries', () => {
    expect(() => predictQueries(inst, Q, rows.slice(1))).toThrow(InputError);
    expect(() => predictQueries(inst, Q, [...rows.slice(1), 2])).toThrow(/repeats row 2/);
    expect(() => predictQueries(inst, Q, [...rows.slice(1), 40])).toThrow(/rows\[19\]/);
    expect(() => predictQueries(inst, Q.subarray(0, 9 * 3), rows.slice(0, 9))).toThrow(/at least 10/);
  });

  it('on a real head predicts the held-out tokens’ queries better than their mean does (R² > 0 on the unseen tokens)', () => {
    const head = readHead(manifestHeads()[0]);
    const { n, d } = head.instance;
    const fitRows = Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 0);
    const fit = new Float64Array(fitRows.length * d);
    fitRows.forEach((i, r) => fit.set(head.queries.subarray(i * d, (i + 1) * d), r * d));
    const p = predictQueries(head.instance, fit, fitRows);
    expect(Array.from(p.rows)).toEqual(Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 1));
    const mean = new Float64Array(d);
    for (const i of p.rows) for (let c = 0; c < d; c++) mean[c] += head.queries[i * d + c] / p.rows.length;
    let sse = 0;
    let sst = 0;
    p.rows.forEach((i, k) => {
      for (let c = 0; c < d; c++) {
        sse += (p.queries[k * d + c] - head.queries[i * d + c]) ** 2;
        sst += (mean[c] - head.queries[i * d + c]) ** 2;
      }
    });
    console.log(`predicted-query R² on the unseen tokens of ${head.name}: ${(1 - sse / sst).toFixed(3)} (CV R² ${p.r2.toFixed(3)})`);
    expect(1 - sse / sst).toBeGreaterThan(0);
  });
});

describe('withPredictedQueries', () => {
  const inst = sphereInstance({ n: 40, d: 3, dv: 2, seed: 4 });
  const Q = Float64Array.from({ length: 20 * 3 }, (_, t) => Math.cos(t));
  const rows = Array.from({ length: 20 }, (_, r) => 39 - 2 * r);

  it('appends one predicted query per row without a fit query, at PREDICTED_WEIGHT against 1, the regularizer unchanged', () => {
    const o = withPredictedQueries(inst, { queries: Q, size: 5, rho: 2, regularization: 0.1 }, rows);
    expect(o.queries.length).toBe(40 * 3);
    expect(Array.from(o.queries.subarray(0, Q.length))).toEqual(Array.from(Q));
    expect(Array.from(o.queryWeights!.subarray(0, 20))).toEqual(new Array(20).fill(1));
    expect(Array.from(o.queryWeights!.subarray(20))).toEqual(new Array(20).fill(PREDICTED_WEIGHT));
    const fit = fitQuerySet(inst, o);
    let sample = 0;
    let reg = 0;
    fit.weights.forEach((w, r) => (r < 40 ? (sample += w) : (reg += w)));
    expect(sample).toBeCloseTo(1, 12);
    expect(reg).toBeCloseTo(0.1, 12);
  });

  it('rejects queryWeights already set and a weight that is not positive', () => {
    expect(() => withPredictedQueries(inst, { queries: Q, size: 5, rho: 2, queryWeights: new Float64Array(20).fill(1) }, rows)).toThrow(InputError);
    expect(() => withPredictedQueries(inst, { queries: Q, size: 5, rho: 2 }, rows, 0)).toThrow(/weight/);
  });
});
