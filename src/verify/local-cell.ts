/**
 * A cell bound of branch-and-bound whose remainder scales with the
 * difference of the two attentions, not with their size: the error's
 * numerator is re-expanded about each cell's centre, where its signed
 * moments nearly cancel (`lem:recentred-cell-bound`).
 * @module
 */
import { attention } from '../fast/attention.js';
import { attentionErrorBound, evaluationProfile, EXP_RELATIVE_ERROR, gamma, jacobianErrorBound, UNIT_ROUNDOFF } from '../fast/float-error.js';
import { attentionJacobian } from '../fast/jacobian.js';
import { powerOfTwoScaled } from '../fast/partition-bounds.js';
import { isCache } from '../fast/support.js';
import type { Cache, Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';
import { subsetCoefficients } from './measure.js';
import { monomialTable } from './monomials.js';

/** Largest expansion order (C(6 + 4, 4) = 210 monomials in 4 variables; a higher order only pays on cells too coarse to prune). */
export const MAX_CELL_ORDER = 6;

/**
 * The order T is the smallest whose tail bound is ≤ this × Z_c (and ≤
 * 10⁻³ of the order-0 term): 10⁻⁵ is under 1 % of the errors (≳ 10⁻³)
 * branch-and-bound is asked to resolve.
 */
const TAIL_TARGET = 1e-5;

/** The bound is skipped (Infinity) when even order MAX_CELL_ORDER leaves a tail above this fraction of the order-0 term (and above TAIL_TARGET·Z_c). */
const TAIL_GIVE_UP = 0.25;

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
  const { rows, r, dv, C, V, coeff, delta, den, valueNorm } = mu;
  const s = mu.scale;
  const as = Math.abs(s);
  const u = UNIT_ROUNDOFF;
  // Logits at the centre, their error, the shift m.
  const ell = new Float64Array(rows);
  let m = -Infinity;
  let lam = 0;
  for (let i = 0; i < rows; i++) {
    let x = 0;
    let ax = 0;
    for (let l = 0; l < r; l++) {
      x += yc[l] * C[i * r + l];
      ax += Math.abs(yc[l] * C[i * r + l]);
    }
    ell[i] = s * x;
    lam = Math.max(lam, as * ax);
    if (ell[i] > m) m = ell[i];
  }
  let spread = 0;
  for (let i = 0; i < rows; i++) spread = Math.max(spread, m - ell[i]);
  // |ℓ̂_i − m − (ℓ_i − m)| ≤ lam·γ_{r+1} + u·spread =: θ; ĝ = g·e^{±θ}(1 ± E).
  const theta = (lam * gamma(r + 2) + u * spread) * (1 + gamma(4));
  if (!(theta < 1e-6)) return Infinity;
  const epsG = 2 * (theta + EXP_RELATIVE_ERROR);
  const g = new Float64Array(rows);
  const muH = new Float64Array(rows);
  const errI = new Float64Array(rows);
  let Z = 0;
  const kbar = new Float64Array(r);
  let absMuV = 0; // Σ (|μ̂_i| + err_i)·‖v_i‖
  let absMu = 0; // Σ (|μ̂_i| + err_i)
  let errMuV = 0; // Σ err_i·‖v_i‖ (err_i ≥ |μ̂_i − μ_i|)
  let errMu = 0;
  for (let i = 0; i < rows; i++) {
    g[i] = Math.exp(ell[i] - m);
    muH[i] = coeff[i] * g[i];
    const e = Math.abs(muH[i]) * (2 * u + 2 * epsG) + 2 * delta[i] * g[i];
    errI[i] = e;
    errMu += e;
    errMuV += e * valueNorm[i];
    absMu += Math.abs(muH[i]) + e;
    absMuV += (Math.abs(muH[i]) + e) * valueNorm[i];
    if (den[i] > 0) {
      const x = den[i] * g[i];
      Z += x;
      for (let l = 0; l < r; l++) kbar[l] += x * C[i * r + l];
    }
  }
  const epsZ = gamma(rows + 4) + 2 * epsG + mu.denError;
  if (!(Z > 0) || !(epsZ < 0.01)) return Infinity;
  const Zlow = Z * (1 - epsZ) * (1 - gamma(2));
  let Kmax = 0;
  for (let i = 0; i < rows * r; i++) Kmax = Math.max(Kmax, Math.abs(C[i]));
  for (let l = 0; l < r; l++) kbar[l] /= Z;
  // ‖k̄ − exact tilted mean‖ ≤ kErr (numerator γ·K_max·Z, denominator relative epsZ).
  const kErr = (epsZ + 2 * epsZ + 4 * u) * Kmax * Math.sqrt(r) * (1 + gamma(4));
  // Recentred keys and the spread X of the cell.
  const Ct = new Float64Array(rows * r);
  let Kinf = 0;
  // Per-row tails Σ_i a_i X_i^{T+1}e^{X_i}/(T+1)!, X_i = |s|h‖c_i − k̄‖₁, for every T.
  const tailG = new Float64Array(MAX_CELL_ORDER + 1);
  const tailD = new Float64Array(MAX_CELL_ORDER + 1);
  const G0 = new Float64Array(dv);
  const a = ctr.a;
  let aNorm = 0;
  for (let k = 0; k < dv; k++) aNorm += a[k] * a[k];
  aNorm = Math.sqrt(aNorm) * (1 + gamma(dv + 2));
  for (let i = 0; i < rows; i++) {
    let n1 = 0;
    for (let l = 0; l < r; l++) {
      const x = C[i * r + l] - kbar[l];
      Ct[i * r + l] = x;
      n1 += Math.abs(x);
      Kinf = Math.max(Kinf, Math.abs(x));
    }
    for (let k = 0; k < dv; k++) G0[k] += muH[i] * (V[i * dv + k] - a[k]);
    const X = as * h * n1 * (1 + gamma(r + 4));
    const aD = Math.abs(muH[i]) + errI[i];
    const aG = aD * (valueNorm[i] + aNorm);
    let p = ((X * X) / 2) * Math.exp(X) * (1 + EXP_RELATIVE_ERROR);
    for (let T = 1; T <= MAX_CELL_ORDER; T++) {
      tailG[T] += aG * p;
      tailD[T] += aD * p;
      p *= X / (T + 2);
    }
  }
  Kinf *= 1 + 2 * u;
  let g0 = 0;
  for (let k = 0; k < dv; k++) g0 += G0[k] * G0[k];
  const target = Math.max(Math.min(TAIL_TARGET * Z, 1e-3 * Math.sqrt(g0)), tailBudget * Z);
  if (!(tailG[MAX_CELL_ORDER] <= Math.max(TAIL_GIVE_UP * Math.sqrt(g0), TAIL_TARGET * Z))) return Infinity;
  let T = 1;
  while (T < MAX_CELL_ORDER && tailG[T] > target) T++;
  // The per-row sums and the powers each err by ≤ γ_{rows + 3T + 8} (all terms ≥ 0).
  const tailUp = 1 + gamma(rows + 3 * T + 8);
  const tab = monomialTable(r, T);
  const P = tab.size;
  // Moments M^V_α = Σ μ̂_i ĉ_i^α v_i and M^1_α = Σ μ̂_i ĉ_i^α (ĉ = c − k̄).
  const MV = new Float64Array(P * dv);
  const M1 = new Float64Array(P);
  const w = new Float64Array(P);
  w[0] = 1;
  for (let i = 0; i < rows; i++) {
    const f = muH[i];
    if (f === 0) continue;
    w[0] = f;
    for (let j = 1; j < P; j++) w[j] = w[tab.parent[j]] * Ct[i * r + tab.variable[j]];
    const vo = i * dv;
    for (let j = 0; j < P; j++) {
      const x = w[j];
      M1[j] += x;
      const o = j * dv;
      for (let k = 0; k < dv; k++) MV[o + k] += x * V[vo + k];
    }
  }
  // |moment error| ≤ K_inf^{|α|}·(Σ err_i·norm + γ·Σ|μ̂_i|·norm): coefficients,
  // the ≤ 2T roundings of each monomial and c − k̄, and the row sum.
  const gm = gamma(rows + 4 * T + 8);
  const baseV = (errMuV + gm * absMuV) * (1 + gamma(4));
  const base1 = (errMu + gm * absMu) * (1 + gamma(4));
  // G_α = M^V_α − Â_1·M^1_α: norms with their error (incl. the subtraction's u).
  const Gn = new Float64Array(P);
  const Ge = new Float64Array(P);
  const Dn = new Float64Array(P);
  const G = new Float64Array((1 + r) * dv); // Ĝ_0 and Ĝ_{e_l}
  for (let j = 0; j < P; j++) {
    let s2 = 0;
    let mv2 = 0;
    const store = j <= r;
    for (let k = 0; k < dv; k++) {
      const x = MV[j * dv + k] - a[k] * M1[j];
      s2 += x * x;
      mv2 += MV[j * dv + k] ** 2;
      if (store) G[j * dv + k] = x;
    }
    const kp = Kinf ** tab.deg[j] * (1 + gamma(tab.deg[j] + 1));
    const e1 = base1 * kp;
    const mvn = Math.sqrt(mv2) * (1 + gamma(dv + 2));
    Ge[j] = (baseV * kp + aNorm * e1 + 2 * u * (mvn + aNorm * Math.abs(M1[j]))) * (1 + gamma(4));
    Gn[j] = Math.sqrt(s2) * (1 + gamma(dv + 2)) + Ge[j];
    Dn[j] = Math.abs(M1[j]) + e1;
  }
  // Σ over orders t of (|s|h)^t Σ_{|α|=t} ‖·‖/α!.
  const order = (norms: Float64Array, t: number): number => {
    let acc = 0;
    for (let j = tab.start[t]; j < tab.start[t + 1]; j++) acc += norms[j] * tab.invFactorial[j];
    return acc * (as * h) ** t * (1 + gamma(P + 2 * t + 4));
  };
  let G2 = 0;
  for (let t = 2; t <= T; t++) G2 += order(Gn, t);
  G2 += tailG[T] * tailUp;
  let Z1 = 0;
  for (let t = 1; t <= T; t++) Z1 += order(Dn, t);
  Z1 += tailD[T] * tailUp;
  const Zsup = (Z1 + Dn[0]) * (1 + gamma(2));
  const delta2 = h * Math.sqrt(r) * (1 + gamma(3));
  // L₀ = G_0, L₁ = s·G_{e_l} − Ĵ_1[:,l]·M^1_0 (the monomial of e_l is index 1 + l).
  const J = ctr.J;
  let L0 = 0;
  for (let k = 0; k < dv; k++) L0 += G[k] * G[k];
  const L0n = Math.sqrt(L0) * (1 + gamma(dv + 2));
  const L1 = new Float64Array(dv * r);
  let L1F = 0;
  let JF = 0;
  let gF = 0;
  let eG2 = 0;
  for (let l = 0; l < r; l++) {
    const j = 1 + l;
    eG2 += Ge[j] * Ge[j];
    for (let k = 0; k < dv; k++) {
      L1[k * r + l] = s * G[j * dv + k] - J[k * r + l] * M1[0];
      L1F += L1[k * r + l] ** 2;
      JF += J[k * r + l] ** 2;
      gF += G[j * dv + k] ** 2;
    }
  }
  const JFn = Math.sqrt(JF) * (1 + gamma(dv * r + 2));
  const L1Fn = Math.sqrt(L1F) * (1 + gamma(dv * r + 2));
  const gFn = Math.sqrt(gF) * (1 + gamma(dv * r + 2));
  // ‖L₁ − L̂₁‖_F: |s|·‖errors of Ĝ_{e_l}‖, ‖Ĵ_1‖_F·err(M^1_0), and the two roundings per entry.
  const eL1 = (as * Math.sqrt(eG2) * (1 + gamma(r + 2)) + JFn * base1 * (1 + gamma(2)) + 2 * u * (as * gFn + JFn * Math.abs(M1[0]))) * (1 + gamma(4));
  const eL0 = Ge[0];
  // w = L̂₁ᵀL̂₀ and sup⟨w, z⟩ over the cube and over the ball.
  const wv = new Float64Array(r);
  for (let l = 0; l < r; l++) {
    let x = 0;
    for (let k = 0; k < dv; k++) x += L1[k * r + l] * G[k];
    wv[l] = x;
  }
  let w1 = 0;
  let w2 = 0;
  let wc = 0;
  let wcAbs = 0;
  for (let l = 0; l < r; l++) {
    w1 += Math.abs(wv[l]);
    w2 += wv[l] * wv[l];
    wc += wv[l] * yc[l];
    wcAbs += Math.abs(wv[l] * yc[l]);
  }
  const wErr = gamma(dv + 2) * L1Fn * L0n * Math.sqrt(r);
  const wn = Math.sqrt(w2) * (1 + gamma(r + 2));
  const cube = h * w1 * (1 + gamma(r + 2));
  const ball = R * wn * (1 + gamma(2)) - (wc - gamma(r + 2) * wcAbs);
  const lo = Math.min(cube, ball);
  const lin = lo + 4 * u * Math.abs(lo) + wErr * delta2 * (1 + gamma(2));
  const quad = L1Fn * L1Fn * delta2 * delta2 * (1 + gamma(4));
  const Lsq = Math.sqrt(Math.max(0, L0n * L0n * (1 + gamma(2)) + 2 * lin + quad)) * (1 + gamma(4));
  const Lsup = Math.min(Lsq, (L0n + L1Fn * delta2) * (1 + gamma(3))) + eL0 + eL1 * delta2;
  // The rest: orders ≥ 2 of G; (b₀ + (J_1 − Ĵ_1)z + R_B)·ΔZ; Ĵ_1z·(ΔZ − ΔZ(0)).
  const rest = G2 + (ctr.aError + ctr.jError * delta2 + ctr.H1 * delta2 * delta2) * Zsup + JFn * delta2 * Z1;
  const x = as * delta2 * kErr * (1 + gamma(3));
  if (!(x <= 1)) return Infinity;
  const jensen = 1 + 2 * x; // e^x ≤ 1 + 2x on [0, 1]
  return ((Lsup + rest * (1 + gamma(4))) * jensen) / Zlow * (1 + gamma(8));
}
