/**
 * The greedy selection's per-step row loops as self-contained functions:
 * they refer to nothing outside their parameters, so `parallel.ts` can run
 * their source text in its helper thread on part of the rows while the
 * calling thread runs them on the rest, with the same arithmetic per row.
 * @module
 */
import type { crossDots } from '../fast/gemm.js';

/**
 * Writes KP[a·m + j] = κ_s(x_i, x_a) = e^{s⟨k_i,k_a⟩}(⟨v_i,v_a⟩ + λ) for the
 * rows a0 ≤ a < a1 of K, V (column j of the pool × selection kernel matrix),
 * by 1 × 4 tiles of `cross`; `tk`, `tv` are scratch of length ≥ a1 − a0.
 * Each entry's dot products run over the coordinates in order, whatever
 * the range, so splitting the rows does not change any entry.
 * @lemma lem:rkhs-certificate
 */
export function columnRows(
  cross: typeof crossDots,
  K: Float64Array,
  V: Float64Array,
  d: number,
  dv: number,
  i: number,
  a0: number,
  a1: number,
  s: number,
  lam: number,
  KP: Float64Array,
  m: number,
  j: number,
  tk: Float64Array,
  tv: Float64Array,
): void {
  const nt = a1 - a0;
  cross(K, i * d, 1, K, a0 * d, nt, d, tk, 0, nt);
  cross(V, i * dv, 1, V, a0 * dv, nt, dv, tv, 0, nt);
  for (let t = 0; t < nt; t++) KP[(a0 + t) * m + j] = Math.exp(s * tk[t]) * (tv[t] + lam);
}

/**
 * Writes r[a] = μ[a] − Σ_{j<k} KP[a·m + j]·w[j] for a0 ≤ a < a1: the residual
 * witness of the greedy selection at the pool rows. Two rows at a time (each
 * w[j] load serves both); each row's sum runs over j in order.
 * @lemma lem:rkhs-certificate
 */
export function residualRows(KP: Float64Array, m: number, w: Float64Array, k: number, mu: Float64Array, r: Float64Array, a0: number, a1: number): void {
  let a = a0;
  for (; a + 1 < a1; a += 2) {
    const r0 = a * m;
    const r1 = r0 + m;
    let s0 = 0;
    let s1 = 0;
    for (let j = 0; j < k; j++) {
      const wj = w[j];
      s0 += KP[r0 + j] * wj;
      s1 += KP[r1 + j] * wj;
    }
    r[a] = mu[a] - s0;
    r[a + 1] = mu[a + 1] - s1;
  }
  if (a < a1) {
    let s0 = 0;
    for (let j = 0; j < k; j++) s0 += KP[a * m + j] * w[j];
    r[a] = mu[a] - s0;
  }
}
