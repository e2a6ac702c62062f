import { describe, expect, it } from 'vitest';
import { kernelColumn, kernelEntry, kernelRangeSums, kernelRangeSumsSelf } from '../../src/build/kernel.js';
import { proxyPair } from '../../src/build/proxy.js';
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

  it('kernelColumn is one row of the kernel matrix', () => {
    const out = new Float64Array(261);
    kernelColumn(inst, 17, 9, 261, kernel, out);
    for (let t = 0; t < 261; t++) {
      expect(Math.abs(out[t] - kernelEntry(inst, 17, 9 + t, kernel))).toBeLessThanOrEqual(SUM_TOLERANCE);
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
