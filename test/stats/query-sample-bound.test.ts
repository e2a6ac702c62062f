import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clopperPearsonBoundIsExactRoot, clopperPearsonCoversTrueP, quantileBoundCoversTrueQuantile, queryStatsAreSampleStatistics } from '../../properties/index.js';
import { InputError } from '../../src/errors.js';
import { exactDecimal } from '../../src/reference/exact.js';
import { BinomialDecimal, binomialRootEstimate, exceedUpper, quantileRank, quantileUpper, queryStats } from '../../src/stats/index.js';
import { runs } from '../helpers/seed.js';

const PYTHON = '/usr/bin/python3';
/** The acceptance tolerance of issue 10: agreement with an independent Clopper–Pearson to 1e-12. */
const ACCEPTANCE = 1e-12;

function scipyAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import scipy.stats'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('exceedUpper', () => {
  it('is 1 − δ^{1/N}, rounded up, when no query exceeds (k = 0)', () => {
    const D = BinomialDecimal;
    for (const [N, conf] of [[1, 0.95], [59, 0.95], [128, 0.9], [1000, 0.99], [100000, 0.95]] as const) {
      const delta = new D(1).minus(exactDecimal(conf, D));
      const closed = new D(1).minus(delta.pow(new D(1).div(N)));
      const b = exceedUpper(0, N, conf);
      expect(exactDecimal(b, D).gte(closed), `N=${N}`).toBe(true);
      expect(exactDecimal(b, D).minus(closed).div(closed).toNumber(), `N=${N}`).toBeLessThanOrEqual(2 ** -52);
    }
  });

  it('is 1 when every query exceeds (k = N)', () => {
    for (const N of [1, 2, 64, 1000]) expect(exceedUpper(N, N, 0.95)).toBe(1);
  });

  it('rejects counts and confidences outside their ranges, naming them', () => {
    expect(() => exceedUpper(5, 4, 0.95)).toThrow(InputError);
    expect(() => exceedUpper(-1, 4, 0.95)).toThrow(/k:/);
    expect(() => exceedUpper(0, 0, 0.95)).toThrow(/N:/);
    expect(() => exceedUpper(0, 4, 1)).toThrow(/confidence:/);
    expect(() => exceedUpper(0, 4, Number.NaN)).toThrow(/confidence:/);
  });

  it.skipIf(!scipyAvailable())(`matches scipy's Beta quantile (independent Clopper–Pearson) to ${ACCEPTANCE}`, () => {
    const cases: [number, number, number][] = [];
    for (const N of [1, 2, 7, 32, 64, 128, 500, 2048]) for (const k of [0, 1, 2, Math.floor(N / 10), Math.floor(N / 2), N - 1]) for (const c of [0.9, 0.95, 0.99]) if (k < N) cases.push([k, N, c]);
    const program = 'import json,sys\nfrom scipy.stats import beta\nprint(json.dumps([float(beta.ppf(c, k+1, N-k)) for k,N,c in json.load(sys.stdin)]))';
    const expected = JSON.parse(execFileSync(PYTHON, ['-c', program], { input: JSON.stringify(cases) }).toString()) as number[];
    cases.forEach(([k, N, c], i) => {
      const b = exceedUpper(k, N, c);
      expect(Math.abs(b - expected[i]), `k=${k} N=${N} confidence=${c}: ours ${b}, scipy ${expected[i]}`).toBeLessThanOrEqual(ACCEPTANCE);
    });
  });
});

describe('binomialRootEstimate', () => {
  it('lands within the 1e-9 bracket exceedUpper starts from', () => {
    for (const [k, N] of [[0, 1], [0, 1000], [1, 7], [10, 64], [100, 10000], [63, 64]]) {
      const b = exceedUpper(k, N, 0.95);
      expect(Math.abs(binomialRootEstimate(k, N, 1 - 0.95) - b) / b, `k=${k} N=${N}`).toBeLessThan(1e-9);
    }
  });
});

describe('exceedUpper (property)', () => {
  it('is the exact Clopper–Pearson root rounded up, within 2 ulps (exact rational check)', () => {
    fc.assert(clopperPearsonBoundIsExactRoot(), { numRuns: runs(40) });
  });
  it('covers the true exceedance probability at least 1 − δ of the time (simulation, binomial test)', () => {
    fc.assert(clopperPearsonCoversTrueP(), { numRuns: runs(12) });
  });
});

describe('quantileRank', () => {
  it('is undefined when even the largest error cannot bound the quantile (N = 64, p = 0.99, 95%)', () => {
    // P(Bin(64, 0.99) ≤ 63) = 1 − 0.99^64 ≈ 0.474 < 0.95.
    expect(quantileRank(64, 0.99, 0.95)).toBeUndefined();
    expect(quantileUpper(new Float64Array(64), 0.99, 0.95)).toBe(Infinity);
  });
  it('is N for the smallest N where the maximum bounds the median: 1 − 2^{−N} ≥ 0.95 at N = 5', () => {
    expect(quantileRank(4, 0.5, 0.95)).toBeUndefined();
    expect(quantileRank(5, 0.5, 0.95)).toBe(5);
  });
});

describe('quantileUpper (property)', () => {
  it('uses the smallest valid rank and covers the true quantile at least 1 − δ of the time', () => {
    fc.assert(quantileBoundCoversTrueQuantile(), { numRuns: runs(12) });
  });
});

describe('queryStats', () => {
  it('counts exceedances by the certified bounds and reports nearest-rank quantiles', () => {
    const errors = Float64Array.from({ length: 100 }, (_, i) => i / 1000);
    const uppers = errors.map((e) => e + 1e-6);
    const s = queryStats({ errors, uppers }, 0.0895, 0.95);
    // uppers > 0.0895: i = 90 (0.090001) … 99, and 0.089001 ≤ 0.0895.
    expect(s.exceeding).toBe(10);
    expect([s.n, s.max, s.p99, s.p90]).toEqual([100, 0.099, 0.098, 0.089]);
    expect(s.mean).toBeCloseTo(0.0495, 12);
    expect(s.exceedUpper).toBe(exceedUpper(10, 100, 0.95));
  });
});

describe('queryStats (property)', () => {
  it("reports the sample's own statistics, and more conservative bounds never lower them", () => {
    fc.assert(queryStatsAreSampleStatistics(), { numRuns: runs(40) });
  });
});
