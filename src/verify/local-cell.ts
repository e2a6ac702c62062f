/**
 * A cell bound of branch-and-bound whose remainder scales with the
 * difference of the two attentions, not with their size: the error's
 * numerator is re-expanded about each cell's centre, where its signed
 * moments nearly cancel (`lem:recentred-cell-bound`).
 * @module
 */
import { attention } from '../fast/attention.js';
import { attentionErrorBound, evaluationProfile, gamma, jacobianErrorBound, UNIT_ROUNDOFF } from '../fast/float-error.js';
import { attentionJacobian } from '../fast/jacobian.js';
import { powerOfTwoScaled } from '../fast/partition-bounds.js';
import { isCache } from '../fast/support.js';
import type { Cache, Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';
import { subsetCoefficients } from './measure.js';
import { assembleCellBound } from './cell-assembly.js';
import { cellExpansion, momentNorms, type Expansion } from './cell-expansion.js';
import { centreTilt } from './cell-tilt.js';

/** The rows of the signed measure in reduced coordinates (built once per search). */
export interface CellMeasure {
  readonly rows: number;
  readonly r: number;
  readonly dv: number;
  /** Reduced keys c_i, rows × r. */
  readonly C: Float64Array;
  readonly V: Float64Array;
  /** ‖v_i‖ rounded up. */
  readonly valueNorm: Float64Array;
  /** ĉ_i = â_i − ŵ_i and |ĉ̃_i − ĉ_i| ≤ delta_i. */
  readonly coeff: Float64Array;
  readonly delta: Float64Array;
  /** ŵ_i (0 off the support) and its relative error bound. */
  readonly den: Float64Array;
  readonly denError: number;
  readonly scale: number;
}

/**
 * Computes the measure of `lem:recentred-cell-bound` on the reduced keys
 * (rows: the instance's n, then a cache's m, as `spanOf`).
 * @lemma lem:recentred-cell-bound
 */
export function cellMeasure(n: number, keys: Float64Array, r: number, V: Float64Array, dv: number, c: NormalizedCoreset | Cache, scale: number): CellMeasure {
  const own = isCache(c);
  const rows = own ? n + c.m : n;
  const { c: coeff, delta } = subsetCoefficients(rows, c, n);
  const wts = powerOfTwoScaled(c.weights);
  let W = 0;
  for (const x of wts) W += x;
  const den = new Float64Array(rows);
  for (let j = 0; j < wts.length; j++) den[own ? n + j : (c as NormalizedCoreset).indices[j]] = wts[j] / W;
  const valueNorm = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s2 = 0;
    for (let k = 0; k < dv; k++) s2 += V[i * dv + k] ** 2;
    valueNorm[i] = Math.sqrt(s2) * (1 + gamma(dv + 2));
  }
  return { rows, r, dv, C: keys.subarray(0, rows * r), V, valueNorm, coeff, delta, den, denError: gamma(wts.length + 2), scale };
}

/** What branch-and-bound already computed at the centre (the full set's side). */
export interface CentreData {
  /** Â_1(y_c) and β₀ ≥ ‖Â_1 − A_1‖. */
  readonly a: Float64Array;
  readonly aError: number;
  /** Ĵ_1(y_c), dv × r row-major, and ≥ ‖Ĵ_1 − J_1‖_F. */
  readonly J: Float64Array;
  readonly jError: number;
  /** H₁ ≥ ½ sup‖D²A_1[e,e]‖ over unit e (s²R_k²R_v). */
  readonly H1: number;
}

/**
 * Computes the full set's side at a centre: Â_1, Ĵ_1 and their
 * `lem:float-error` bounds, with H₁ passed through (`lem:recentred-cell-bound`).
 * @lemma lem:recentred-cell-bound
 */
export function centreData(red: Instance, yc: Float64Array, scale: number, H1: number): CentreData {
  const opt = { scale };
  const p1 = evaluationProfile(red, yc, null, opt);
  return { a: attention(red, yc, null, opt), aError: attentionErrorBound(p1), J: attentionJacobian(red, yc, null, opt), jError: jacobianErrorBound(p1, scale), H1 };
}

/**
 * Computes an upper bound on err_w(y) of the reduced instance over the cube
 * ‖y − y_c‖_∞ ≤ h intersected with ‖y‖ ≤ R (`lem:recentred-cell-bound`).
 * `tailBudget` (in error units) lets the order stop once the tail is below
 * it (any value is sound; larger is cheaper and looser).
 *
 * Method: with g_i = e^{s⟨y_c,c_i⟩−m}, μ_i = ĉ_ig_i, Z_c = Σŵ_ig_i,
 * k̄ = Σŵ_ig_ic_i/Z_c and z = y − y_c, Jensen gives Z_w(y) ≥ e^m Z_c e^{s⟨z,k̄⟩},
 * so err_w(y) ≤ ‖P(z)‖/Z_c with P(z) = Σμ_ie^{s⟨z,c_i−k̄⟩}(v_i − A_1(y)).
 * Expand e^{s⟨z,c_i−k̄⟩} to order T (tail X_i^{T+1}e^{X_i}/(T+1)! per row, X_i ≥ |s|h‖c_i − k̄‖₁)
 * and A_1(y) = Â_1 + b₀ + J_1z + O(H₁‖z‖²): the order-0 and -1 terms form
 * L(z) = L₀ + L₁z, bounded by √(‖L₀‖² + 2 sup⟨L₁ᵀL₀, z⟩ + ‖L₁‖²_Fδ²); every
 * other term is a signed moment Σμ_i(c_i − k̄)^α(v_i − Â_1, 1) of order
 * ≥ 2, or a product with ΔZ, so it shrinks with the difference.
 *
 * Error: every computed quantity carries its `lem:float-error` bound (Math.exp
 * within EXP_RELATIVE_ERROR); Infinity when even order MAX_CELL_ORDER leaves
 * a tail above TAIL_GIVE_UP of the order-0 term.
 * @lemma lem:recentred-cell-bound
 */
export function recentredCellBound(mu: CellMeasure, yc: Float64Array, h: number, R: number, ctr: CentreData, tailBudget = 0): number {
  return recentredCell(mu, yc, h, R, ctr, tailBudget).bound;
}

/**
 * Computes {@link recentredCellBound} and returns the expansion it used
 * (null when skipped), which bounds every sub-cell too
 * (`lem:recentred-cell-bound`; see `translatedCellBound`).
 * @lemma lem:recentred-cell-bound
 */
export function recentredCell(mu: CellMeasure, yc: Float64Array, h: number, R: number, ctr: CentreData, tailBudget = 0): { bound: number; expansion: Expansion | null } {
  const { r, dv } = mu;
  const s = mu.scale;
  const as = Math.abs(s);
  const u = UNIT_ROUNDOFF;
  const tilt = centreTilt(mu, yc);
  if (tilt === null) return { bound: Infinity, expansion: null };
  const e = cellExpansion(mu, tilt, yc, h, ctr.a, tailBudget);
  if (e === null) return { bound: Infinity, expansion: null };
  const { tab, T } = e;
  const nm = momentNorms(e, ctr.a, dv);
  const { G, Gn, Ge, Dn, De, aNorm } = nm;
  const P = tab.size;
  // Σ over orders t of (|s|h)^t Σ_{|α|=t} ‖·‖/α!.
  const order = (norms: Float64Array, t: number): number => {
    let acc = 0;
    for (let j = tab.start[t]; j < tab.start[t + 1]; j++) acc += norms[j] * tab.invFactorial[j];
    return acc * (as * h) ** t * (1 + gamma(P + 2 * t + 4));
  };
  let G2 = 0;
  for (let t = 2; t <= T; t++) G2 += order(Gn, t);
  G2 += (e.tailV + aNorm * e.tailD) * (1 + gamma(2));
  let Z1 = 0;
  for (let t = 1; t <= T; t++) Z1 += order(Dn, t);
  Z1 += e.tailD;
  const Zsup = (Z1 + Dn[0]) * (1 + gamma(2));
  // L₀ = G_0, L₁ = s·G_{e_l} − Ĵ_1[:,l]·D_0 (the monomial e_l is index 1 + l).
  const J = ctr.J;
  const L0 = G.subarray(0, dv);
  const L1 = new Float64Array(dv * r);
  let JF = 0;
  let gF = 0;
  let eG2 = 0;
  for (let l = 0; l < r; l++) {
    const j = 1 + l;
    eG2 += Ge[j] * Ge[j];
    for (let k = 0; k < dv; k++) {
      L1[k * r + l] = s * G[j * dv + k] - J[k * r + l] * e.M1[0];
      JF += J[k * r + l] ** 2;
      gF += G[j * dv + k] ** 2;
    }
  }
  const JFn = Math.sqrt(JF) * (1 + gamma(dv * r + 2));
  const gFn = Math.sqrt(gF) * (1 + gamma(dv * r + 2));
  // ‖L₁ − L̂₁‖_F: |s|·‖errors of Ĝ_{e_l}‖, ‖Ĵ_1‖_F·err(D_0), two roundings per entry.
  const eL1 = (as * Math.sqrt(eG2) * (1 + gamma(r + 2)) + JFn * De[0] + 2 * u * (as * gFn + JFn * Math.abs(e.M1[0]))) * (1 + gamma(4));
  const bound = assembleCellBound({ r, dv, scale: s, yc, h, R, offset: 0, L0, eL0: Ge[0], L1, eL1, G2, Zsup, Z1, Zlow: tilt.Zlow, kErr: tilt.kErr, factor: 1, ctr });
  return { bound, expansion: e };
}
