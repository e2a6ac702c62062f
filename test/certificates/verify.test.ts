import { describe, expect, it } from 'vitest';
import { randomUnitVector, seededRng } from '../../src/families/rng.js';
import * as Ref from '../../src/reference/index.js';
import { exactDecimal } from '../../src/reference/exact.js';
import type { Instance } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { cacheMeasure } from '../../src/verify/cache-measure.js';
import { certifiedMaxEigenvalue } from '../../src/verify/eigen-bound.js';
import { subsetMeasure } from '../../src/verify/measure.js';
import { momentCertificate } from '../../src/verify/moment.js';
import { rkhsCertificate } from '../../src/verify/rkhs.js';
import { verify } from '../../src/verify/verify.js';

function sphere(n: number, d: number, seed: number): Instance {
  const rng = seededRng(seed);
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    K.set(randomUnitVector(rng, d), i * d);
    V.set(randomUnitVector(rng, d), i * d);
  }
  return { n, d, dv: d, K, V };
}

describe('verify (certificates)', () => {
  it('reports the smaller of the RKHS and moment certificates as upper, and which one it was', () => {
    const inst = sphere(300, 8, 1);
    const coreset = { indices: Uint32Array.from({ length: 60 }, (_, j) => 5 * j), weights: new Float64Array(60).fill(1) };
    const r = verify(inst, coreset, { rho: 2, eps: 1e-3, budget: 256, moment: 'always' });
    const c = normalizeCoreset(coreset, inst.n);
    const rk = rkhsCertificate(inst, c, 2).upper;
    const mo = momentCertificate(subsetMeasure(inst, c, 2, 1, true), 2).upper;
    expect(r.upper).toBe(Math.min(rk, mo));
    expect(r.upperMethod).toBe(mo < rk ? 'moment' : 'rkhs');
    // Measured: the moment certificate wins here (d = 8, ρ = 2).
    expect(r.upperMethod).toBe('moment');
  });

  it('runs the moment certificate on a compressed cache (union measure) and reports it', () => {
    const inst = sphere(300, 8, 1);
    // Every 5th row, keys moved off the instance's by a small jitter: a cache, not a subset.
    const m = 60;
    const K = new Float64Array(m * 8);
    const V = new Float64Array(m * 8);
    for (let j = 0; j < m; j++) {
      for (let a = 0; a < 8; a++) {
        K[j * 8 + a] = inst.K[5 * j * 8 + a] + 1e-3 * Math.sin(j + a);
        V[j * 8 + a] = inst.V[5 * j * 8 + a];
      }
    }
    const cache = { m, d: 8, dv: 8, K, V, weights: new Float64Array(m).fill(1) };
    const r = verify(inst, cache, { rho: 2, eps: 1e-3, budget: 256, moment: 'always', rkhs: 'never' });
    const mo = momentCertificate(cacheMeasure(inst, cache, 2, 1, true), 2).upper;
    expect(Number.isFinite(mo)).toBe(true);
    expect(r.upper).toBe(mo);
    expect(r.upperMethod).toBe('moment');
    expect(r.methods.some((x) => x.startsWith('moment: '))).toBe(true);
    expect(r.lower).toBeLessThanOrEqual(r.upper);
  });

  it("skips the moment certificate in 'auto' once the witness has settled the verdict", () => {
    const inst = sphere(300, 8, 1);
    const coreset = { indices: Uint32Array.from({ length: 60 }, (_, j) => 5 * j), weights: new Float64Array(60).fill(1) };
    const r = verify(inst, coreset, { rho: 2, eps: 1e-3, budget: 256 });
    expect(r.verdict).toBe('fail');
    expect(r.methods).toContain('moment skipped: the verdict is already settled');
    expect(r.upperMethod).not.toBe('moment');
  });

  it("proves a large-n fail by the float bound by default, and by the exact fixed-point recomputation when asked", () => {
    // n·(d + dv) = 4200·128 > REFERENCE_ALWAYS_LIMIT; a 2-row coreset fails by far.
    const inst = sphere(4200, 64, 2);
    const coreset = { indices: Uint32Array.of(0, 1), weights: Float64Array.of(1, 1) };
    const auto = verify(inst, coreset, { rho: 2, eps: 0.05, budget: 256 });
    expect(auto.verdict).toBe('fail');
    expect(auto.witnessProof).toBe('float-bound');
    expect(auto.methods[0]).toMatch(/lem:float-error/);
    const ref = verify(inst, coreset, { rho: 2, eps: 0.05, budget: 256, witnessCheck: 'reference' });
    expect(ref.verdict).toBe('fail');
    expect(ref.witnessProof).toBe('fixed-point');
    expect(ref.methods[0]).toMatch(/exact fixed-point logits/);
    // Same witness search, so the two lower bounds agree to the float bound.
    expect(Math.abs(ref.lower - auto.lower)).toBeLessThan(1e-9);
  });
});

describe('maxEigenvalue (reference)', () => {
  // Regression (found by certifiedEigenvalueIsAboveExact): an absolute
  // convergence threshold made Jacobi skip matrices below 1e-55 and return
  // max diag + ‖off‖_F = √2·a instead of a for [[0, a], [a, 0]].
  it('rotates tiny matrices too: λ_max([[0, a], [a, 0]]) = a for a = 1.38e-143', () => {
    const a = 1.3808127701071972e-143;
    const M = Float64Array.of(0, a, a, 0);
    const lam = Ref.maxEigenvalue(Array.from(M, (x) => exactDecimal(x)), 2);
    expect(Math.abs(lam.toNumber() / a - 1)).toBeLessThan(1e-14);
    const b = certifiedMaxEigenvalue(M, 2, 0);
    expect(b.upper).toBeGreaterThanOrEqual(a);
    expect(b.upper).toBeLessThanOrEqual(a * (1 + 1e-9));
  });
});
