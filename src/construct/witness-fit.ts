/**
 * The convex sub-problem of the sup-aware refinement: weights that lower a
 * weighted sum of the witnesses' calibrated squared errors, regularised by
 * the kernel discrepancy.
 * @module
 */
import { crossDots } from '../fast/gemm.js';
import { solveNonNegativeQuadratic } from './refit.js';

/** The data of one sub-problem on p rows and J witnesses (all row-major). */
export interface WitnessProblem {
  readonly p: number;
  readonly J: number;
  /** J × p exponentials e^{⟨q_j,k_a⟩ − s_j}. */
  readonly E: Float64Array;
  /** J × p: ⟨v_a, y_j⟩. */
  readonly g: Float64Array;
  /** p × p: ⟨v_a, v_b⟩. */
  readonly VV: Float64Array;
  /** Per witness: ‖y_j‖² and the target's Z_j. */
  readonly yy: Float64Array;
  readonly z: Float64Array;
  /** p × p kernel Gram matrix and p mean embedding of the discrepancy D(μ_T, ·). */
  readonly G: Float64Array;
  readonly b: Float64Array;
}

/**
 * Computes the quadratic wᵀQw − 2ℓᵀw of
 * Σ_j π_j (‖R_j(w)‖² + λ(Z_j(w) − Z_j)²)/Z_j² + μ·(D(μ_T,w)² − ‖μ_T‖²), where
 * R_j(w) = Σ_a w_a e_ja (v_a − y_j) is the numerator N_w − A_T Z_w of the
 * error at q_j: with the mass calibrated (Z_w(q_j) ≈ Z_j) the error there is
 * ‖R_j(w)‖/Z_j, linear in w inside the norm, so the sum is a convex
 * quadratic (a sum of Gram matrices of the features e_ja(v_a − y_j, √λ) plus
 * μ times the kernel Gram matrix; positive semidefinite).
 * @lemma lem:sup-refinement
 */
export function witnessQuadratic(P: WitnessProblem, pi: Float64Array, lambda: number, mu: number): { Q: Float64Array; l: Float64Array } {
  const { p, E, g, VV, yy, z, G, b } = P;
  // Only the witnesses with π_j > 0 contribute; leaving out the others drops
  // exact zeros from every sum below (the same values, fewer products).
  const active: number[] = [];
  for (let j = 0; j < P.J; j++) if (pi[j] > 0) active.push(j);
  const J = active.length;
  // Q_ac = Σ_j r_j e_ja e_jc (⟨v_a, v_c⟩ + c0_j − g_ja − g_jc), r_j = π_j/Z_j²,
  // c0_j = ‖y_j‖² + λ, as two tiled products of transposed, scaled factors
  // (p × J): A = XᵀX with X = √r_j e_ja, and N = SᵀX with
  // S = √r_j e_ja (c0_j/2 − g_ja); then Q = VV∘A + N + Nᵀ + μG.
  const X = new Float64Array(p * J);
  const S = new Float64Array(p * J);
  const l = new Float64Array(p);
  for (let i = 0; i < J; i++) {
    const j = active[i];
    const sr = Math.sqrt(pi[j]) / z[j];
    const half = (yy[j] + lambda) / 2;
    for (let a = 0; a < p; a++) {
      const e = E[j * p + a];
      X[a * J + i] = sr * e;
      S[a * J + i] = sr * e * (half - g[j * p + a]);
      l[a] += (lambda * pi[j] * e) / z[j];
    }
  }
  const A = new Float64Array(p * p);
  const N = new Float64Array(p * p);
  crossDots(X, 0, p, X, 0, p, J, A, 0, p);
  crossDots(S, 0, p, X, 0, p, J, N, 0, p);
  // In place: entry t of A is read only to write entry t of Q.
  const Q = A;
  for (let a = 0; a < p; a++) {
    for (let c = 0; c < p; c++) {
      const t = a * p + c;
      Q[t] = VV[t] * A[t] + N[t] + N[c * p + a] + mu * G[t];
    }
  }
  for (let a = 0; a < p; a++) l[a] += mu * b[a];
  return { Q, l };
}

/**
 * Minimises the quadratic of {@link witnessQuadratic} over w ≥ 0 from
 * `start` by the cone refit's coordinate descent (`lem:refit-monotone`:
 * the value never exceeds the start's).
 * @lemma lem:refit-monotone
 * @lemma lem:sup-refinement
 */
export function solveWitnessQuadratic(P: WitnessProblem, pi: Float64Array, lambda: number, mu: number, start: Float64Array, sweeps: number): Float64Array {
  const { Q, l } = witnessQuadratic(P, pi, lambda, mu);
  return solveNonNegativeQuadratic(Q, l, Float64Array.from(start), sweeps).weights;
}

/**
 * Computes f(w) = wᵀGw − 2bᵀw = D(μ_T, w)² − ‖μ_T‖² (the refit objective of
 * `lem:refit-monotone`) on the problem's rows.
 * @lemma lem:refit-monotone
 */
export function discrepancyObjective(G: Float64Array, b: Float64Array, w: Float64Array): number {
  const p = b.length;
  let f = 0;
  for (let a = 0; a < p; a++) {
    if (w[a] === 0) continue;
    let s = 0;
    for (let c = 0; c < p; c++) s += G[a * p + c] * w[c];
    f += w[a] * (s - 2 * b[a]);
  }
  return f;
}
