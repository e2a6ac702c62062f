import { describe, expect, it } from 'vitest';
import { normAtMost } from '../../properties/internal/exact.js';
import { InputError } from '../../src/errors.js';
import { attention } from '../../src/fast/attention.js';
import { attentionErrorBound, evaluationProfile, jacobianErrorBound } from '../../src/fast/float-error.js';
import { attentionJacobian } from '../../src/fast/jacobian.js';
import type { Coreset, Instance } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { branchAndBound, createRng, evalBatch, inBallExact, makePair, rkhsCertificate, verify } from '../../src/verify/index.js';

const two: Instance = { n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(1, -1) };
const both: Coreset = { indices: Uint32Array.of(0, 1), weights: Float64Array.of(1, 1) };

function orthonormal(n: number): Instance {
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) K[i * n + i] = 1;
  return { n, d: n, dv: n, K, V: K };
}

function randomInstance(n: number, d: number, dv: number, seed: number): Instance {
  const r = createRng(seed);
  const rows = (m: number, k: number): Float64Array => {
    const X = new Float64Array(m * k);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += (X[i * k + a] = r.gaussian()) ** 2;
      for (let a = 0; a < k; a++) X[i * k + a] /= Math.sqrt(s);
    }
    return X;
  };
  return { n, d, dv, K: rows(n, d), V: rows(n, dv) };
}

/** err_w(q), written independently of src/: plain max-shifted softmax. */
function naiveError(inst: Instance, q: ArrayLike<number>, c: Coreset): number {
  const att = (rows: ArrayLike<number>, w: ArrayLike<number>): number[] => {
    const l = Array.from(rows, (i) => {
      let s = 0;
      for (let a = 0; a < inst.d; a++) s += q[a] * inst.K[i * inst.d + a];
      return s;
    });
    const mx = Math.max(...l);
    const e = l.map((x, j) => w[j] * Math.exp(x - mx));
    const z = e.reduce((s, x) => s + x, 0);
    return Array.from({ length: inst.dv }, (_, k) => e.reduce((s, x, j) => s + x * inst.V[Number(rows[j]) * inst.dv + k], 0) / z);
  };
  const all = Array.from({ length: inst.n }, (_, i) => i);
  const a = att(all, all.map(() => 1));
  const b = att(c.indices, c.weights);
  return Math.sqrt(a.reduce((s, x, k) => s + (x - b[k]) ** 2, 0));
}

describe('verify', () => {
  it('certifies the full set of the two-key instance', () => {
    const res = verify(two, both, { rho: 1, eps: 0.1 });
    expect(res.verdict).toBe('certified');
    expect(res.lower).toBe(0);
    expect(res.upper).toBeLessThanOrEqual(0.1);
  });

  it('fails a weighted set that omits a key of the orthonormal family, with an in-ball witness', () => {
    const inst = orthonormal(5);
    const rho = 2;
    const p = Math.exp(rho) / (Math.exp(rho) + 4);
    const res = verify(inst, { indices: Uint32Array.of(0, 1, 2, 3), weights: Float64Array.of(1, 2, 3, 4) }, { rho, eps: p / 2 });
    expect(res.verdict).toBe('fail');
    expect(res.lower).toBeGreaterThanOrEqual(p * (1 - 1e-15));
    expect(inBallExact(res.witness, rho)).toBe(true);
    expect(res.upper).toBeGreaterThanOrEqual(res.lower);
  });

  it('reports merged repeated indices', () => {
    const res = verify(two, { indices: Uint32Array.of(0, 1, 1, 0), weights: Float64Array.of(0.5, 0.5, 0.5, 0.5) }, { rho: 1, eps: 0.1 });
    expect(res.repeatedIndices).toBe(2);
    expect(res.verdict).toBe('certified');
  });

  it('is deterministic for a seed', () => {
    const inst = randomInstance(40, 5, 3, 1);
    const c: Coreset = { indices: Uint32Array.of(1, 5, 9, 20), weights: Float64Array.of(1, 1, 1, 1) };
    const a = verify(inst, c, { rho: 2, eps: 0.01, seed: 3, budget: 300 });
    const b = verify(inst, c, { rho: 2, eps: 0.01, seed: 3, budget: 300 });
    expect(Array.from(a.witness)).toEqual(Array.from(b.witness));
    expect(a.lower).toBe(b.lower);
  });

  it("scope 'queries' takes the max over the given queries, sandwiched", () => {
    const inst = orthonormal(3);
    const rho = 1.5;
    const Q = Float64Array.of(rho, 0, 0, 0, 0, rho);
    const c: Coreset = { indices: Uint32Array.of(0, 1), weights: Float64Array.of(1, 1) };
    const res = verify(inst, c, { rho, eps: 0.05, scope: 'queries', queries: Q });
    const expected = Math.max(naiveError(inst, Q.subarray(0, 3), c), naiveError(inst, Q.subarray(3, 6), c));
    expect(Math.abs(res.lower - expected)).toBeLessThan(1e-14);
    expect(res.upper).toBeGreaterThanOrEqual(res.lower);
    expect(Array.from(res.witness)).toEqual([0, 0, rho]);
    expect(res.verdict).toBe('fail');
  });

  it("with witnessCheck 'float-bound' on a large instance, fails only beyond the float error bound", () => {
    const inst = randomInstance(8200, 32, 32, 5); // n·(d + dv) above REFERENCE_ALWAYS_LIMIT
    const c: Coreset = { indices: Uint32Array.from({ length: 64 }, (_, j) => j * 128), weights: new Float64Array(64).fill(1) };
    const res = verify(inst, c, { rho: 3, eps: 1e-3, budget: 96, witnessCheck: 'float-bound' });
    expect(res.methods[0]).toMatch(/lem:float-error/);
    expect(res.verdict).toBe('fail');
    expect(naiveError(inst, res.witness, c)).toBeGreaterThan(1e-3);
    expect(res.lower).toBeLessThanOrEqual(naiveError(inst, res.witness, c));
  });

  it.each([
    ['ρ ≤ 0', two, both, { rho: 0, eps: 0.1 }],
    ['ε NaN', two, both, { rho: 1, eps: NaN }],
    ['budget 0', two, both, { rho: 1, eps: 0.1, budget: 0 }],
    ['query outside the ball', two, both, { rho: 1, eps: 0.1, queries: Float64Array.of(1.0000000000000002) }],
    ['ragged queries', orthonormal(2), both, { rho: 1, eps: 0.1, queries: Float64Array.of(0.1, 0.1, 0.1) }],
    ['scope queries without queries', two, both, { rho: 1, eps: 0.1, scope: 'queries' as const }],
    ['index out of range', two, { indices: Uint32Array.of(2), weights: Float64Array.of(1) }, { rho: 1, eps: 0.1 }],
    ['negative weight', two, { indices: Uint32Array.of(0), weights: Float64Array.of(-1) }, { rho: 1, eps: 0.1 }],
    ['NaN key', { ...two, K: Float64Array.of(NaN, 1) }, both, { rho: 1, eps: 0.1 }],
  ])('rejects %s with an InputError', (_, inst, c, opts) => {
    expect(() => verify(inst as Instance, c as Coreset, opts)).toThrow(InputError);
  });
});

describe('inBallExact', () => {
  it('decides ‖q‖ ≤ ρ without rounding', () => {
    expect(inBallExact(Float64Array.of(3, 4), 5)).toBe(true);
    expect(inBallExact(Float64Array.of(3, 4 + 2 ** -50), 5)).toBe(false);
    expect(inBallExact(Float64Array.of(5, 1e-300), 5)).toBe(false);
    expect(inBallExact(Float64Array.of(5, 0), 5)).toBe(true);
  });
  it('agrees with an exact decimal computation on vectors near the sphere', () => {
    const r = createRng(9);
    for (let t = 0; t < 300; t++) {
      const d = 1 + r.int(6);
      const q = Float64Array.from({ length: d }, () => r.gaussian());
      const rho = Math.hypot(...q) * (1 + (r.int(5) - 2) * 2 ** -52);
      expect(inBallExact(q, rho)).toBe(normAtMost(q, rho));
    }
  });
});

describe('evalBatch', () => {
  it('returns err² and 2(J_1 − J_w)ᵀ(A_1 − A_w), computed here from attention and attentionJacobian', () => {
    const inst = randomInstance(30, 4, 3, 2);
    const c = normalizeCoreset({ indices: Uint32Array.of(2, 7, 11), weights: Float64Array.of(0.5, 2, 1) }, inst.n);
    const pair = makePair(inst, c, 1.5);
    const B = 3;
    const Q = randomInstance(B, 4, 1, 3).K.map((x) => 1.7 * x);
    const F = new Float64Array(B);
    const G = new Float64Array(B * 4);
    evalBatch(pair, Q, B, F, G);
    for (let b = 0; b < B; b++) {
      const q = Q.subarray(b * 4, (b + 1) * 4);
      const o = { scale: 1.5 };
      const a1 = attention(inst, q, null, o);
      const aw = attention(inst, q, c, o);
      const J1 = attentionJacobian(inst, q, null, o);
      const Jw = attentionJacobian(inst, q, c, o);
      const p1 = evaluationProfile(inst, q, null, o);
      const pw = evaluationProfile(inst, q, c, o);
      const eA = attentionErrorBound(p1) + attentionErrorBound(pw);
      const eJ = jacobianErrorBound(p1, 1.5) + jacobianErrorBound(pw, 1.5);
      let f = 0;
      for (let k = 0; k < 3; k++) f += (a1[k] - aw[k]) ** 2;
      // Both sides carry the lem:float-error bounds: |Δ(‖r‖²)| ≤ 2·(2‖r‖eA + eA²), doubled for two evaluations.
      const r = Math.sqrt(f);
      expect(Math.abs(F[b] - f)).toBeLessThanOrEqual(2 * (2 * r * eA + eA * eA) + 1e-300);
      for (let a = 0; a < 4; a++) {
        let g = 0;
        let dJ = 0;
        for (let k = 0; k < 3; k++) {
          g += 2 * (J1[k * 4 + a] - Jw[k * 4 + a]) * (a1[k] - aw[k]);
          dJ += Math.abs(J1[k * 4 + a] - Jw[k * 4 + a]);
        }
        // |Δ(2 Dᵀr)| ≤ 2(‖D‖eA + eJ‖r‖ + eJ·eA), doubled for two evaluations.
        expect(Math.abs(G[b * 4 + a] - g)).toBeLessThanOrEqual(2 * 2 * (dJ * eA + eJ * r + eJ * eA) * 1.01);
      }
    }
  });
});

describe('rkhsCertificate', () => {
  it('is ≥ the orthonormal floor p when key i is omitted', () => {
    const inst = orthonormal(4);
    const c = normalizeCoreset({ indices: Uint32Array.of(0, 1, 2), weights: Float64Array.of(1, 1, 1) }, 4);
    const rho = 1.2;
    const p = Math.exp(rho) / (Math.exp(rho) + 3);
    expect(rkhsCertificate(inst, c, rho).upper).toBeGreaterThanOrEqual(p);
  });
  it('is tiny for the full set (ĉ = 0 up to rounding)', () => {
    const inst = randomInstance(20, 3, 2, 4);
    const c = normalizeCoreset({ indices: Uint32Array.from({ length: 20 }, (_, i) => i), weights: new Float64Array(20).fill(7) }, 20);
    expect(rkhsCertificate(inst, c, 2).upper).toBeLessThan(1e-5);
  });
});

describe('branchAndBound', () => {
  /** Dense grid over the ball of radius ρ in R^r (spacing h), with the naive error. */
  function gridMax(inst: Instance, c: Coreset, rho: number, h: number): number {
    const r = inst.d;
    const steps = Math.floor(rho / h);
    let best = 0;
    const y = new Float64Array(r);
    const rec = (t: number): void => {
      if (t === r) {
        if (Math.hypot(...y) <= rho) best = Math.max(best, naiveError(inst, y, c));
        return;
      }
      for (let k = -steps; k <= steps; k++) {
        y[t] = k * h;
        rec(t + 1);
      }
    };
    rec(0);
    // The sphere itself, where err often peaks: a fine angular sweep (2-D) or Fibonacci sphere (3-D).
    const m = r === 2 ? 20_000 : 40_000;
    for (let j = 0; j < m; j++) {
      if (r === 2) {
        const t = (2 * Math.PI * j) / m;
        best = Math.max(best, naiveError(inst, [rho * Math.cos(t), rho * Math.sin(t)], c));
      } else {
        const z = 1 - (2 * (j + 0.5)) / m;
        const s = Math.sqrt(1 - z * z);
        const t = j * Math.PI * (3 - Math.sqrt(5));
        best = Math.max(best, naiveError(inst, [rho * s * Math.cos(t), rho * s * Math.sin(t), rho * z], c));
      }
    }
    return best;
  }

  it.each([
    [2, 1.5, 0.01],
    [2, 3, 0.01],
    [3, 1.5, 0.04],
  ])('matches a dense grid search in %i-D at ρ = %f', (r, rho, h) => {
    const inst = randomInstance(12, r, 2, 10 + r);
    const c = normalizeCoreset({ indices: Uint32Array.of(0, 3, 6, 9), weights: Float64Array.of(1, 2, 1, 0.5) }, 12);
    const tolerance = 1e-3;
    const bb = branchAndBound(inst, c, rho, { tolerance, maxNodes: 500_000 });
    const grid = gridMax(inst, c, rho, h);
    expect(bb.complete).toBe(true);
    expect(bb.upper - bb.lower).toBeLessThanOrEqual(tolerance);
    // The grid is a lower estimate: never above the certified upper bound
    // (up to its own rounding, far below 1e-12 at these sizes).
    expect(grid).toBeLessThanOrEqual(bb.upper + 1e-12);
    // And within the grid's Lipschitz gap of the sup: err is 2R_kR_v ≤ 4
    // Lipschitz (unit keys and values), every ball point is within h·√r/2 of
    // a grid point.
    expect(bb.lower - grid).toBeLessThanOrEqual(4 * h * Math.sqrt(r) / 2);
  });
});

describe('createRng', () => {
  it('is deterministic and uniform on [0, 1)', () => {
    const a = createRng(42);
    const b = createRng(42);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    // Mean of 10⁴ uniforms: standard deviation 0.0029; 6σ.
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.018);
    expect(createRng(43).next()).not.toBe(createRng(42).next());
  });
});
