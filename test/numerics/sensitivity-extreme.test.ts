/**
 * Regression (issue 13): `build --method sensitivity` with keys of norm
 * above ≈ 1e154 (squared distances overflow) or ρ = 1.7e308 (ρ·distance
 * overflows) computed NaN probabilities, and the sampling loop never ended.
 */
import { describe, expect, it } from 'vitest';
import { maxSensitivityDraws, sensitivityCoreset, sensitivityProbabilities } from '../../src/construct/baselines.js';
import type { Instance } from '../../src/types.js';

// Keys on a line: 0, 1, 2, 3 (times a scale); the mean is 1.5, so rows 0
// and 3 are farthest (tie) and take the exponential half between them.
const line = (scale: number): Instance => ({ n: 4, d: 1, dv: 1, K: Float64Array.of(0, 1, 2, 3).map((x) => x * scale), V: Float64Array.of(1, 2, 3, 4) });

describe('sensitivityProbabilities at extreme scales', () => {
  for (const [what, inst, rho] of [
    ['keys of norm 3e160, ρ = 1', line(1e160), 1],
    ['keys ≤ 3, ρ = 1.7e308', line(1), 1.7e308],
    ['keys of norm 3e300, ρ = 1e300', line(1e300), 1e300],
  ] as const) {
    it(`is finite and one-hot on the farthest keys for ${what}, and sampling ends`, () => {
      const p = sensitivityProbabilities(inst, rho);
      // e^{ρ·(δ_i − δ_max)} underflows to 0 for the inner rows: they keep only the uniform ½/n.
      expect(Array.from(p)).toEqual([0.125 + 0.25, 0.125, 0.125, 0.125 + 0.25]);
      const c = sensitivityCoreset(inst, 3, rho, 7);
      expect(c.indices.length).toBe(3);
      expect(c.weights.every((w) => Number.isFinite(w) && w > 0)).toBe(true);
    });
  }

  it('keeps the unscaled formula in the normal range (ρ = 1, keys in [0, 1])', () => {
    const p = sensitivityProbabilities(line(1 / 3), 1);
    // p_i = ½/n + ½·e^{|k_i − k̄| − max}/Σ, |k_i − k̄| = |i/3 − ½|; a few roundings apart at most.
    const e = [0, 1, 2, 3].map((i) => Math.exp(Math.abs(i / 3 - 0.5) - 0.5));
    const z = e.reduce((a, b) => a + b, 0);
    for (let i = 0; i < 4; i++) expect(Math.abs(p[i] - (0.125 + (0.5 * e[i]) / z))).toBeLessThanOrEqual(4 * 2 ** -53);
  });

  it('caps the draws at 2n(ln n + 60)', () => {
    expect(maxSensitivityDraws(4)).toBe(Math.ceil(8 * (Math.log(4) + 60)));
  });
});
