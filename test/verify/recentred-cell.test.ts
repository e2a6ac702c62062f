import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recentredCellBoundBoundsReferenceError } from '../../properties/certificates/recentred-cell-bound-bounds-reference-error.js';
import * as Ref from '../../src/reference/index.js';
import type { Instance } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { branchAndBound } from '../../src/verify/branch-and-bound.js';
import { cellMeasure, centreData, recentredCellBound } from '../../src/verify/local-cell.js';
import { monomialTable } from '../../src/verify/monomials.js';
import { createRng } from '../../src/verify/rng.js';
import { spanOf } from '../../src/verify/span.js';
import { runs } from '../helpers/seed.js';

/** n unit keys in R^r (r ≤ 4), unit values in R^dv, and a random m-subset with random weights. */
function unitCase(n: number, r: number, dv: number, m: number, seed: number) {
  const rng = createRng(seed);
  const unit = (k: number): number[] => {
    const x = Array.from({ length: k }, () => rng.gaussian());
    const s = Math.hypot(...x);
    return x.map((t) => t / s);
  };
  const K = new Float64Array(n * r);
  const V = new Float64Array(n * dv);
  for (let i = 0; i < n; i++) {
    K.set(unit(r), i * r);
    V.set(unit(dv), i * dv);
  }
  const idx = new Set<number>();
  while (idx.size < m) idx.add(rng.int(n));
  const indices = Uint32Array.from([...idx].sort((a, b) => a - b));
  const weights = Float64Array.from(indices, () => 0.5 + rng.next());
  return { inst: { n, d: r, dv, K, V } as Instance, coreset: normalizeCoreset({ indices, weights }, n) };
}

describe('monomialTable', () => {
  it('lists each monomial of degree ≤ T once, by degree, with 1/α!', () => {
    const binom = (a: number, b: number): number => (b === 0 ? 1 : (binom(a, b - 1) * (a - b + 1)) / b);
    for (const [r, T] of [[1, 5], [2, 4], [3, 3], [4, 6]]) {
      const t = monomialTable(r, T);
      expect(t.size).toBe(binom(T + r, r));
      for (let d = 0; d <= T; d++) expect(t.start[d + 1] - t.start[d]).toBe(binom(d + r - 1, r - 1));
    }
    // z₀²z₁ in two variables: 1/(2!·1!) = 1/2; built from a monomial of degree 2.
    const t = monomialTable(2, 3);
    const j = [...t.deg.keys()].find((k) => t.deg[k] === 3 && t.variable[k] === 1 && t.deg[t.parent[k]] === 2 && t.variable[t.parent[k]] === 0);
    expect(j).toBeDefined();
    expect(t.invFactorial[j as number]).toBe(0.5);
  });
});

describe('recentredCellBound', () => {
  const { inst, coreset } = unitCase(300, 3, 4, 40, 7);
  const span = spanOf(inst, coreset);
  const mu = cellMeasure(inst.n, span.keys, span.rank, inst.V, inst.dv, coreset, 1);
  const yc = Float64Array.of(0.9, -0.6, 0.4);

  it('tends to the centre error as the cell shrinks, and stays above the reference inside', () => {
    const e0 = Ref.coresetError(inst, yc, coreset, { digits: 30 }).toNumber();
    const b = (h: number): number => recentredCellBound(mu, yc, h, 2, centreData(inst, yc, 1, 1));
    expect(b(1e-6)).toBeGreaterThanOrEqual(e0);
    expect(b(1e-6)).toBeLessThan(e0 * (1 + 1e-4));
    expect(b(0.05)).toBeGreaterThan(b(1e-3));
    const corner = Float64Array.from(yc, (x, l) => x + (l === 1 ? -0.05 : 0.05));
    expect(b(0.05)).toBeGreaterThanOrEqual(Ref.coresetError(inst, corner, coreset, { digits: 30 }).toNumber());
  });

  it('is rounding-sized for the full set with equal weights (the measure vanishes)', () => {
    const all = normalizeCoreset({ indices: Uint32Array.from({ length: inst.n }, (_, i) => i), weights: new Float64Array(inst.n).fill(3) }, inst.n);
    const m0 = cellMeasure(inst.n, span.keys, span.rank, inst.V, inst.dv, all, 1);
    expect(recentredCellBound(m0, yc, 0.1, 2, centreData(inst, yc, 1, 1))).toBeLessThan(1e-10);
  });

  it('gives up (Infinity) on a cell too coarse for its largest order', () => {
    expect(recentredCellBound(mu, yc, 3, 2, centreData(inst, yc, 1, 1))).toBe(Infinity);
  });
});

describe('branchAndBound with recentred cells', () => {
  it('reaches a tighter upper bound than without them for the same node budget (rank 4)', () => {
    const { inst, coreset } = unitCase(400, 4, 3, 48, 11);
    const opts = { tolerance: 0, maxNodes: 1500 };
    const on = branchAndBound(inst, coreset, 1.5, opts);
    const off = branchAndBound(inst, coreset, 1.5, { ...opts, recentred: false });
    expect(on.recentred.tighter).toBeGreaterThan(0);
    expect(off.recentred.evaluated).toBe(0);
    expect(on.upper).toBeGreaterThanOrEqual(on.lower);
    expect(on.upper).toBeLessThan(off.upper / 2);
  });
});

describe('recentredCellBound (property)', () => {
  it('never below the reference error in its cell; branch-and-bound never below an independent search', () => {
    fc.assert(recentredCellBoundBoundsReferenceError(), { numRuns: runs(60) });
  });
});
