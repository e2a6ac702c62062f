/**
 * The attention kernel κ_s((k,v),(k′,v′)) = e^{s⟨k,k′⟩}(⟨v,v′⟩ + λ) on the rows
 * of an instance, evaluated on demand (no n×n matrix is ever stored).
 * @module
 */
import type { Instance } from '../types.js';
import { crossDots } from '../fast/gemm.js';
import { dot } from '../fast/logits.js';

/** Parameters of the attention kernel. */
export interface KernelParams {
  /** Key scale s > 0 in e^{s⟨k,k′⟩}. */
  readonly s: number;
  /**
   * Weight λ ≥ 0 of the constant value feature: u_i = (v_i, √λ). λ = 1 is the
   * kernel of `lem:rkhs-certificate` (it carries Z as well as N).
   * @defaultValue 1
   */
  readonly lambda?: number;
}

/**
 * Computes κ_s(x_i, x_j) = e^{s⟨k_i,k_j⟩}(⟨v_i,v_j⟩ + λ) for rows i, j.
 *
 * Method: e^{s⟨k,k′⟩} = ⟨φ_s(k), φ_s(k′)⟩ (the exponential kernel's feature
 * map of `lem:rkhs-certificate`), times the linear kernel of u = (v, √λ): a
 * product of positive definite kernels, hence positive definite.
 * @lemma lem:rkhs-certificate
 */
export function kernelEntry(inst: Instance, i: number, j: number, p: KernelParams): number {
  const { d, dv, K, V } = inst;
  return Math.exp(p.s * dot(K, i * d, K, j * d, d)) * (dot(V, i * dv, V, j * dv, dv) + (p.lambda ?? 1));
}

/**
 * Computes Σ_t c_t·κ_s(x_{rows_t}, x_i) for one row i over a row list with
 * coefficients c (c = null: every coefficient 1), writing each term's kernel
 * value into `out` when given. The hot loop of the builders, inlined for speed.
 * @lemma lem:rkhs-certificate
 */
export function kernelRowSum(
  inst: Instance,
  i: number,
  rows: Uint32Array,
  count: number,
  c: Float64Array | null,
  p: KernelParams,
  out?: Float64Array,
): number {
  const buf = out ?? scratch(count);
  kernelRow(inst.K, inst.V, inst.d, inst.dv, i, rows, count, p.s, p.lambda ?? 1, buf);
  let acc = 0;
  if (c === null) for (let t = 0; t < count; t++) acc += buf[t];
  else for (let t = 0; t < count; t++) acc += c[t] * buf[t];
  return acc;
}

let scratchBuf = new Float64Array(1024);
function scratch(count: number): Float64Array {
  if (scratchBuf.length < count) scratchBuf = new Float64Array(Math.max(count, 2 * scratchBuf.length));
  return scratchBuf;
}

/** Monomorphic inner loop of {@link kernelRowSum}: out[t] = κ_s(x_i, x_{rows_t}). */
function kernelRow(
  K: Float64Array,
  V: Float64Array,
  d: number,
  dv: number,
  i: number,
  rows: Uint32Array,
  count: number,
  s: number,
  lam: number,
  out: Float64Array,
): void {
  const bk = i * d;
  const bv = i * dv;
  for (let t = 0; t < count; t++) {
    const r = rows[t];
    const rk = r * d;
    const rv = r * dv;
    out[t] = Math.exp(s * dot(K, bk, K, rk, d)) * (dot(V, bv, V, rv, dv) + lam);
  }
}

/**
 * Computes the Gram matrix G[a][b] = κ_s(x_{S_a}, x_{S_b}) of a row subset S,
 * row-major |S|×|S| (O(|S|²(d + dv)) time, O(|S|²) memory).
 * @lemma lem:rkhs-certificate
 */
export function kernelGram(inst: Instance, S: Uint32Array, p: KernelParams): Float64Array {
  const m = S.length;
  const G = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const g = kernelEntry(inst, S[a], S[b], p);
      G[a * m + b] = g;
      G[b * m + a] = g;
    }
  }
  return G;
}

/**
 * Computes the kernel mean embedding evaluated at a subset:
 * μ_a = Σ_i c_i κ_s(x_{S_a}, x_i) over rows i of `T` with weights `c`
 * (O(|S|·|T|·(d + dv)) time).
 * @lemma lem:rkhs-certificate
 */
export function kernelCrossSums(inst: Instance, S: Uint32Array, T: Uint32Array, c: Float64Array, p: KernelParams): Float64Array {
  const out = new Float64Array(S.length);
  for (let a = 0; a < S.length; a++) {
    let s = 0;
    for (let t = 0; t < T.length; t++) s += c[t] * kernelEntry(inst, S[a], T[t], p);
    out[a] = s;
  }
  return out;
}

/**
 * Panel of {@link kernelRangeSumsSelf}: 16 × 256 dot products stay in L1/L2
 * ({@link rangeSums} uses the same sizes as literals: it may not refer to
 * module constants).
 */
const PANEL_ROWS = 16;
const PANEL_COLS = 256;

/**
 * Computes out[a] = Σ_t c_t·κ_s(x_{a0+a}, x_{t0+t}) for a < na, t < nt, over
 * contiguous row ranges of `inst` (the kernel mean embedding of a weighted
 * target at a pool, the builder's largest cost).
 *
 * Method: panels of key and value dot products by the tiled
 * {@link crossDots}, then one exponential per pair; O(na·nt·(d + dv)) time,
 * O(1) extra memory.
 * @lemma lem:rkhs-certificate
 */
export function kernelRangeSums(inst: Instance, a0: number, na: number, t0: number, nt: number, c: Float64Array, p: KernelParams, out: Float64Array): void {
  rangeSums(crossDots, inst.K, inst.V, inst.d, inst.dv, a0, na, t0, nt, c, p.s, p.lambda ?? 1, out);
}

/**
 * The body of {@link kernelRangeSums} as a self-contained function: it
 * refers to nothing outside its parameters (the product kernel comes in as
 * `cross`), so its source text also runs in the helper thread of
 * `parallel.ts`, and both threads do the same arithmetic.
 * @internal
 * @lemma lem:rkhs-certificate
 */
export function rangeSums(
  cross: typeof crossDots,
  K: Float64Array,
  V: Float64Array,
  d: number,
  dv: number,
  a0: number,
  na: number,
  t0: number,
  nt: number,
  c: Float64Array,
  s: number,
  lam: number,
  out: Float64Array,
): void {
  const rowsPerPanel = 16;
  const colsPerPanel = 256;
  const KD = new Float64Array(rowsPerPanel * colsPerPanel);
  const VD = new Float64Array(rowsPerPanel * colsPerPanel);
  out.fill(0, 0, na);
  for (let ai = 0; ai < na; ai += rowsPerPanel) {
    const ra = Math.min(rowsPerPanel, na - ai);
    for (let ti = 0; ti < nt; ti += colsPerPanel) {
      const rt = Math.min(colsPerPanel, nt - ti);
      cross(K, (a0 + ai) * d, ra, K, (t0 + ti) * d, rt, d, KD, 0, colsPerPanel);
      cross(V, (a0 + ai) * dv, ra, V, (t0 + ti) * dv, rt, dv, VD, 0, colsPerPanel);
      for (let a = 0; a < ra; a++) {
        const row = a * colsPerPanel;
        let acc = 0;
        for (let t = 0; t < rt; t++) acc += c[ti + t] * Math.exp(s * KD[row + t]) * (VD[row + t] + lam);
        out[ai + a] += acc;
      }
    }
  }
}

/**
 * Adds to out[a] the sums Σ_b c_b·κ_s(x_{a0+a}, x_{a0+b}) over one contiguous
 * row range (a, b < na): {@link kernelRangeSums} of a range against itself,
 * at half the cost, since κ_s is symmetric and each pair is evaluated once.
 * @lemma lem:rkhs-certificate
 */
export function kernelRangeSumsSelf(inst: Instance, a0: number, na: number, c: Float64Array, p: KernelParams, out: Float64Array): void {
  const { d, dv, K, V } = inst;
  const s = p.s;
  const lam = p.lambda ?? 1;
  const KD = new Float64Array(PANEL_ROWS * PANEL_COLS);
  const VD = new Float64Array(PANEL_ROWS * PANEL_COLS);
  for (let ai = 0; ai < na; ai += PANEL_ROWS) {
    const ra = Math.min(PANEL_ROWS, na - ai);
    for (let ti = ai; ti < na; ti += PANEL_COLS) {
      const rt = Math.min(PANEL_COLS, na - ti);
      crossDots(K, (a0 + ai) * d, ra, K, (a0 + ti) * d, rt, d, KD, 0, PANEL_COLS);
      crossDots(V, (a0 + ai) * dv, ra, V, (a0 + ti) * dv, rt, dv, VD, 0, PANEL_COLS);
      for (let a = 0; a < ra; a++) {
        const row = a * PANEL_COLS;
        const ga = ai + a;
        // Columns b > a only (b = a once): pairs with b < a in this panel
        // were added from b's row.
        const first = Math.max(0, ga - ti);
        let acc = 0;
        for (let t = first; t < rt; t++) {
          const k = Math.exp(s * KD[row + t]) * (VD[row + t] + lam);
          const gb = ti + t;
          if (gb === ga) {
            acc += c[ga] * k;
          } else {
            acc += c[gb] * k;
            out[gb] += c[ga] * k;
          }
        }
        out[ga] += acc;
      }
    }
  }
}
