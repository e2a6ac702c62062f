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
import { isCache } from '../fast/support.js';
import type { Cache, Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';
import type { DenominatorRows } from './moment-direction.js';

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
  /**
   * Added to a certificate of these rows to bound the original error: 0
   * unless the keys were recentred in binary64 (see {@link subsetMeasure}).
   */
  readonly additive: number;
  /**
   * Normalised coefficients a_i ≥ 0 of the reference measure (1/n on the
   * instance rows), when known: the certificate then bounds sup‖A_ref‖ more
   * tightly than `refValueRadius` (part 4 of `lem:moment-certificate`).
   */
  readonly refCoeff?: Float64Array;
  /** |ã_i − a_i| ≤ refDelta for every row. */
  readonly refDelta?: number;
  /**
   * The denominator's own rows and normalised weights ŵ (with rounding
   * bounds), when known: enables the directional bound (`lem:moment-directional`).
   */
  // Spelled out (not DenominatorRows): SignedMeasure is documented through
  // attn-coreset/internal, which does not export DenominatorRows.
  readonly denominator?: {
    /** Row indices, normalised weights ŵ̃_j and bounds |ŵ̃_j − ŵ_j| ≤ delta_j. */
    readonly rows: ArrayLike<number>;
    readonly weights: Float64Array;
    readonly delta: Float64Array;
  };
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
  // A square below 2^{−1022} may lose up to 2^{−1075} to gradual underflow.
  return (best + cols * SUBNORMAL_MIN) * (1 + gamma(cols + 1));
}

/**
 * Computes c̃ = 1/n − ŵ on n rows (zero weight outside the coreset) and
 * bounds δ_i ≥ |c̃_i − c_i| (`lem:certificate-rounding`, step "Weights"):
 * the weights are scaled by a power of two first (exact; underflowed
 * weights err by ≤ 2^{−1074} against a sum ≥ 1). For a cache the rows are
 * the union (`lem:cache-rkhs-certificate`): the first `instanceRows` carry
 * +1/instanceRows, cache row j is row instanceRows + j and carries −ŵ′_j.
 * @lemma lem:certificate-rounding
 * @lemma lem:cache-rkhs-certificate
 */
export function subsetCoefficients(n: number, c: NormalizedCoreset | Cache, instanceRows = n): { c: Float64Array; delta: Float64Array } {
  const u = UNIT_ROUNDOFF;
  const m = c.weights.length;
  const wts = powerOfTwoScaled(c.weights);
  let W = 0;
  for (let j = 0; j < m; j++) W += wts[j];
  const invN = 1 / instanceRows;
  const ch = new Float64Array(n);
  const delta = new Float64Array(n);
  ch.fill(invN, 0, instanceRows);
  delta.fill(2 * u * invN, 0, instanceRows);
  const gw = gamma(m + 1);
  const own = isCache(c);
  for (let j = 0; j < m; j++) {
    const i = own ? instanceRows + j : (c as NormalizedCoreset).indices[j];
    const wh = wts[j] / W;
    const base = i < instanceRows ? invN : 0;
    ch[i] = base - wh;
    delta[i] = 2 * u * base + 2 * gw * wh + 2 * u * Math.abs(ch[i]) + 2 * SUBNORMAL_MIN;
  }
  return { c: ch, delta };
}

/**
 * Computes the weighted mean key Σ ŵ_j k_{rows_j} (weights scaled by a power
 * of two first, exact), the centre of the recentring of `lem:moment-certificate`.
 * Any centre is valid; only the shift's rounding is accounted for.
 * @lemma lem:moment-certificate
 */
export function meanKey(K: Float64Array, d: number, rows: ArrayLike<number> | null, weights: Float64Array): Float64Array {
  const m = new Float64Array(d);
  const wts = powerOfTwoScaled(weights);
  let W = 0;
  for (let j = 0; j < wts.length; j++) W += wts[j];
  for (let j = 0; j < wts.length; j++) {
    const r = rows === null ? j : rows[j];
    for (let a = 0; a < d; a++) m[a] += (wts[j] / W) * K[r * d + a];
  }
  return m;
}

/**
 * Computes the keys k_x − m of N rows in binary64 and the additive term of
 * `lem:moment-certificate` (*Recentring*) for that shift: every logit moves
 * by ⟨q, m⟩ (`lem:shift-invariance`: no attention changes) except for the
 * rounding of k_x − m, a logit defect λ ≤ u·max‖k̃_x‖(1 + γ_4) per unit ‖q‖,
 * which `lem:branch-and-bound` part 2 turns into 2R_v(e^{2ρ_sλ} − 1), R_v over
 * all N rows' values V (Infinity when 2ρ_sλ > 1/2).
 * @lemma lem:moment-certificate
 */
export function recentredKeys(K0: Float64Array, N: number, d: number, m: Float64Array, V: Float64Array, dv: number, rho: number, scale: number): { K: Float64Array; additive: number } {
  const K = new Float64Array(N * d);
  for (let i = 0; i < N; i++) for (let a = 0; a < d; a++) K[i * d + a] = K0[i * d + a] - m[a];
  const lambda = UNIT_ROUNDOFF * Math.sqrt(maxRowNormSquared(K, N, d)) * (1 + gamma(4));
  const rv = Math.sqrt(maxRowNormSquared(V, N, dv)) * (1 + gamma(2));
  const x = 2 * Math.abs(scale) * rho * lambda * (1 + gamma(3));
  // e^x − 1 ≤ x e^x ≤ x(1 + 2x) for x ≤ 1/2.
  return { K, additive: x <= 0.5 ? 2 * rv * x * (1 + 2 * x) * (1 + gamma(4)) : Infinity };
}

/**
 * Computes the signed measure c = 1/n − ŵ of a weighted subset on the n
 * instance rows (`lem:error-identity`), with rigorous bounds δ_i on the
 * rounding of c̃_i (`lem:certificate-rounding`, step "Weights"), the value
 * radius of A_1 and the Jensen lower bounds of `lem:partition-bounds` for
 * both measures at radius ρ and logit scale `scale`. With `center`, the
 * keys are first recentred at the coreset's mean key (so its Jensen bound is
 * ≈ e^0), and `additive` carries the rounding of that shift.
 * @lemma lem:error-identity
 * @lemma lem:certificate-rounding
 * @lemma lem:partition-bounds
 */
export function subsetMeasure(inst: Instance, c: NormalizedCoreset, rho: number, scale = 1, center = false): SignedMeasure {
  const { n, d, dv, V } = inst;
  let K = inst.K;
  let additive = 0;
  if (center) {
    const shift = recentredKeys(inst.K, n, d, meanKey(inst.K, d, c.indices, c.weights), V, dv, rho, scale);
    K = shift.K;
    additive = shift.additive;
  }
  const shifted: Instance = { n, d, dv, K, V };
  const { c: ch, delta } = subsetCoefficients(n, c);
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
    logZDenLower: jensenLogLowerBound(shifted, c, rho, opt),
    logZRefLower: jensenLogLowerBound(shifted, null, rho, opt),
    additive,
    refCoeff: new Float64Array(n).fill(1 / n),
    refDelta: UNIT_ROUNDOFF / n,
    denominator: denominatorRows(c.indices, c.weights),
  };
}

/**
 * Computes the normalised weights ŵ_j = w_j/Σw of a weighted set on the
 * given rows (weights scaled by a power of two first, exact) with
 * |ŵ̃_j − ŵ_j| ≤ 2γ_{m+1}ŵ̃_j + 2·2^{−1074} (`lem:certificate-rounding`, step "Weights").
 * @lemma lem:certificate-rounding
 */
export function denominatorRows(rows: ArrayLike<number>, weights: Float64Array): DenominatorRows {
  const m = weights.length;
  const wts = powerOfTwoScaled(weights);
  let W = 0;
  for (let j = 0; j < m; j++) W += wts[j];
  const w = new Float64Array(m);
  const delta = new Float64Array(m);
  const gw = gamma(m + 1);
  for (let j = 0; j < m; j++) {
    w[j] = wts[j] / W;
    delta[j] = 2 * gw * w[j] + 2 * SUBNORMAL_MIN;
  }
  return { rows, weights: w, delta };
}
