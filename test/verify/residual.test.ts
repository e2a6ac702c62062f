import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveError, searchSup } from '../../properties/internal/independent-search.js';
import { residualBranchAndBoundBoundsReferenceError } from '../../properties/verify/index.js';
import * as Ref from '../../src/reference/index.js';
import type { Instance } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { branchAndBound } from '../../src/verify/branch-and-bound.js';
import { cellDefect } from '../../src/verify/cell-defect.js';
import { createRng } from '../../src/verify/rng.js';
import { keySpan, leadingSpan, MAX_SPAN_RANK, type KeySpan } from '../../src/verify/span.js';
import { verify } from '../../src/verify/verify.js';
import { intoBall } from '../../src/verify/witness.js';
import { runs } from '../helpers/seed.js';

/** n keys in a random r-dimensional subspace of R^d plus `noise` times a Gaussian, Gaussian values. */
function nearLowRank(n: number, d: number, r: number, noise: number, seed: number): Instance {
  const rng = createRng(seed);
  const basis = Array.from({ length: r * d }, () => rng.gaussian() / Math.sqrt(d));
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const y = Array.from({ length: r }, () => rng.gaussian());
    for (let a = 0; a < d; a++) {
      for (let t = 0; t < r; t++) K[i * d + a] += y[t] * basis[t * d + a];
      K[i * d + a] += noise * rng.gaussian();
    }
    V[2 * i] = rng.gaussian();
    V[2 * i + 1] = rng.gaussian();
  }
  return { n, d, dv: 2, K, V };
}

/** Total variation of p and its tilt p′ ∝ p·e^Δ. */
function tiltTv(p: readonly number[], delta: readonly number[]): number {
  const t = p.map((x, i) => x * Math.exp(delta[i]));
  const z = t.reduce((s, x) => s + x, 0);
  return t.reduce((s, x, i) => s + Math.abs(x / z - p[i]), 0) / 2;
}

describe('lem:residual-reduction, part 2 (tilted softmax)', () => {
  it('never exceeds tanh(M/2), and the two-point tilt at π = 1/(e^M + 1) attains it', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 2000; trial++) {
      const m = 2 + rng.int(6);
      const M = 3 * rng.next();
      const p = Array.from({ length: m }, () => rng.next() ** 3 + 1e-9);
      const s = p.reduce((a, b) => a + b, 0);
      const delta = Array.from({ length: m }, () => (rng.next() < 0.5 ? -M : M) * (rng.next() < 0.8 ? 1 : rng.next()));
      expect(tiltTv(p.map((x) => x / s), delta)).toBeLessThanOrEqual(Math.tanh(M / 2) * (1 + 1e-12) + 1e-15);
    }
    for (const M of [0.01, 0.3, 2]) {
      const pi = 1 / (Math.exp(M) + 1);
      expect(tiltTv([1 - pi, pi], [-M, M])).toBeCloseTo(Math.tanh(M / 2), 12);
    }
  });

  it('cellDefect is 4R_v·tanh(M/2) of the stated M, rounded up, and 0 for an exact span', () => {
    const base: KeySpan = { rank: 2, keys: new Float64Array(0), basis: new Float64Array(0), logitDefect: 0, radiusDefect: 0, residual: 0, inSpanResidual: 0, gramDefect: 0 };
    expect(cellDefect(base, 2, 1, 1, 0, 2)).toBe(0);
    const span = { ...base, residual: 0.05, inSpanResidual: 1e-3, gramDefect: 0.01 };
    for (const [lo, hi] of [[0, 0.5], [1, 1.5], [1.9, 2.0]]) {
      const M = 0.7 * (Math.sqrt(Math.max(0, 4 - (lo * lo) / 1.01)) * 0.05 + (hi * 1e-3) / 0.99);
      const got = cellDefect(span, 2, 0.7, 1.5, lo, hi);
      expect(got).toBeGreaterThanOrEqual(4 * 1.5 * Math.tanh(M / 2));
      expect(got).toBeLessThanOrEqual(4 * 1.5 * Math.tanh(M / 2) * (1 + 1e-12));
    }
    // Towards the sphere the orthogonal part of q vanishes, and so does the ē term.
    expect(cellDefect(span, 2, 1, 1, 2.02, 2.02)).toBeLessThan(cellDefect(span, 2, 1, 1, 0, 2.02) / 20);
  });
});

describe('spans up to rank 4', () => {
  it('reduces keys in a 4-dimensional subspace of R^7, reports 5 for more', () => {
    const s4 = keySpan(nearLowRank(30, 7, 4, 0, 1));
    expect(s4.rank).toBe(4);
    expect(s4.residual).toBeLessThan(1e-12);
    expect(keySpan(nearLowRank(30, 7, 5, 0, 1)).rank).toBe(MAX_SPAN_RANK + 1);
    // A leading span of noisy keys: the residual is the noise's size.
    const lead = leadingSpan(nearLowRank(30, 7, 4, 1e-3, 1), 4);
    expect(lead.residual).toBeGreaterThan(1e-4);
    expect(lead.residual).toBeLessThan(1e-2);
  });

  it('branch-and-bound in 4-D is never below an independent search and reaches its value', () => {
    const inst = nearLowRank(8, 4, 4, 0, 5);
    const c = normalizeCoreset({ indices: Uint32Array.of(0, 3, 6), weights: Float64Array.of(1, 2, 1.5) }, 8);
    const rho = 0.8;
    const bb = branchAndBound(inst, c, rho, { tolerance: 0.01, maxNodes: 400_000 });
    expect(bb.complete).toBe(true);
    const rng = createRng(9);
    const starts = Array.from({ length: 48 }, () => {
      const x = Float64Array.from({ length: 4 }, () => rng.gaussian());
      const r = Math.hypot(...x);
      return x.map((t) => (t * rho * (rng.next() < 0.7 ? 1 : rng.next())) / r);
    });
    const found = searchSup(inst, c, rho, starts);
    const e = Ref.coresetError(inst, intoBall(found, rho), c, { digits: 30 }).toNumber();
    expect(e).toBeLessThanOrEqual(bb.upper);
    expect(bb.upper - naiveError(inst, found, c)).toBeLessThanOrEqual(0.01 + 1e-9);
  });
});

describe('verify with keys near a 4-dimensional span', () => {
  it('runs the residual branch-and-bound; its upper is above an independent search', () => {
    const inst = nearLowRank(12, 8, 4, 1e-3, 7);
    const coreset = { indices: Uint32Array.of(0, 2, 5, 7, 9), weights: Float64Array.of(2, 3, 2, 3, 2) };
    const rho = 0.3;
    const r = verify(inst, coreset, { rho, eps: 1e9, residual: 'always', bnbNodes: 3000 });
    expect(r.methods.some((m) => m.startsWith('residual branch-and-bound: span 4'))).toBe(true);
    const c = normalizeCoreset(coreset, inst.n);
    const rng = createRng(2);
    const starts = Array.from({ length: 24 }, () => {
      const x = Float64Array.from({ length: 8 }, () => rng.gaussian());
      const n = Math.hypot(...x);
      return x.map((t) => (t * rho) / n);
    });
    const e = naiveError(inst, searchSup(inst, c, rho, starts), c);
    expect(e).toBeLessThanOrEqual(r.upper);
    // ε between lower and the other bounds: 'auto' runs it too.
    const auto = verify(inst, coreset, { rho, eps: 1.02 * r.lower, bnbNodes: 3000 });
    expect(auto.methods.some((m) => m.startsWith('residual branch-and-bound: span 4'))).toBe(true);
    expect(auto.upper).toBeGreaterThanOrEqual(e);
  });
});

describe('residual branch-and-bound (property)', () => {
  it('is ≥ the reference error at sphere, interior, witness and independently searched points', () => {
    fc.assert(residualBranchAndBoundBoundsReferenceError(), { numRuns: runs(40) });
  });
});
