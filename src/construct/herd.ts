/**
 * Greedy selection with a fully corrective non-negative refit (kernel herding
 * with re-optimised weights): picks, from a candidate pool, the row where the
 * residual witness μ − Σ_j ŵ_j κ(·, x_j) is largest, then refits all weights.
 * @module
 */
import type { Instance } from '../types.js';
import { kernelRowSum, type KernelParams } from './kernel.js';
import { kernelMean, stepRunner } from './parallel.js';
import { sharedFloat64 } from '../helper-thread.js';
import { coordinateDescent, solveNonNegativeQuadratic, solveSimplexQuadratic } from './refit.js';

/** A weighted target measure Σ_t c_t δ_{x_t} (Σ c_t = 1). */
export interface TargetMeasure {
  readonly rows: Uint32Array;
  readonly weights: Float64Array;
}

/** Result of {@link herd}. */
export interface HerdResult {
  /** Selected rows in selection order (every prefix is itself a greedy coreset). */
  readonly rows: Uint32Array;
  /** Normalised weights of the full selection (the final refit). */
  readonly weights: Float64Array;
  /** ŵᵀGŵ − 2bᵀŵ of the final weights: D² − ‖μ‖². */
  readonly objective: number;
  /** The refit Gram matrix and mean embedding at the selection (for prefix refits). */
  readonly gram: Float64Array;
  readonly mean: Float64Array;
  /** With `snapshots`: the weights after step k (length k), k = 1..size. */
  readonly snapshots: readonly Float64Array[];
}

/** Options of {@link herd}. */
export interface HerdOptions {
  /** Coordinate-descent sweeps per greedy step. @defaultValue 20 */
  readonly sweeps?: number;
  /** Final refit on the simplex instead of the cone. @defaultValue false */
  readonly simplex?: boolean;
  /**
   * Selection rule: 'witness' takes the largest residual witness r(x)
   * (kernel herding); 'omp' the largest r(x)²/dist(Φ(x), span)² among r > 0
   * (orthogonal matching pursuit, which avoids near-duplicates).
   * @defaultValue 'witness'
   */
  readonly criterion?: 'witness' | 'omp';
  /** Keep the weights after every step. @defaultValue false */
  readonly snapshots?: boolean;
  /**
   * Swap passes after the greedy steps: each pass visits every selected row j
   * and replaces it by the unselected pool row a that most lowers
   * D² (drop j, add a at its best weight), refitting after each swap (a
   * KT-SWAP-like pass; D² never increases). Ignored with `snapshots`, whose
   * prefixes must stay the greedy ones.
   * @defaultValue 0
   */
  readonly swaps?: number;
}

/**
 * Computes a greedy weighted coreset of `size` rows of `pool` for the target
 * measure: each step adds the pool row maximising the residual witness
 * r(x) = Σ_t c_t κ(x, x_t) − Σ_j ŵ_j κ(x, x_j), then refits ŵ ≥ 0 to minimise
 * the RKHS discrepancy D(ŵ) (`lem:rkhs-certificate`) by coordinate descent
 * warm-started from the previous weights (`lem:refit-monotone`); then
 * `swaps` passes replace selected rows by pool rows where that lowers D.
 *
 * Cost: O(|pool|·|T|) kernel evaluations for the mean embedding, O(|pool|·size)
 * for the cross kernel, O(|pool|·size²) arithmetic (each swap pass adds
 * O(size·(|pool|·size + sweeps·size²))); memory O(|pool|·size).
 * @lemma lem:rkhs-certificate
 * @lemma lem:refit-monotone
 */
export function herd(inst: Instance, pool: Uint32Array, target: TargetMeasure, size: number, kernel: KernelParams, options: HerdOptions = {}): HerdResult {
  const sweeps = options.sweeps ?? 20;
  const simplex = options.simplex ?? false;
  const snaps: Float64Array[] = [];
  const p = pool.length;
  const m = Math.min(size, p);
  // Contiguous copies of the pool and target rows: the kernel loops then
  // stream through memory instead of gathering rows at random.
  // Target rows that are also pool rows (all of the pool, in the default
  // pipeline) form a symmetric block: each of those pairs is evaluated once.
  const slot = new Map<number, number>();
  for (let t = 0; t < target.rows.length; t++) slot.set(target.rows[t], t);
  const poolWeight = new Float64Array(p);
  const shared = new Uint8Array(target.rows.length);
  for (let a = 0; a < p; a++) {
    const t = slot.get(pool[a]);
    if (t !== undefined && !shared[t]) {
      poolWeight[a] = target.weights[t];
      shared[t] = 1;
    }
  }
  const rest = target.rows.filter((_, t) => !shared[t]);
  const restWeights = target.weights.filter((_, t) => !shared[t]);
  const local = gatherRows(inst, pool, rest);
  const poolLocal = Uint32Array.from({ length: p }, (_, a) => a);
  const mu = sharedFloat64(p);
  kernelMean(local, p, rest.length, restWeights, poolWeight, kernel, mu);
  const KP = sharedFloat64(p * m);
  const sel = new Int32Array(m);
  const chosen = new Uint8Array(p);
  const r = sharedFloat64(p);
  r.set(mu);
  const wShared = sharedFloat64(m);
  const steps = stepRunner(local, p, kernel, KP, m, mu, r, wShared);
  let w: Float64Array = new Float64Array(0);
  const wCur = new Float64Array(m);
  const grad = new Float64Array(m);
  const rowOf = new Int32Array(m);
  const omp = options.criterion === 'omp';
  // Pivoted-Cholesky state for 'omp': U holds the coordinates of every pool
  // row in an orthonormal basis of span{Φ(x_j) : j selected}, resid the
  // squared distance of Φ(x) from that span.
  const U = omp ? new Float64Array(p * m) : new Float64Array(0);
  const resid = new Float64Array(p);
  if (omp) for (let a = 0; a < p; a++) resid[a] = kernelRowSum(local, a, poolLocal.subarray(a, a + 1), 1, null, kernel);
  try {
    for (let step = 0; step < m; step++) {
      let best = -1;
      let bv = -Infinity;
      for (let a = 0; a < p; a++) {
        if (chosen[a]) continue;
        const score = omp ? (r[a] > 0 ? (r[a] * r[a]) / Math.max(resid[a], 1e-12) : -1 / (1 + r[a] * r[a])) : r[a];
        if (score > bv) {
          bv = score;
          best = a;
        }
      }
      chosen[best] = 1;
      sel[step] = best;
      steps.column(best, step);
      if (omp) {
        const piv = Math.sqrt(Math.max(resid[best], 1e-300));
        for (let a = 0; a < p; a++) {
          let v = KP[a * m + step];
          for (let l = 0; l < step; l++) v -= U[a * m + l] * U[best * m + l];
          v /= piv;
          U[a * m + step] = v;
          resid[a] = Math.max(0, resid[a] - v * v);
        }
      }
      // Refit (warm start, new weight 0): G's rows are the selected rows of
      // KP, and the gradient Gw − b is carried over from the last refit.
      const k = step + 1;
      const row = best * m;
      rowOf[step] = row;
      let g = -mu[best];
      let anyWeight = false;
      for (let l = 0; l < step; l++) {
        g += KP[row + l] * wCur[l];
        anyWeight ||= wCur[l] !== 0;
      }
      grad[step] = g;
      if (!anyWeight) {
        const t = Math.max(0, mu[best] / KP[row + step]);
        wCur[step] = t;
        for (let l = 0; l < k; l++) grad[l] += t * KP[rowOf[l] + step];
      }
      coordinateDescent(KP, rowOf, k, wCur, grad, sweeps);
      if (options.snapshots) snaps.push(wCur.slice(0, k));
      wShared.set(wCur.subarray(0, k));
      steps.residual(k);
    }
    w = wCur.slice(0, m);
    const passes = options.snapshots ? 0 : (options.swaps ?? 0);
    if (passes > 0 && p > m) {
      const diag = new Float64Array(p);
      for (let a = 0; a < p; a++) diag[a] = kernelRowSum(local, a, poolLocal.subarray(a, a + 1), 1, null, kernel);
      for (let pass = 0; pass < passes; pass++) {
        let swapped = 0;
        for (let j = 0; j < m; j++) {
          const ja = sel[j];
          const wj = w[j];
          // Dropping j changes D² by 2w_j r(j) + w_j² κ_jj; adding a at its best
          // weight t = max(0, ⟨e′, Φ_a⟩)/κ_aa lowers it by ⟨e′, Φ_a⟩₊²/κ_aa.
          const drop = 2 * wj * r[ja] + wj * wj * diag[ja];
          let best = -1;
          let gain = 0;
          for (let a = 0; a < p; a++) {
            if (chosen[a]) continue;
            const ip = r[a] + wj * KP[a * m + j];
            if (ip <= 0) continue;
            const g = (ip * ip) / diag[a] - drop;
            if (g > gain) {
              gain = g;
              best = a;
            }
          }
          if (best < 0 || gain <= 1e-12 * Math.abs(drop)) continue;
          chosen[ja] = 0;
          chosen[best] = 1;
          sel[j] = best;
          steps.column(best, j);
          const Gs = gramOf(KP, sel, m, m);
          const bs = Float64Array.from(sel, (a) => mu[a]);
          const ws = Float64Array.from(w);
          ws[j] = Math.max(0, (r[best] + wj * KP[best * m + j]) / diag[best]);
          w = solveNonNegativeQuadratic(Gs, bs, ws, sweeps).weights;
          wShared.set(w);
          steps.residual(m);
          swapped++;
        }
        if (swapped === 0) break;
      }
    }
  } finally {
    steps.close();
  }
  const G = gramOf(KP, sel, m, m);
  const b = Float64Array.from(sel, (a) => mu[a]);
  const fin = simplex ? refitOnSimplex(G, b, w) : solveNonNegativeQuadratic(G, b, w, 400);
  return { rows: Uint32Array.from(sel, (a) => pool[a]), weights: fin.weights, objective: fin.objective, gram: G, mean: b, snapshots: snaps };
}

function gramOf(KP: Float64Array, sel: Int32Array, k: number, m: number): Float64Array {
  const G = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const row = sel[a] * m;
    for (let j = 0; j < k; j++) G[a * k + j] = KP[row + j];
  }
  return G;
}

/** The final refit on the simplex, started from the normalised greedy weights. */
function refitOnSimplex(G: Float64Array, b: Float64Array, w: Float64Array): ReturnType<typeof solveSimplexQuadratic> {
  const total = w.reduce((x, y) => x + y, 0);
  const start = total > 0 ? w.map((x) => x / total) : new Float64Array(w.length).fill(1 / w.length);
  return solveSimplexQuadratic(G, b, start, 50 * w.length);
}

/** A row-major copy of rows `a` then rows `b` of an instance. */
function gatherRows(inst: Instance, a: Uint32Array, b: Uint32Array): Instance {
  const { d, dv } = inst;
  const n = a.length + b.length;
  // On shared memory: the helper thread of parallel.ts reads them.
  const K = sharedFloat64(n * d);
  const V = sharedFloat64(n * dv);
  let r = 0;
  for (const src of [a, b]) {
    for (const i of src) {
      K.set(inst.K.subarray(i * d, (i + 1) * d), r * d);
      V.set(inst.V.subarray(i * dv, (i + 1) * dv), r * dv);
      r++;
    }
  }
  return { n, d, dv, K, V };
}
