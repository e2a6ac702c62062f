/**
 * The arithmetic of the batched evaluator (`evalBatch` in `batch.ts`)
 * as one self-contained function of its two product kernels, so the helper
 * thread runs the same source text as the calling thread (`helper-thread.ts`
 * gives it `Function.prototype.toString()` of this factory).
 *
 * Why this matters for the split: every query's F and G are computed by
 * the same operations in the same order whatever else is in its batch (the
 * tiled products sum each entry over k, or over the rows, in the same
 * order for any tile; the max, the exponentials and the sums are per
 * query), so any split of a batch into query ranges is bit-for-bit the
 * whole batch.
 * @module
 */
import type { accumulateTransposed, crossDots } from '../fast/gemm.js';
import type { Pair, Side } from './batch.js';

/** Scratch buffers reused between calls (one per batch size). */
interface Scratch {
  /** B × m, query-major: logits, then the shifted terms. */
  L: Float64Array;
  /** B × CHUNK: ⟨v_i, r_b⟩, then the gradient coefficients, for one chunk. */
  C: Float64Array;
  mx: Float64Array;
  Z: Float64Array;
  A1: Float64Array;
  Aw: Float64Array;
  R: Float64Array;
  ar: Float64Array;
}

/** Computes F (and G) for the B queries of Q against a {@link Pair}: see `evalBatch`. */
export type BatchKernel = (p: Pair, Q: Float64Array, B: number, F: Float64Array, G?: Float64Array) => void;

/**
 * Returns the batched evaluator built on `cross` and `accumulate` (the
 * tiled kernels of `fast/gemm`), with its own scratch buffers. References
 * nothing outside its parameters, so its source text runs in a worker.
 * @lemma def:coreset-error
 * @lemma lem:attention-jacobian
 */
export function batchKernel(cross: typeof crossDots, accumulate: typeof accumulateTransposed): BatchKernel {
  /**
   * Rows per chunk of the passes: a chunk of V (or K) and of L stays in L2
   * while every query's tile runs over it (64 KB each at d = 64, B = 64).
   */
  const CHUNK = 128;

  const scratchCache = new WeakMap<Pair, Scratch>();

  function scratch(p: Pair, B: number): Scratch {
    const need = Math.max(p.full.m, p.core.m) * B;
    let s = scratchCache.get(p);
    if (s === undefined || s.L.length < need || s.mx.length < B) {
      s = {
        L: new Float64Array(need),
        C: new Float64Array(B * CHUNK),
        mx: new Float64Array(B),
        Z: new Float64Array(B),
        A1: new Float64Array(B * p.dv),
        Aw: new Float64Array(B * p.dv),
        R: new Float64Array(B * p.dv),
        ar: new Float64Array(B),
      };
      scratchCache.set(p, s);
    }
    return s;
  }

  /**
   * Softmax pass of one side: attention outputs into `A` (B × dv) and, left
   * in `L` (B × m, query-major), the shifted terms t_i = w_i·e^{ℓ_i − max};
   * their sums in `Z`. Max-shifted, so finite for any logits
   * (`lem:shift-invariance`). Products go through the tiled kernels of
   * `fast/gemm` (any summation order is covered by `lem:float-error`).
   */
  function softmaxPass(s: Side, d: number, dv: number, scale: number, Q: Float64Array, B: number, sc: Scratch, A: Float64Array): void {
    const { m, K, V, w } = s;
    const { L, mx, Z } = sc;
    cross(Q, 0, B, K, 0, m, d, L, 0, m);
    for (let b = 0; b < B; b++) {
      const lb = b * m;
      let best = -Infinity;
      for (let i = 0; i < m; i++) {
        const l = scale * L[lb + i];
        L[lb + i] = l;
        if (l > best && (w === null || w[i] > 0)) best = l;
      }
      mx[b] = best;
    }
    Z.fill(0, 0, B);
    A.fill(0, 0, B * dv);
    for (let b = 0; b < B; b++) {
      const lb = b * m;
      const top = mx[b];
      let z = 0;
      for (let i = 0; i < m; i++) {
        const wi = w === null ? 1 : w[i];
        const t = wi === 0 ? 0 : wi * Math.exp(L[lb + i] - top);
        L[lb + i] = t;
        z += t;
      }
      Z[b] = z;
    }
    for (let i0 = 0; i0 < m; i0 += CHUNK) {
      accumulate(L, i0, 1, m, B, V, i0 * dv, Math.min(CHUNK, m - i0), dv, A);
    }
    for (let b = 0; b < B; b++) {
      const inv = 1 / Z[b];
      const ab = b * dv;
      for (let c = 0; c < dv; c++) A[ab + c] *= inv;
    }
  }

  /**
   * Gradient pass: G_b += sign·scale·Σ_i p_i(⟨v_i, r_b⟩ − ⟨A_b, r_b⟩)·k_i,
   * which is sign·J_bᵀ r_b for J = scale·Cov_p(v, k) (`lem:attention-jacobian`):
   * Jᵀr = scale·Σ p_i ⟨v_i − A, r⟩(k_i − k̄), and the k̄ term vanishes because
   * Σ p_i ⟨v_i − A, r⟩ = 0. Cost O(m(d + dv)) per query, no dv × d matrix.
   */
  function gradientPass(s: Side, d: number, dv: number, scale: number, B: number, sc: Scratch, A: Float64Array, sign: number, G: Float64Array): void {
    const { m, K, V } = s;
    const { L, C, Z, R, ar } = sc;
    for (let b = 0; b < B; b++) {
      let t = 0;
      for (let c = 0; c < dv; c++) t += A[b * dv + c] * R[b * dv + c];
      ar[b] = t;
    }
    const G0 = sc.mx; // reuse as per-query factor
    for (let b = 0; b < B; b++) G0[b] = (sign * scale) / Z[b];
    for (let i0 = 0; i0 < m; i0 += CHUNK) {
      const rows = Math.min(CHUNK, m - i0);
      cross(R, 0, B, V, i0 * dv, rows, dv, C, 0, CHUNK);
      for (let b = 0; b < B; b++) {
        const lb = b * m + i0;
        const cb = b * CHUNK;
        const f = G0[b];
        const a = ar[b];
        for (let i = 0; i < rows; i++) C[cb + i] = L[lb + i] * (C[cb + i] - a) * f;
      }
      accumulate(C, 0, 1, CHUNK, B, K, i0 * d, rows, d, G);
    }
  }

  function evalBatch(p: Pair, Q: Float64Array, B: number, F: Float64Array, G?: Float64Array): void {
    const { d, dv, scale } = p;
    const sc = scratch(p, B);
    softmaxPass(p.core, d, dv, scale, Q, B, sc, sc.Aw);
    // The coreset's terms in L are overwritten by the full pass; its gradient
    // re-runs the (cheap, m-row) coreset softmax below.
    softmaxPass(p.full, d, dv, scale, Q, B, sc, sc.A1);
    const { A1, Aw, R } = sc;
    for (let b = 0; b < B; b++) {
      let f = 0;
      for (let c = 0; c < dv; c++) {
        const r = A1[b * dv + c] - Aw[b * dv + c];
        R[b * dv + c] = r;
        f += r * r;
      }
      F[b] = f;
    }
    if (G === undefined) return;
    G.fill(0, 0, B * d);
    gradientPass(p.full, d, dv, scale, B, sc, A1, 2, G);
    softmaxPass(p.core, d, dv, scale, Q, B, sc, Aw);
    gradientPass(p.core, d, dv, scale, B, sc, Aw, -2, G);
  }

  return evalBatch;
}
