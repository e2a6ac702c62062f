/**
 * Property: the refits and the greedy selection never increase the RKHS discrepancy.
 * @module
 */
import fc from 'fast-check';
import { herd } from '../../src/construct/herd.js';
import { kernelEntry, type KernelParams } from '../../src/construct/kernel.js';
import { refitWeights, solveSimplexQuadratic } from '../../src/construct/refit.js';
import { kernelCrossSums, kernelGram } from '../../src/construct/kernel.js';
import { gamma } from '../../src/fast/float-error.js';
import type { Instance } from '../../src/types.js';
import { describeCase, requireAtMost } from '../internal/violation.js';
import { buildInstance, type BuildInstanceConstraints } from './build-instance.js';

/**
 * f(ŵ) = ŵᵀGŵ − 2bᵀŵ recomputed from kernel entries (not from the solver's
 * incremental gradient), with Σ|terms| for the rounding allowance.
 * @lemma lem:refit-monotone
 */
export function directObjective(inst: Instance, S: ArrayLike<number>, w: ArrayLike<number>, p: KernelParams): { f: number; abs: number } {
  let f = 0;
  let abs = 0;
  for (let a = 0; a < S.length; a++) {
    let b = 0;
    for (let i = 0; i < inst.n; i++) b += kernelEntry(inst, S[a], i, p) / inst.n;
    f -= 2 * w[a] * b;
    abs += 2 * Math.abs(w[a] * b);
    for (let c = 0; c < S.length; c++) {
      const t = w[a] * w[c] * kernelEntry(inst, S[a], S[c], p);
      f += t;
      abs += Math.abs(t);
    }
  }
  return { f, abs };
}

/**
 * Generates the property of `lem:refit-monotone`: for a random kept set S
 * and a random feasible start, (1) the cone refit, (2) the simplex refit
 * (start normalised) end with f ≤ f(start), and (3) along the greedy
 * selection (`herd` with snapshots) f after each step ≤ f before it — all f
 * recomputed directly, with allowance γ_{|S|²+n+d+dv+4}·Σ|terms|.
 * @lemma lem:refit-monotone
 */
export function refitNeverIncreasesDiscrepancy(c: BuildInstanceConstraints = {}) {
  return fc.property(
    buildInstance({ minN: 10, maxN: 40, ...c }),
    fc.double({ min: 0.1, max: 4, noNaN: true }),
    fc.double({ min: 0.05, max: 1, noNaN: true }),
    fc.integer({ min: 1, max: 10 }),
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }),
    (inst, s, lambda, k, raw) => {
      const p = { s, lambda };
      const m = Math.min(k, inst.n);
      const S = Uint32Array.from({ length: m }, (_, j) => Math.floor((j * inst.n) / m));
      const start = Float64Array.from({ length: m }, (_, j) => raw[j]);
      if (start.every((x) => x === 0)) start[0] = 1;
      const input = () => describeCase(inst, undefined, undefined, `s=${s} λ=${lambda} S=[${S.join(',')}] start=[${start.join(',')}]`);
      const allow = (a: number): number => gamma(m * m + inst.n + inst.d + inst.dv + 4) * a * 8;
      const f0 = directObjective(inst, S, start, p);
      const cone = refitWeights(inst, S, { kernels: [p], start, sweeps: 50 });
      const f1 = directObjective(inst, S, cone.weights, p);
      requireAtMost('cone refit: f(ŵ) ≤ f(start)', f1.f, f0.f + allow(f0.abs + f1.abs), input);
      const tot = start.reduce((a, b) => a + b, 0);
      const simplexStart = start.map((x) => x / tot);
      const fs0 = directObjective(inst, S, simplexStart, p);
      const G = kernelGram(inst, S, p);
      const b = kernelCrossSums(inst, S, Uint32Array.from({ length: inst.n }, (_, i) => i), new Float64Array(inst.n).fill(1 / inst.n), p);
      const simplex = solveSimplexQuadratic(G, b, Float64Array.from(simplexStart), 200);
      const fs1 = directObjective(inst, S, simplex.weights, p);
      requireAtMost('simplex refit: f(ŵ) ≤ f(start)', fs1.f, fs0.f + allow(fs0.abs + fs1.abs), input);
      const all = Uint32Array.from({ length: inst.n }, (_, i) => i);
      const h = herd(inst, all, { rows: all, weights: new Float64Array(inst.n).fill(1 / inst.n) }, m, p, { snapshots: true });
      let prev = { f: 0, abs: 0 }; // the empty set: f = 0
      for (let t = 0; t < h.snapshots.length; t++) {
        const cur = directObjective(inst, h.rows.subarray(0, t + 1), h.snapshots[t], p);
        requireAtMost(`greedy step ${t + 1}: f ≤ f(previous)`, cur.f, prev.f + allow(prev.abs + cur.abs), input);
        prev = cur;
      }
    },
  );
}
