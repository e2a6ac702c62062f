/**
 * The last step of `lem:recentred-cell-bound`: the linear part Λ, the rest
 * Γ, Jensen's factor and Z_c assembled into the cell's bound, rounded up.
 * @module
 */
import { gamma, UNIT_ROUNDOFF } from '../fast/float-error.js';
import type { CentreData } from './local-cell.js';

/** What the assembly needs; vectors in the scale of the centre's tilt. */
export interface CellParts {
  readonly r: number;
  readonly dv: number;
  readonly scale: number;
  /** The cell: centre (within `offset` in ‖·‖ of the point the expansion is about), half-width h, ball radius R. */
  readonly yc: Float64Array;
  readonly h: number;
  readonly R: number;
  readonly offset: number;
  /** L̂₀ (dv) and L̂₁ (dv × r, row-major) with ‖L₀ − L̂₀‖ ≤ eL0, ‖L₁ − L̂₁‖_F ≤ eL1. */
  readonly L0: Float64Array;
  readonly eL0: number;
  readonly L1: Float64Array;
  readonly eL1: number;
  /** ≥ sup ‖G_{≥2}‖ (orders ≥ 2 and the tail), sup |Δ|, sup |Δ − D₀| over the cell. */
  readonly G2: number;
  readonly Zsup: number;
  readonly Z1: number;
  /** Z_c ≥ Zlow; Jensen's mean within kErr; a factor ≥ 1 (or the normalisation) multiplying the bound. */
  readonly Zlow: number;
  readonly kErr: number;
  readonly factor: number;
  readonly ctr: CentreData;
}

/**
 * Computes (Λ + Γ)·e^{|s|δκ}·factor/Z_c of `lem:recentred-cell-bound`,
 * every step rounded up (`lem:float-error`); Infinity when Jensen's factor
 * is not small.
 * @lemma lem:recentred-cell-bound
 */
export function assembleCellBound(p: CellParts): number {
  const { r, dv, yc, h, R, L0, L1, ctr } = p;
  const u = UNIT_ROUNDOFF;
  const as = Math.abs(p.scale);
  const delta = h * Math.sqrt(r) * (1 + gamma(3));
  let l0 = 0;
  for (let k = 0; k < dv; k++) l0 += L0[k] * L0[k];
  const L0n = Math.sqrt(l0) * (1 + gamma(dv + 2));
  let l1 = 0;
  let jf = 0;
  for (let t = 0; t < dv * r; t++) {
    l1 += L1[t] * L1[t];
    jf += ctr.J[t] * ctr.J[t];
  }
  const L1Fn = Math.sqrt(l1) * (1 + gamma(dv * r + 2));
  const JFn = Math.sqrt(jf) * (1 + gamma(dv * r + 2));
  // w = L̂₁ᵀL̂₀ and sup⟨w, z⟩: the cube, and the ball (the centre is within `offset` of y_c).
  const w = new Float64Array(r);
  for (let l = 0; l < r; l++) {
    let x = 0;
    for (let k = 0; k < dv; k++) x += L1[k * r + l] * L0[k];
    w[l] = x;
  }
  let w1 = 0;
  let w2 = 0;
  let wc = 0;
  let wcAbs = 0;
  for (let l = 0; l < r; l++) {
    w1 += Math.abs(w[l]);
    w2 += w[l] * w[l];
    wc += w[l] * yc[l];
    wcAbs += Math.abs(w[l] * yc[l]);
  }
  const wErr = gamma(dv + 2) * L1Fn * L0n * Math.sqrt(r);
  const wn = Math.sqrt(w2) * (1 + gamma(r + 2));
  const cube = h * w1 * (1 + gamma(r + 2));
  const ball = R * wn * (1 + gamma(2)) - (wc - gamma(r + 2) * wcAbs) + wn * p.offset * (1 + gamma(2));
  const lo = Math.min(cube, ball);
  const lin = lo + 4 * u * Math.abs(lo) + wErr * delta * (1 + gamma(2));
  const quad = L1Fn * L1Fn * delta * delta * (1 + gamma(4));
  const Lsq = Math.sqrt(Math.max(0, L0n * L0n * (1 + gamma(2)) + 2 * lin + quad)) * (1 + gamma(4));
  const Lsup = Math.min(Lsq, (L0n + L1Fn * delta) * (1 + gamma(3))) + p.eL0 + p.eL1 * delta;
  // Γ: orders ≥ 2; (b₀ + (J_1 − Ĵ_1)z + R_B)·Δ; Ĵ_1z·(Δ − D₀).
  const rest = p.G2 + (ctr.aError + ctr.jError * delta + ctr.H1 * delta * delta) * p.Zsup + JFn * delta * p.Z1;
  const x = as * delta * p.kErr * (1 + gamma(3));
  if (!(x <= 1)) return Infinity;
  const jensen = 1 + 2 * x; // e^x ≤ 1 + 2x on [0, 1]
  return (((Lsup + rest * (1 + gamma(4))) * jensen * p.factor) / p.Zlow) * (1 + gamma(8));
}
