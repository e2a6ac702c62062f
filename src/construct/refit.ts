/**
 * Non-negative weight refit: the weights on a kept set S that minimise the
 * RKHS discrepancy of `lem:rkhs-certificate` against the full uniform measure.
 * @module
 */
import type { Instance } from '../types.js';
import { kernelCrossSums, kernelGram, type KernelParams } from './kernel.js';

/** Options of {@link refitWeights}. */
export interface RefitOptions {
  /** One kernel, or several whose quadratic forms are summed (a multi-scale fit). */
  readonly kernels: readonly KernelParams[];
  /** Coordinate-descent sweeps. @defaultValue 300 */
  readonly sweeps?: number;
  /** Starting normalised weights (sum 1), e.g. the halving weights. @defaultValue 1/|S| each */
  readonly start?: Float64Array;
  /** Rows whose uniform measure is matched. @defaultValue all rows 0..n−1 */
  readonly target?: Uint32Array;
}

/** Result of {@link refitWeights}. */
export interface RefitResult {
  /** Normalised weights ŵ ≥ 0 on S (the measure that approximates (1/|T|)Σ δ_{x_i}). */
  readonly weights: Float64Array;
  /** D(ŵ)² − ‖μ‖² = ŵᵀGŵ − 2bᵀŵ at the start and at the end (never larger at the end). */
  readonly startObjective: number;
  readonly objective: number;
}

/**
 * Computes non-negative weights ŵ on S minimising the squared RKHS
 * discrepancy D(ŵ)² = ‖(1/|T|)Σ_{i∈T} Φ(x_i) − Σ_{j∈S} ŵ_j Φ(x_j)‖² summed over
 * the given kernels, i.e. the quadratic form ĉᵀ(G_s∘UUᵀ)ĉ inside
 * `lem:rkhs-certificate`.
 *
 * Method: with G the Gram matrix on S and b_j = (1/|T|)Σ_i κ(x_j, x_i),
 * D² = ‖μ‖² + ŵᵀGŵ − 2bᵀŵ; cyclic coordinate descent with exact
 * one-dimensional minimisation clipped at 0, each step a monotone decrease
 * (`lem:refit-monotone`). The start point is kept when nothing improves it.
 *
 * Cost: O(|S|·|T|·(d+dv)) for b, O(|S|²(d+dv)) for G, O(|S|²) per sweep.
 * @lemma lem:refit-monotone
 * @lemma lem:rkhs-certificate
 */
export function refitWeights(inst: Instance, S: Uint32Array, options: RefitOptions): RefitResult {
  const m = S.length;
  const T = options.target ?? Uint32Array.from({ length: inst.n }, (_, i) => i);
  const c = new Float64Array(T.length).fill(1 / T.length);
  const G = new Float64Array(m * m);
  const b = new Float64Array(m);
  for (const p of options.kernels) {
    const g = kernelGram(inst, S, p);
    const bb = kernelCrossSums(inst, S, T, c, p);
    for (let t = 0; t < m * m; t++) G[t] += g[t];
    for (let t = 0; t < m; t++) b[t] += bb[t];
  }
  const w = options.start ? Float64Array.from(options.start) : new Float64Array(m).fill(1 / m);
  return { ...solveNonNegativeQuadratic(G, b, w, options.sweeps ?? 300) };
}

/**
 * The residual gradient Gw − b of f(w) = wᵀGw − 2bᵀw (kept in step by the
 * solvers as w changes) and f itself, read off it as wᵀ(Gw − b) − bᵀw.
 */
function quadraticState(G: Float64Array, b: Float64Array, w: Float64Array): { m: number; grad: Float64Array; objective: () => number } {
  const m = b.length;
  const grad = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    let s = -b[a];
    for (let k = 0; k < m; k++) s += G[a * m + k] * w[k];
    grad[a] = s;
  }
  const objective = (): number => {
    let f = 0;
    for (let a = 0; a < m; a++) f += w[a] * (grad[a] - b[a]);
    return f;
  };
  return { m, grad, objective };
}

/**
 * Minimises f(w) = wᵀGw − 2bᵀw over w ≥ 0 by cyclic coordinate descent from
 * `w` (overwritten), G symmetric positive semidefinite with positive diagonal.
 * Every coordinate step sets w_j to the exact minimiser of f along e_j within
 * w_j ≥ 0, so f never increases (`lem:refit-monotone`).
 * @lemma lem:refit-monotone
 */
export function solveNonNegativeQuadratic(G: Float64Array, b: Float64Array, w: Float64Array, sweeps: number): RefitResult {
  const { m, grad, objective } = quadraticState(G, b, w);
  const startObjective = objective();
  const rowOf = Int32Array.from({ length: m }, (_, j) => j * m);
  coordinateDescent(G, rowOf, m, w, grad, sweeps);
  return { weights: w, startObjective, objective: objective() };
}

/**
 * The sweeps of {@link solveNonNegativeQuadratic} on the first k
 * coordinates, with row j of G read at G[rowOf[j] .. rowOf[j] + k) (so G
 * can be rows of a larger matrix, as the greedy selection's pool × selection
 * kernel matrix is) and the gradient Gw − b kept in `grad` (in: consistent
 * with w; out: consistent with the new w). Each coordinate step is the exact
 * minimiser along e_j within w_j ≥ 0, so f never increases
 * (`lem:refit-monotone`).
 * @lemma lem:refit-monotone
 */
export function coordinateDescent(G: Float64Array, rowOf: Int32Array, k: number, w: Float64Array, grad: Float64Array, sweeps: number): void {
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let moved = 0;
    for (let j = 0; j < k; j++) {
      const row = rowOf[j];
      const gjj = G[row + j];
      if (!(gjj > 0)) continue;
      const nw = Math.max(0, w[j] - grad[j] / gjj);
      const delta = nw - w[j];
      if (delta === 0) continue;
      w[j] = nw;
      moved = Math.max(moved, Math.abs(delta));
      for (let l = 0; l < k; l++) grad[l] += delta * G[row + l];
    }
    if (moved < 1e-15) break;
  }
}

/**
 * Minimises f(w) = wᵀGw − 2bᵀw over the simplex {w ≥ 0, Σ w = 1} from a
 * feasible `w` (overwritten), by pairwise steps between the most violating
 * pair (the largest gradient among positive weights, the smallest overall):
 * each step moves mass t from one to the other with t the exact minimiser of
 * f along that edge, clipped to stay feasible, so f never increases
 * (`lem:refit-monotone`). On the simplex f + ‖μ‖² is exactly the squared
 * numerator ĉᵀ(G_s∘UUᵀ)ĉ of `lem:rkhs-certificate`, ĉ = μ-weights − ŵ.
 * @lemma lem:refit-monotone
 * @lemma lem:rkhs-certificate
 */
export function solveSimplexQuadratic(G: Float64Array, b: Float64Array, w: Float64Array, steps: number): RefitResult {
  const { m, grad, objective } = quadraticState(G, b, w); // grad = Gw − b, half the gradient of f
  const startObjective = objective();
  for (let step = 0; step < steps; step++) {
    let up = -1;
    let down = -1;
    for (let a = 0; a < m; a++) {
      if (up < 0 || grad[a] < grad[up]) up = a;
      if (w[a] > 0 && (down < 0 || grad[a] > grad[down])) down = a;
    }
    if (up < 0 || down < 0 || up === down) break;
    const slope = grad[down] - grad[up];
    if (!(slope > 1e-15 * (Math.abs(grad[down]) + Math.abs(grad[up])))) break;
    const curv = G[up * m + up] + G[down * m + down] - 2 * G[up * m + down];
    const t = Math.min(w[down], curv > 0 ? slope / curv : w[down]);
    if (!(t > 0)) break;
    w[up] += t;
    w[down] -= t;
    if (w[down] < 0) w[down] = 0;
    const ru = up * m;
    const rd = down * m;
    for (let k = 0; k < m; k++) grad[k] += t * (G[ru + k] - G[rd + k]);
  }
  return { weights: w, startObjective, objective: objective() };
}
