/**
 * The signed measure a certificate bounds: rows (k_i, u_i = (v_i, 1)) with
 * coefficients c_i, so that (ΔN(q), ΔZ(q)) = Σ_i c_i e^{s⟨q,k_i⟩} u_i
 * (`lem:error-identity`). A weighted subset gives c = 1/n − ŵ on the n
 * instance rows; a compressed cache would give +1/n on the instance rows and
 * −ŵ′ on its own rows. Certificates read only this, so they serve both.
 * @module
 */
import { gamma, SUBNORMAL_MIN, UNIT_ROUNDOFF } from '../fast/float-error.js';
import { jensenLogLowerBound, powerOfTwoScaled } from '../fast/partition-bounds.js';
import type { Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';

/** A signed measure over rows, with what a certificate needs around it. */
export interface SignedMeasure {
  /** Number of rows. */
  readonly rows: number;
  readonly d: number;
  readonly dv: number;
  /** Keys, rows × d, row-major. */
  readonly K: Float64Array;
  /** Values, rows × dv, row-major (the lifted 1 is implicit). */
  readonly V: Float64Array;
  /** Computed coefficients c̃_i. */
  readonly c: Float64Array;
  /** |c̃_i − c_i| ≤ delta_i for the exact coefficients c_i. */
  readonly delta: Float64Array;
  /** An upper bound on sup_q ‖A_ref(q)‖ (the attention the error is measured from). */
  readonly refValueRadius: number;
  /** A lower bound on ln inf_{B_ρ} Z of the denominator measure (ŵ), for the given ρ and scale. */
  readonly logZDenLower: number;
  /** A lower bound on ln inf_{B_ρ} Z of the reference measure (1/n), or −Infinity. */
  readonly logZRefLower: number;
}

/**
 * Computes an upper bound on max_i ‖row_i‖² of a rows × cols matrix
 * (a sum of `cols` squares is within γ_cols of exact, `lem:float-error`).
 * @lemma lem:float-error
 */
export function maxRowNormSquared(X: Float64Array, rows: number, cols: number): number {
  let best = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let a = 0; a < cols; a++) s += X[i * cols + a] ** 2;
    if (s > best) best = s;
  }
  return best * (1 + gamma(cols + 1));
}

/**
 * Computes the signed measure c = 1/n − ŵ of a weighted subset on the n
 * instance rows (`lem:error-identity`), with rigorous bounds δ_i on the
 * rounding of c̃_i (`lem:certificate-rounding`, step "Weights"), the value
 * radius of A_1 and the Jensen lower bounds of `lem:partition-bounds` for
 * both measures at radius ρ and logit scale `scale`.
 * @lemma lem:error-identity
 * @lemma lem:certificate-rounding
 * @lemma lem:partition-bounds
 */
export function subsetMeasure(inst: Instance, c: NormalizedCoreset, rho: number, scale = 1): SignedMeasure {
  const { n, d, dv, K, V } = inst;
  const u = UNIT_ROUNDOFF;
  const m = c.indices.length;
  const wts = powerOfTwoScaled(c.weights);
  let W = 0;
  for (let j = 0; j < m; j++) W += wts[j];
  const invN = 1 / n;
  const ch = new Float64Array(n).fill(invN);
  const delta = new Float64Array(n).fill(2 * u * invN);
  const gw = gamma(m + 1);
  for (let j = 0; j < m; j++) {
    const i = c.indices[j];
    const wh = wts[j] / W;
    ch[i] = invN - wh;
    delta[i] = 2 * u * invN + 2 * gw * wh + 2 * u * Math.abs(ch[i]) + 2 * SUBNORMAL_MIN;
  }
  const opt = { scale };
  return {
    rows: n,
    d,
    dv,
    K,
    V,
    c: ch,
    delta,
    refValueRadius: Math.sqrt(maxRowNormSquared(V, n, dv)) * (1 + gamma(2)),
    logZDenLower: jensenLogLowerBound(inst, c, rho, opt),
    logZRefLower: jensenLogLowerBound(inst, null, rho, opt),
  };
}
