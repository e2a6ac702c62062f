/**
 * The directional form of the moment certificate
 * (`lem:moment-directional`): the numerator's spectral part and the
 * coreset's partition function both bounded through the direction's second
 * moment c = xᵀCx, C = Σ ŵ_j k_jk_jᵀ, so that the sup of the numerator and
 * the inf of Z are no longer taken at different queries.
 * @module
 */
import { EXP_RELATIVE_ERROR, gamma, SUBNORMAL_MIN, UNIT_ROUNDOFF } from '../fast/float-error.js';
import { certifiedMaxEigenvalue } from './eigen-bound.js';
import { momentUnderflow, momentWeightError } from './moment-envelope.js';
import { momentPairPass } from './moment-pass.js';
import { roundUpSum } from './rounding.js';

/** Cells of the (radius, second moment) grid in each coordinate. */
export const DIRECTION_GRID = 64;

/** Multipliers of λ_max(M̄)/λ_max(C) tried as the Lagrange weight γ in xᵀM̄x ≤ λ_max(M̄ − γC) + γ·xᵀCx. */
const GAMMA_STEPS = [0.25, 0.5, 0.75, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.75, 2, 3, 4, 8];

/** The denominator's own rows: computed normalised weights ŵ̃_j with |ŵ̃_j − ŵ_j| ≤ delta_j. */
export interface DenominatorRows {
  /** Row indices, normalised weights ŵ̃_j and bounds |ŵ̃_j − ŵ_j| ≤ delta_j. */
  readonly rows: ArrayLike<number>;
  readonly weights: Float64Array;
  readonly delta: Float64Array;
}

/** Inputs of {@link directionalMomentBound}: the measure's keys and the certificate's parts. */
export interface DirectionalInput {
  /** Keys (recentred, as the certificate used them), N × d, and values N × dv. */
  readonly K: Float64Array;
  readonly V: Float64Array;
  readonly d: number;
  readonly dv: number;
  readonly den: DenominatorRows;
  /** ρ_s rounded up, R_k ≥ max‖k‖, G* ≥ max‖k‖². */
  readonly rs: number;
  readonly Rk: number;
  readonly Gs: number;
  readonly Ts: number;
  readonly Tf: number;
  /** Certified per-order norms of the joint family U (index t = 0..Tf). */
  readonly tU: readonly number[];
  /** Σ|c|‖u‖ rounded up (the Lagrange tail's mass). */
  readonly tailMass: number;
  /** M̄ = Σ_t β_t M^U_t as computed, ‖M̃̄ − M̄‖_F ≤ barErr, and the β_t (index t, entry 0 unused). */
  readonly Mbar: Float64Array;
  readonly barErr: number;
  readonly betas: readonly number[];
  /** R_A ≥ sup‖A_ref‖ and the global certified ln Z_min. */
  readonly RA: number;
  readonly logZ: number;
  readonly additive: number;
}

/** Result of {@link directionalMomentBound}. */
export interface DirectionalBound {
  /** The bound on sup_{B_ρ} E (Infinity when it says nothing). */
  readonly upper: number;
  /** κ₁ ≥ ‖Σŵk‖, κ₃ ≥ sup_x|Σŵ⟨x,k⟩³|, λ_max(C) bounded above. */
  readonly kappa1: number;
  readonly kappa3: number;
  readonly cMax: number;
}

const sqrtUp = (x: number): number => (x > 0 ? Math.sqrt(x) * (1 + UNIT_ROUNDOFF) : 0);

/**
 * Computes the directional moment bound (`lem:moment-directional`):
 * $$E \le \max_{\text{cells}}\frac{\sqrt{1+R_A^2}\,\mathcal N(r_1, c_1)}{\max\bigl(Z_{\min},\,1 - r_1\kappa_1 + \tfrac{r_0^2c_0}{2} - \tfrac{r_1^3\kappa_3}{6} + \tfrac{(5 - r_1R_k)^+}{120}r_0^4c_0^2\bigr)}$$
 * over the cells [r₀, r₁] × [c₀, c₁] of [0, ρ_s] × [0, λ_max(C)], with
 * 𝒩(r, c) = T₀ + min(√(S(r)·min_γ(λ_max(M̄ − γC) + γc)), Σ_t a_t(r)√λ_t)
 * + Σ_{t>T_s} a_t(r)√τ_t + tail(r), a_t(r) = r^t/t!, S(r) = Σ a_t(r)²/β_t.
 *
 * Method: C and κ₁ directly from the denominator's rows, κ₃ = √λ_max of
 * Σ ŵ_iŵ_j⟨k_i,k_j⟩²k_ik_jᵀ by {@link momentPairPass} on those rows only,
 * every λ_max by {@link certifiedMaxEigenvalue}.
 *
 * Error: every rounding is bounded (`lem:moment-rounding` for the pass,
 * `lem:float-error` elsewhere); positive terms of Z's lower bound rounded
 * down, the rest up.
 * @lemma lem:moment-directional
 */
export function directionalMomentBound(inp: DirectionalInput): DirectionalBound {
  const u = UNIT_ROUNDOFF;
  const { K, V, d, dv, den, rs, Rk, Gs, Ts, Tf, tU, Mbar, barErr, betas, RA } = inp;
  const m = den.weights.length;
  const none: DirectionalBound = { upper: Infinity, kappa1: Infinity, kappa3: Infinity, cMax: 0 };
  if (m === 0 || !Number.isFinite(inp.logZ)) return none;
  // C̃ = Σ w̃ k kᵀ and Σ w̃ k over the denominator's rows.
  const Kd = new Float64Array(m * d);
  const Vd = new Float64Array(m * dv);
  const C = new Float64Array(d * d);
  const kb = new Float64Array(d);
  let sw = 0;
  let so = 0;
  for (let j = 0; j < m; j++) {
    const i = den.rows[j];
    const w = den.weights[j];
    sw += Math.abs(w);
    so += den.delta[j];
    for (let a = 0; a < d; a++) Kd[j * d + a] = K[i * d + a];
    for (let a = 0; a < dv; a++) Vd[j * dv + a] = V[i * dv + a];
    for (let a = 0; a < d; a++) {
      const wa = w * K[i * d + a];
      kb[a] += wa;
      for (let b = 0; b < d; b++) C[a * d + b] += wa * K[i * d + b];
    }
  }
  sw *= 1 + gamma(m + 1);
  so *= 1 + gamma(m + 1);
  // ‖C̃ − C‖_F ≤ Σ(δ_j + γ_{m+2}|w̃_j|)‖k_j‖² (true weights ŵ, these keys exactly).
  // Gradual underflow: each of a summand's two products may lose 2^{−1075}.
  const eC = ((so + gamma(m + 2) * sw) * Gs + 2 * d * m * Math.max(1, Gs) * SUBNORMAL_MIN) * (1 + gamma(4));
  let kbn = 0;
  for (let a = 0; a < d; a++) kbn += kb[a] * kb[a];
  const kbUnder = Math.sqrt(d) * m * SUBNORMAL_MIN;
  const kappa1 = (Math.sqrt(kbn + d * SUBNORMAL_MIN) * (1 + gamma(d + 2)) + (so + gamma(m + 2) * sw) * Math.sqrt(Gs) + kbUnder) * (1 + gamma(4));
  const cb = certifiedMaxEigenvalue(C, d, eC);
  const cMax = cb.upper;
  if (!(cMax > 0) || !Number.isFinite(cMax)) return none;
  // κ₃: the order-3 flattening of the denominator's own measure (h = 1).
  const pass = momentPairPass({ N: m, d, dv, K: Kd, V: Vd, c: den.weights, Ts: 3, Tf: 3, split: true, ref: null, rb: new Float64Array(0), bb: 0 });
  const werr = momentWeightError(Gs, d, (sw + so) * (1 + gamma(2)), sw * (1 - gamma(3 * m + 6)));
  const e3 = (Gs * werr(2, 1, 0, pass.pathM) + d * momentUnderflow(m * m, Gs, d, dv, (sw + so) * (1 + gamma(2)))(2, 1)) * (1 + gamma(2));
  const kappa3 = sqrtUp(certifiedMaxEigenvalue(pass.M1[2], d, e3).upper);
  // λ_max(M̄ − γC) for a few γ (γ = 0: λ_max(M̄)).
  const LM = certifiedMaxEigenvalue(Mbar, d, barErr).upper;
  let cf = 0;
  for (const x of C) cf += x * x;
  cf = Math.sqrt(cf) * (1 + gamma(d * d + 2));
  const pairs: [number, number][] = [[Math.max(0, LM), 0]];
  const S = new Float64Array(d * d);
  for (const step of GAMMA_STEPS) {
    const g = (LM / cMax) * step;
    if (!(g > 0) || !Number.isFinite(g)) continue;
    let sf = 0;
    for (let e = 0; e < d * d; e++) {
      S[e] = Mbar[e] - g * C[e];
      sf += S[e] * S[e];
    }
    const sub = 2 * u * (g * cf * (1 + u) + Math.sqrt(sf) * (1 + gamma(d * d + 2))) * (1 + gamma(2));
    const L = certifiedMaxEigenvalue(S, d, (barErr + g * eC * (1 + u) + sub) * (1 + gamma(2))).upper;
    pairs.push([Math.max(0, L), g]);
  }
  const zGlobal = Math.exp(inp.logZ) * (1 - EXP_RELATIVE_ERROR) * (1 - gamma(2));
  const joinFactor = Math.sqrt((1 + RA * RA) * (1 + gamma(3))) * (1 + u);
  const G = DIRECTION_GRID;
  // The numerator at radius r1 for each c1 on the grid, then the max over cells.
  let worst = 0;
  for (let ir = 1; ir <= G; ir++) {
    const r1 = ((rs * ir) / G) * (1 + u);
    const r0 = ((rs * (ir - 1)) / G) * (1 - u);
    const a: number[] = [1];
    for (let t = 1; t <= Tf + 1; t++) a.push(((a[t - 1] * r1) / t) * (1 + gamma(3)));
    let Sr = 0;
    let tri = 0;
    for (let t = 1; t <= Ts; t++) {
      tri += a[t] * tU[t] * (1 + gamma(2));
      if (betas[t] > 0) Sr += ((a[t] * a[t]) / betas[t]) * (1 + gamma(3));
    }
    Sr *= 1 + gamma(Ts + 1);
    tri *= 1 + gamma(Ts + 1);
    const rest: number[] = [tU[0]];
    for (let t = Ts + 1; t <= Tf; t++) rest.push(a[t] * tU[t] * (1 + gamma(2)));
    let rk = 1;
    for (let t = 0; t <= Tf; t++) rk *= Rk * (1 + 2 * u);
    const xr = r1 * Rk * (1 + gamma(2));
    rest.push(inp.tailMass * a[Tf + 1] * rk * Math.exp(xr) * (1 + EXP_RELATIVE_ERROR) * (1 + gamma(4)));
    const neg = (r1 * kappa1 + (r1 * r1 * r1 * kappa3) / 6) * (1 + gamma(8));
    const quartic = xr < 5 ? ((5 - xr) / 120) * (1 - gamma(3)) : 0;
    for (let ic = 1; ic <= G; ic++) {
      const c1 = ((cMax * ic) / G) * (1 + u);
      const c0 = ((cMax * (ic - 1)) / G) * (1 - u);
      let quad = Infinity;
      for (const [L, g] of pairs) quad = Math.min(quad, (L + g * c1) * (1 + gamma(2)));
      const spec = Math.min(sqrtUp(Sr * quad * (1 + gamma(2))), tri);
      const num = roundUpSum([...rest, spec]) * joinFactor;
      const q2 = r0 * r0 * c0;
      const pos = (q2 / 2 + quartic * q2 * q2) * (1 - gamma(6));
      const zl = Math.max(zGlobal, (1 + pos - neg) * (1 - gamma(3)));
      worst = Math.max(worst, (num / zl) * (1 + gamma(2)));
    }
  }
  const upper = inp.additive > 0 ? (worst + inp.additive) * (1 + u) : worst;
  return { upper: Number.isFinite(upper) ? upper : Infinity, kappa1, kappa3, cMax };
}
