/**
 * The signed moments of the tilted measure about k̄ up to an order T chosen
 * by the tail, and their norms for a value centre a
 * (`lem:recentred-cell-bound`, step 4).
 * @module
 */
import { EXP_RELATIVE_ERROR, gamma, UNIT_ROUNDOFF } from '../fast/float-error.js';
import type { CellMeasure } from './local-cell.js';
import { monomialTable, type MonomialTable } from './monomials.js';
import type { Tilt } from './cell-tilt.js';

/** Largest expansion order (C(6 + 4, 4) = 210 monomials in 4 variables; a higher order only pays on cells too coarse to prune). */
export const MAX_CELL_ORDER = 6;

/**
 * The order T is the smallest whose tail bound is ≤ this × Z_c (and ≤
 * 10⁻³ of the order-0 term): 10⁻⁵ is under 1 % of the errors (≳ 10⁻³)
 * branch-and-bound is asked to resolve.
 */
const TAIL_TARGET = 1e-5;

/** The expansion is skipped (null) when even order MAX_CELL_ORDER leaves a tail above this fraction of the order-0 term (and above TAIL_TARGET·Z_c). */
const TAIL_GIVE_UP = 0.25;

/** Moments about k̄ of the measure tilted to `yc`, valid on the cube of half-width h. */
export interface Expansion {
  readonly yc: Float64Array;
  readonly h: number;
  readonly tilt: Tilt;
  readonly T: number;
  readonly tab: MonomialTable;
  /** M^V_α = Σμ̂_i c̃_i^α v_i (size × dv) and M^1_α = Σμ̂_i c̃_i^α, c̃ = fl(c − k̄). */
  readonly MV: Float64Array;
  readonly M1: Float64Array;
  /** |M̂_α − M_α| ≤ K_inf^{|α|}(1 + γ)·baseV (resp. base1). */
  readonly baseV: number;
  readonly base1: number;
  readonly Kinf: number;
  /** Tails at order T: Σ_i(|μ_i|)‖v_i‖·t_i and Σ_i|μ_i|·t_i, t_i = X_i^{T+1}e^{X_i}/(T+1)!, rounded up. */
  readonly tailV: number;
  readonly tailD: number;
}

/**
 * Computes the moments of `lem:recentred-cell-bound` at the tilt's centre for
 * the cube of half-width h, with T the smallest order whose tail is below
 * max(min(TAIL_TARGET·Z_c, 10⁻³‖G_0‖), tailBudget·Z_c); null when even
 * MAX_CELL_ORDER cannot bring it near the order-0 term.
 * @lemma lem:recentred-cell-bound
 */
export function cellExpansion(mu: CellMeasure, tilt: Tilt, yc: Float64Array, h0: number, a: Float64Array, tailBudget: number): Expansion | null {
  // A hair wider than asked, so sub-cells touching the boundary stay inside after rounding.
  const h = h0 * (1 + 1e-12);
  const { rows, r, dv, C, V, valueNorm } = mu;
  const as = Math.abs(mu.scale);
  const u = UNIT_ROUNDOFF;
  const { kbar, mu: muH, err } = tilt;
  const Ct = new Float64Array(rows * r);
  let Kinf = 0;
  const tV = new Float64Array(MAX_CELL_ORDER + 1);
  const tD = new Float64Array(MAX_CELL_ORDER + 1);
  const G0 = new Float64Array(dv);
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
    const aD = Math.abs(muH[i]) + err[i];
    let p = ((X * X) / 2) * Math.exp(X) * (1 + EXP_RELATIVE_ERROR);
    for (let T = 1; T <= MAX_CELL_ORDER; T++) {
      tV[T] += aD * valueNorm[i] * p;
      tD[T] += aD * p;
      p *= X / (T + 2);
    }
  }
  let aNorm = 0;
  for (let k = 0; k < dv; k++) aNorm += a[k] * a[k];
  aNorm = Math.sqrt(aNorm);
  let g0 = 0;
  for (let k = 0; k < dv; k++) g0 += G0[k] * G0[k];
  g0 = Math.sqrt(g0);
  const Z = tilt.Zlow;
  const tailG = (T: number): number => tV[T] + aNorm * tD[T];
  if (!(tailG(MAX_CELL_ORDER) <= Math.max(TAIL_GIVE_UP * g0, TAIL_TARGET * Z))) return null;
  const target = Math.max(Math.min(TAIL_TARGET * Z, 1e-3 * g0), tailBudget * Z);
  let T = 1;
  while (T < MAX_CELL_ORDER && tailG(T) > target) T++;
  // The per-row sums and the powers each err by ≤ γ_{rows + 3T + 8} (all terms ≥ 0).
  const tailUp = 1 + gamma(rows + 3 * T + 8);
  const tab = monomialTable(r, T);
  const P = tab.size;
  const MV = new Float64Array(P * dv);
  const M1 = new Float64Array(P);
  const w = new Float64Array(P);
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
  // |moment error| ≤ K_inf^{|α|}·(Σ err_i·norm + γ·Σ|μ̂_i|·norm): the
  // coefficients, the ≤ 2T roundings of each monomial and of c − k̄, the row sum.
  const gm = gamma(rows + 4 * T + 8);
  return {
    yc: Float64Array.from(yc),
    h,
    tilt,
    T,
    tab,
    MV,
    M1,
    baseV: (tilt.errMuV + gm * tilt.absMuV) * (1 + gamma(4)),
    base1: (tilt.errMu + gm * tilt.absMu) * (1 + gamma(4)),
    Kinf: Kinf * (1 + 2 * u),
    tailV: tV[T] * tailUp,
    tailD: tD[T] * tailUp,
  };
}

/** G'_α = M^V_α − a·M^1_α for every α, with upper bounds on ‖G'_α‖, |D_α| and their errors. */
export interface MomentNorms {
  readonly G: Float64Array;
  /** ‖G'_α‖ + error (upper bound on the exact norm), its error alone, |D_α| + error, its error alone. */
  readonly Gn: Float64Array;
  readonly Ge: Float64Array;
  readonly Dn: Float64Array;
  readonly De: Float64Array;
  /** ‖a‖ rounded up. */
  readonly aNorm: number;
}

/**
 * Computes the moments G_α = Σμ_ic̃_i^α(v_i − a) of an expansion for a value
 * centre a, with their `lem:float-error` bounds (`lem:recentred-cell-bound`).
 * @lemma lem:recentred-cell-bound
 */
export function momentNorms(e: Expansion, a: Float64Array, dv: number): MomentNorms {
  const u = UNIT_ROUNDOFF;
  const P = e.tab.size;
  let aNorm = 0;
  for (let k = 0; k < dv; k++) aNorm += a[k] * a[k];
  aNorm = Math.sqrt(aNorm) * (1 + gamma(dv + 2));
  const G = new Float64Array(P * dv);
  const Gn = new Float64Array(P);
  const Ge = new Float64Array(P);
  const Dn = new Float64Array(P);
  const De = new Float64Array(P);
  for (let j = 0; j < P; j++) {
    let s2 = 0;
    let mv2 = 0;
    for (let k = 0; k < dv; k++) {
      const x = e.MV[j * dv + k] - a[k] * e.M1[j];
      G[j * dv + k] = x;
      s2 += x * x;
      mv2 += e.MV[j * dv + k] ** 2;
    }
    const kp = e.Kinf ** e.tab.deg[j] * (1 + gamma(e.tab.deg[j] + 1));
    const e1 = e.base1 * kp;
    const mvn = Math.sqrt(mv2) * (1 + gamma(dv + 2));
    Ge[j] = (e.baseV * kp + aNorm * e1 + 2 * u * (mvn + aNorm * Math.abs(e.M1[j]))) * (1 + gamma(4));
    Gn[j] = Math.sqrt(s2) * (1 + gamma(dv + 2)) + Ge[j];
    De[j] = e1;
    Dn[j] = Math.abs(e.M1[j]) + e1;
  }
  return { G, Gn, Ge, Dn, De, aNorm };
}
