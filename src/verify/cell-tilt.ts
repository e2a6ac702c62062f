/**
 * The softmax tilt of the error's measure at a cell's centre, with its
 * binary64 error bounds: the weights μ_i = ĉ_ig_i, Z_c and the tilted mean
 * key k̄ (`lem:recentred-cell-bound`).
 * @module
 */
import { EXP_RELATIVE_ERROR, gamma, UNIT_ROUNDOFF } from '../fast/float-error.js';
import type { CellMeasure } from './local-cell.js';

/** The measure tilted to a centre y_c, g_i = e^{s⟨y_c,c_i⟩ − m}. */
export interface Tilt {
  /** The shift m (a float, exact by choice). */
  readonly m: number;
  /** Computed μ̂_i and err_i ≥ |μ̂_i − μ_i|. */
  readonly mu: Float64Array;
  readonly err: Float64Array;
  /** Z_c = Σŵ_ig_i ≥ Zlow. */
  readonly Zlow: number;
  /** The tilted mean key k̄ (a float vector) and kErr ≥ its distance to the exact one. */
  readonly kbar: Float64Array;
  readonly kErr: number;
  /** max_i ‖c_i‖_∞. */
  readonly Kmax: number;
  /** Σ(|μ̂_i| + err_i)·‖v_i‖, Σ(|μ̂_i| + err_i), Σerr_i·‖v_i‖, Σerr_i. */
  readonly absMuV: number;
  readonly absMu: number;
  readonly errMuV: number;
  readonly errMu: number;
}

/**
 * Computes the tilt of `mu` at `yc`, or null when its rounding cannot be
 * bounded usefully (logit error ≥ 10⁻⁶, Z_c not positive)
 * (`lem:recentred-cell-bound`, *Binary64*).
 * @lemma lem:recentred-cell-bound
 */
export function centreTilt(mu: CellMeasure, yc: Float64Array): Tilt | null {
  const { rows, r, C, coeff, delta, den, valueNorm } = mu;
  const s = mu.scale;
  const as = Math.abs(s);
  const u = UNIT_ROUNDOFF;
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
  // |ℓ̂_i − m − (ℓ_i − m)| ≤ θ, so ĝ_i = g_i·e^{±θ}(1 ± 2u) and |ĝ_i − g_i| ≤ epsG·ĝ_i.
  const theta = (lam * gamma(r + 2) + u * spread) * (1 + gamma(4));
  if (!(theta < 1e-6)) return null;
  const epsG = 2 * (theta + EXP_RELATIVE_ERROR);
  const muH = new Float64Array(rows);
  const errI = new Float64Array(rows);
  let Z = 0;
  const kbar = new Float64Array(r);
  let absMuV = 0;
  let absMu = 0;
  let errMuV = 0;
  let errMu = 0;
  for (let i = 0; i < rows; i++) {
    const g = Math.exp(ell[i] - m);
    muH[i] = coeff[i] * g;
    const e = Math.abs(muH[i]) * (2 * u + 2 * epsG) + 2 * delta[i] * g;
    errI[i] = e;
    errMu += e;
    errMuV += e * valueNorm[i];
    absMu += Math.abs(muH[i]) + e;
    absMuV += (Math.abs(muH[i]) + e) * valueNorm[i];
    if (den[i] > 0) {
      const x = den[i] * g;
      Z += x;
      for (let l = 0; l < r; l++) kbar[l] += x * C[i * r + l];
    }
  }
  const epsZ = gamma(rows + 4) + 2 * epsG + mu.denError;
  if (!(Z > 0) || !(epsZ < 0.01)) return null;
  let Kmax = 0;
  for (let i = 0; i < rows * r; i++) Kmax = Math.max(Kmax, Math.abs(C[i]));
  for (let l = 0; l < r; l++) kbar[l] /= Z;
  // Numerator within (epsZ + u)·K_max·Z, denominator relative epsZ, the division u.
  const kErr = (3 * epsZ + 4 * u) * Kmax * Math.sqrt(r) * (1 + gamma(4));
  const g4 = 1 + gamma(rows + 4); // positive row sums
  return { m, mu: muH, err: errI, Zlow: Z * (1 - epsZ) * (1 - gamma(2)), kbar, kErr, Kmax, absMuV: absMuV * g4, absMu: absMu * g4, errMuV: errMuV * g4, errMu: errMu * g4 };
}
