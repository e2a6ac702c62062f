/**
 * The least-squares system of query-aware building (`lem:query-fit-residual`):
 * for each fit query q_r, the full set's softmax p_r and attention A_r, and
 * the Gram matrix and right-hand side of
 *   Σ_r ‖Σ_i w_i p_ri (v_i − A_r)‖²/R_v² + λ² (Σ_i w_i p_ri − 1)²,
 * whose terms are the residuals that bound err_w(q_r).
 * @module
 */
import { attention } from '../fast/attention.js';
import { logits } from '../fast/logits.js';
import type { Instance } from '../types.js';

/** A weighted set of queries the fit is over. */
export interface FitQueries {
  /** Row-major queries, rows × d. */
  readonly Q: Float64Array;
  /** Weight of each row's terms (the ball regularizer's rows carry μ/rows). */
  readonly weights: Float64Array;
}

/** Normal equations f(w) = wᵀGw − 2bᵀw (+ const) of the fit. */
export interface QueryFitSystem {
  readonly G: Float64Array;
  readonly b: Float64Array;
}

/**
 * Computes G and b of the query fit: G_ij = Σ_r ω_r p_ri p_rj
 * (⟨v_i − A_r, v_j − A_r⟩/R_v² + λ²), b_i = Σ_r ω_r λ² p_ri, where
 * p_r = softmax(s·K q_r) of the full set and A_r = A_1(q_r). w = 1 (the
 * full set) zeroes every residual (`lem:query-fit-residual`).
 *
 * Cost: O(rows·n·(d + dv) + rows·n²).
 * @lemma lem:query-fit-residual
 */
export function queryFitSystem(inst: Instance, fit: FitQueries, scale: number, lambda: number, rv: number): QueryFitSystem {
  const { n, d, dv, V } = inst;
  const rows = fit.Q.length / d;
  const G = new Float64Array(n * n);
  const b = new Float64Array(n);
  const VV = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let c = 0; c < dv; c++) s += V[i * dv + c] * V[j * dv + c];
      VV[i * n + j] = s;
      VV[j * n + i] = s;
    }
  }
  const inv = 1 / (rv * rv);
  const l2 = lambda * lambda;
  const p = new Float64Array(n);
  const a = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const q = fit.Q.subarray(r * d, (r + 1) * d);
    const lg = logits(inst, q, { scale });
    let m = -Infinity;
    for (let i = 0; i < n; i++) m = Math.max(m, lg[i]);
    let z = 0;
    for (let i = 0; i < n; i++) z += (p[i] = Math.exp(lg[i] - m));
    for (let i = 0; i < n; i++) p[i] /= z;
    const A = attention(inst, q, null, { scale });
    let aa = 0;
    for (let c = 0; c < dv; c++) aa += A[c] * A[c];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < dv; c++) s += V[i * dv + c] * A[c];
      a[i] = s;
    }
    const om = fit.weights[r];
    for (let i = 0; i < n; i++) {
      const pi = om * p[i];
      if (pi === 0) continue;
      b[i] += l2 * pi;
      const row = i * n;
      for (let j = 0; j < n; j++) G[row + j] += pi * p[j] * ((VV[row + j] - a[i] - a[j] + aa) * inv + l2);
    }
  }
  return { G, b };
}

/**
 * Restricts f(w) = wᵀGw − 2bᵀw (n × n) to the coordinates `rows`: the
 * |rows| × |rows| block of G and the matching entries of b.
 * @lemma lem:query-fit-residual
 */
export function restrictSystem(G: Float64Array, b: Float64Array, n: number, rows: ArrayLike<number>): QueryFitSystem {
  const k = rows.length;
  const Gs = new Float64Array(k * k);
  const bs = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    bs[a] = b[rows[a]];
    for (let c = 0; c < k; c++) Gs[a * k + c] = G[rows[a] * n + rows[c]];
  }
  return { G: Gs, b: bs };
}

/**
 * Computes R_v = max_i ‖v_i‖, or 1 when every value is zero (the fit's value scale).
 * @lemma lem:query-fit-residual
 */
export function valueScale(inst: Instance): number {
  let rv = 0;
  for (let i = 0; i < inst.n; i++) {
    let s = 0;
    for (let c = 0; c < inst.dv; c++) s += inst.V[i * inst.dv + c] ** 2;
    rv = Math.max(rv, Math.sqrt(s));
  }
  return rv > 0 ? rv : 1;
}
