import { describe, expect, it } from 'vitest';
import { kernelEntry, kernelRangeSums, kernelRangeSumsSelf, rangeSums } from '../../src/construct/kernel.js';
import { builderThreads, kernelMean, stepRunner } from '../../src/construct/parallel.js';
import { sharedFloat64 } from '../../src/helper-thread.js';
import { columnRows, residualRows } from '../../src/construct/rows.js';
import { InputError } from '../../src/errors.js';
import { crossDots } from '../../src/fast/gemm.js';
import { buildCoreset } from '../../src/construct/build.js';
import { proxyPair } from '../../src/construct/proxy.js';
import { sphereInstance } from '../../src/families/index.js';
import { gamma } from '../../src/fast/float-error.js';
import { normalizeCoreset } from '../../src/validate.js';
import { evalBatch, makePair } from '../../src/verify/batch.js';

// Sizes chosen to cross every panel edge (16 rows, 256 columns) and tile
// edge (2 × 4) of the tiled kernel sums.
const inst = sphereInstance({ n: 300, d: 7, dv: 5, seed: 3 });
const kernel = { s: 1.3, lambda: 0.1 };

/**
 * Each kernel value is exp(s·⟨k,k′⟩)(⟨v,v′⟩ + λ) with both dots within
 * γ_len of exact in any order (lem:float-error); on unit rows the values are
 * ≤ e^s(1 + λ), so a sum of N of them with weights c differs from the
 * kernelEntry-based sum by at most SUM_TOLERANCE·Σ|c| (two dot orders, one
 * exp and the summation, each well inside 64 ulps of the largest term).
 */
const SUM_TOLERANCE = 64 * gamma(inst.d + inst.dv + 2) * Math.exp(kernel.s) * (1 + kernel.lambda);

describe('tiled kernel sums', () => {
  const c = Float64Array.from({ length: inst.n }, (_, t) => 1 / (t + 1));
  const cAbs = c.reduce((a, b) => a + b, 0);

  it('kernelRangeSums matches the kernelEntry sum for every row of a range', () => {
    const out = new Float64Array(37);
    kernelRangeSums(inst, 5, 37, 20, 280, c, kernel, out);
    for (let a = 0; a < 37; a++) {
      let s = 0;
      for (let t = 0; t < 280; t++) s += c[t] * kernelEntry(inst, 5 + a, 20 + t, kernel);
      expect(Math.abs(out[a] - s)).toBeLessThanOrEqual(SUM_TOLERANCE * cAbs);
    }
  });

  it('kernelRangeSumsSelf adds the symmetric sums, each pair once', () => {
    const out = Float64Array.from({ length: 290 }, () => 0.5);
    kernelRangeSumsSelf(inst, 3, 290, c, kernel, out);
    for (let a = 0; a < 290; a++) {
      let s = 0.5;
      for (let b = 0; b < 290; b++) s += c[b] * kernelEntry(inst, 3 + a, 3 + b, kernel);
      expect(Math.abs(out[a] - s)).toBeLessThanOrEqual(SUM_TOLERANCE * cAbs);
    }
  });

  it('columnRows writes one column of the kernel matrix, only there', () => {
    const m = 3;
    const KP = new Float64Array(300 * m).fill(Number.NaN);
    const tk = new Float64Array(300);
    const tv = new Float64Array(300);
    columnRows(crossDots, inst.K, inst.V, inst.d, inst.dv, 17, 9, 270, kernel.s, kernel.lambda, KP, m, 1, tk, tv);
    for (let a = 0; a < 300; a++) {
      for (let j = 0; j < m; j++) {
        const v = KP[a * m + j];
        if (j !== 1 || a < 9 || a >= 270) expect(v).toBeNaN();
        else expect(Math.abs(v - kernelEntry(inst, 17, a, kernel))).toBeLessThanOrEqual(SUM_TOLERANCE);
      }
    }
  });
});

describe('proxyPair', () => {
  it('weighs the target rows as given and maps the coreset rows to positions in T', () => {
    const rows = Uint32Array.from([4, 9, 30, 31, 77, 200]);
    const weights = Float64Array.from([0.1, 0.2, 0.3, 0.1, 0.2, 0.1]);
    const c = normalizeCoreset({ indices: Uint32Array.from([9, 77, 150]), weights: Float64Array.from([1, 2, 3]) }, inst.n);
    const { pair, coreRows } = proxyPair(inst, { rows, weights }, c);
    expect(Array.from(coreRows)).toEqual([1, 4]);
    expect(pair.full.m).toBe(6);
    expect(Array.from(pair.full.K.subarray(2 * inst.d, 3 * inst.d))).toEqual(Array.from(inst.K.subarray(30 * inst.d, 31 * inst.d)));
    // Against T with T's rows as the coreset at T's weights, the error is 0.
    const same = normalizeCoreset({ indices: rows, weights }, inst.n);
    const own = proxyPair(inst, { rows, weights }, same).pair;
    const F = new Float64Array(1);
    evalBatch(own, Float64Array.from({ length: inst.d }, (_, a) => (a === 0 ? 1.5 : 0)), 1, F);
    expect(F[0]).toBeLessThan(1e-28);
    // And against T the pair differs from the instance's own pair.
    const Fi = new Float64Array(1);
    evalBatch(makePair(inst, same), Float64Array.from({ length: inst.d }, (_, a) => (a === 0 ? 1.5 : 0)), 1, Fi);
    expect(Fi[0]).toBeGreaterThan(1e-6);
  });
});

describe('kernelMean on two threads', () => {
  // Large enough (p(p/2 + r)(d + dv) ≥ 2e7) that the helper thread takes part.
  const big = sphereInstance({ n: 2048, d: 8, dv: 8, seed: 4 });
  const p = 1024;
  const r = big.n - p;
  const restWeights = Float64Array.from({ length: r }, (_, t) => 1 / (t + 2));
  const poolWeight = Float64Array.from({ length: p }, (_, a) => (a % 3 === 0 ? 0 : 1 / (a + 3)));

  it('is bit-for-bit the one-thread decomposition, and within the float error of kernelEntry sums', () => {
    expect(builderThreads()).toBeGreaterThanOrEqual(1);
    const mu = new Float64Array(p);
    kernelMean(big, p, r, restWeights, poolWeight, kernel, mu);
    // The same columns split as kernelMean documents, all on this thread.
    const self = (p * p) / 2;
    const split = Math.min(r, Math.max(0, Math.round(((self + p * r) / 2 - self) / p)));
    const own = new Float64Array(p);
    rangeSums(crossDots, big.K, big.V, big.d, big.dv, 0, p, p, split, restWeights, kernel.s, kernel.lambda, own);
    kernelRangeSumsSelf(big, 0, p, poolWeight, kernel, own);
    const other = new Float64Array(p);
    rangeSums(crossDots, big.K, big.V, big.d, big.dv, 0, p, p + split, r - split, restWeights.subarray(split), kernel.s, kernel.lambda, other);
    for (let a = 0; a < p; a++) expect(mu[a]).toBe(own[a] + other[a]);
    const wAbs = restWeights.reduce((x, y) => x + y, 0) + poolWeight.reduce((x, y) => x + y, 0);
    for (const a of [0, 1, 17, 511, 1023]) {
      let s = 0;
      for (let t = 0; t < r; t++) s += restWeights[t] * kernelEntry(big, a, p + t, kernel);
      for (let b = 0; b < p; b++) s += poolWeight[b] * kernelEntry(big, a, b, kernel);
      expect(Math.abs(mu[a] - s)).toBeLessThanOrEqual(64 * gamma(big.d + big.dv + 2) * Math.exp(kernel.s) * (1 + kernel.lambda) * wAbs);
    }
  });

  it('reads ATTN_CORESET_THREADS and rejects anything but 1 or 2', () => {
    const saved = process.env.ATTN_CORESET_THREADS;
    try {
      process.env.ATTN_CORESET_THREADS = '1';
      expect(builderThreads()).toBe(1);
      process.env.ATTN_CORESET_THREADS = '2';
      expect(builderThreads()).toBe(2);
      process.env.ATTN_CORESET_THREADS = '4';
      expect(() => builderThreads()).toThrow(/ATTN_CORESET_THREADS/);
      process.env.ATTN_CORESET_THREADS = 'x';
      expect(() => builderThreads()).toThrow(InputError);
      // A build reports it too, however small.
      expect(() => buildCoreset(inst, { rho: 1, size: 8 })).toThrow(/ATTN_CORESET_THREADS/);
    } finally {
      if (saved === undefined) delete process.env.ATTN_CORESET_THREADS;
      else process.env.ATTN_CORESET_THREADS = saved;
    }
  });
});

describe('stepRunner', () => {
  it('writes the same columns and residuals with the helper thread as columnRows/residualRows on one thread', () => {
    const src = sphereInstance({ n: 600, d: 8, dv: 4, seed: 6 });
    const K = sharedFloat64(src.n * src.d);
    const V = sharedFloat64(src.n * src.dv);
    K.set(src.K);
    V.set(src.V);
    const local = { n: src.n, d: src.d, dv: src.dv, K, V };
    const p = src.n;
    const m = 5;
    const KP = sharedFloat64(p * m);
    const mu = sharedFloat64(p);
    const r = sharedFloat64(p);
    const w = sharedFloat64(m);
    for (let a = 0; a < p; a++) mu[a] = 1 + a / p;
    const runner = stepRunner(local, p, kernel, KP, m, mu, r, w);
    const picks = [3, 599, 300, 0, 451];
    try {
      picks.forEach((i, j) => {
        runner.column(i, j);
        w[j] = 0.1 * (j + 1);
        runner.residual(j + 1);
      });
    } finally {
      runner.close();
    }
    const KP1 = new Float64Array(p * m);
    const r1 = new Float64Array(p);
    const tk = new Float64Array(p);
    const tv = new Float64Array(p);
    picks.forEach((i, j) => columnRows(crossDots, K, V, src.d, src.dv, i, 0, p, kernel.s, kernel.lambda, KP1, m, j, tk, tv));
    residualRows(KP1, m, w, m, mu, r1, 0, p);
    expect(Array.from(KP)).toEqual(Array.from(KP1));
    expect(Array.from(r)).toEqual(Array.from(r1));
    // And the entries are the kernel's (the diagonal entry of row 599).
    expect(Math.abs(KP[599 * m + 1] - kernelEntry(local, 599, 599, kernel))).toBeLessThanOrEqual(SUM_TOLERANCE);
  });
});
