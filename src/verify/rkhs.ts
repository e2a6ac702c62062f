/**
 * The RKHS certificate of `lem:rkhs-certificate`: an upper bound on E(w)
 * over the whole ball in any dimension, with its binary64 evaluation
 * rounded rigorously (`lem:certificate-rounding`).
 * @module
 */
import { gamma, UNIT_ROUNDOFF } from '../fast/float-error.js';
import { differenceLogLowerBound, jensenLogLowerBound } from '../fast/partition-bounds.js';
import { unionRows } from '../fast/union.js';
import { subsetCoefficients } from './measure.js';
import type { Cache, Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';

/**
 * Largest n for which the certificate is computed by default: its cost is
 * n²/2·(d + dv) multiply-adds plus n²/2·|grid| exponentials, about 4 s at
 * n = 4096, d = dv = 64 on the 2-core benchmark machine (bench/RESULTS.md);
 * it grows 4× per doubling of n.
 */
export const RKHS_MAX_N = 4096;

/**
 * The s grid as multiples of ρ: 2^{k/4}, k = −6..3. Why a grid: see
 * {@link rkhsCertificate}; the range covers where the optimum sat on random
 * and structured instances (0.6ρ..1.2ρ), with a margin on both sides.
 */
export const RKHS_GRID = Array.from({ length: 10 }, (_, k) => 2 ** ((k - 6) / 4));

/** Result of {@link rkhsCertificate}. */
export interface RkhsCertificate {
  /** Upper bound on E(w) (Infinity when no finite bound results). */
  readonly upper: number;
  /** The kernel parameter s attaining it. */
  readonly s: number;
  /** Which Z_min form won: 'jensen' or 'mass-difference'. */
  readonly zForm: 'jensen' | 'mass-difference';
}

/** Upper end of ln(x) for x ≥ 0 computed within relative γ: log of the inflated value. */
function logUp(x: number, rel: number): number {
  if (x <= 0) return -Infinity;
  const l = Math.log(x * (1 + rel));
  return l + Math.abs(l) * 4 * UNIT_ROUNDOFF + 4 * UNIT_ROUNDOFF;
}

/**
 * Computes an upper bound on E(w) = sup_{‖q‖≤ρ} ‖A_1(q) − A_w(q)‖
 * (`lem:rkhs-certificate`):
 * $$E(w) \le \sqrt{1+R_v^2}\, e^{\rho^2/(2s)} \sqrt{\hat c^\top (G_s \circ UU^\top)\hat c} / Z_{\min},$$
 * with u_i = (v_i, 1), G_s = [e^{s⟨k_i,k_j⟩}], ĉ = 1/n − ŵ (normalised
 * weights, zero outside the coreset), and Z_min the larger of the two forms of
 * `lem:partition-bounds`: Jensen e^{−ρ‖k̄_ŵ‖}, and Z_1 − |ΔZ| with
 * Z_1 ≥ e^{−ρ‖k̄_1‖} and |ΔZ| ≤ e^{ρ²/(2s)}·√(ĉᵀG_sĉ) (the same RKHS argument
 * with u_i = 1). With a logit scale σ, ρ is replaced by |σ|·ρ. For a cache
 * the sums run over the union of the n + m rows with ĉ = (1/n, …, −ŵ′_j, …)
 * and G*, R_v over both sets (`lem:cache-rkhs-certificate`).
 *
 * Method: one pass over the pairs i ≤ j (no n × n matrix is stored)
 * evaluates both quadratic forms for every s on the grid `RKHS_GRID`, in shifted form e^{s(⟨k_i,k_j⟩ − G*)} with G* ≥ max‖k_i‖², so no
 * exponential overflows. Minimising on this grid instead of by golden-section
 * costs no extra passes; the exponent ρ²/(2s) + s·c/2 is flat near its
 * minimum, and a quarter-octave grid is within a factor e^{0.003·ρ√c} of it.
 *
 * Error: the computed bound is ≥ the exact one (`lem:certificate-rounding`):
 * every term's rounding is bounded by an envelope accumulated alongside.
 *
 * Special cases: returns upper = Infinity when no s gives a positive Z_min.
 * `grid` (multiples of ρ, each > 0) replaces `RKHS_GRID`.
 * @lemma lem:rkhs-certificate
 * @lemma lem:certificate-rounding
 * @lemma lem:partition-bounds
 * @lemma lem:cache-rkhs-certificate
 */
export function rkhsCertificate(inst: Instance, c: NormalizedCoreset | Cache, rho: number, scale = 1, grid: readonly number[] = RKHS_GRID): RkhsCertificate {
  // The signed measure lives on the union of the instance's and the cache's
  // rows (lem:cache-rkhs-certificate); for a subset that union is the
  // instance itself, and ĉ merges on its rows.
  const { rows: U, instanceRows } = unionRows(inst, c);
  const { n, d, dv, K, V } = U;
  const u = UNIT_ROUNDOFF;
  const r = Math.abs(scale) * rho * (1 + gamma(2));
  // ĉ_i and its absolute error bound δ_i (lem:certificate-rounding, step 1).
  const { c: ch, delta } = subsetCoefficients(n, c, instanceRows);
  // Norm bounds: G* ≥ max‖k_i‖², Rv ≥ max‖v_i‖.
  let kk = 0;
  let vv = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += K[i * d + a] ** 2;
    kk = Math.max(kk, s);
    let t = 0;
    for (let a = 0; a < dv; a++) t += V[i * dv + a] ** 2;
    vv = Math.max(vv, t);
  }
  const Gstar = kk * (1 + gamma(d + 1));
  const Rv2 = vv * (1 + gamma(dv + 1));
  const etaH = gamma(dv + 2) * (Rv2 + 1) * (1 + gamma(2));
  const S = grid.length;
  const sv = grid.map((f) => f * r);
  const Q = new Float64Array(S); // Σ ĉĉ h E
  const P = new Float64Array(S); // Σ ĉĉ E
  const UQ = new Float64Array(S); // envelope Σ ĉ⁺ĉ⁺(|h|+η)E
  const UP = new Float64Array(S); // envelope Σ ĉ⁺ĉ⁺E
  const LQ = new Float64Array(S); // Σ |ĉĉh|E
  const LP = new Float64Array(S); // Σ |ĉĉ|E
  for (let i = 0; i < n; i++) {
    const ci = ch[i];
    const cpi = Math.abs(ci) + delta[i];
    const kb = i * d;
    const vb = i * dv;
    for (let j = i; j < n; j++) {
      const cj = ch[j];
      const mult = j === i ? 1 : 2; // symmetric pairs counted twice, exactly
      let g = 0;
      const kj = j * d;
      for (let a = 0; a < d; a++) g += K[kb + a] * K[kj + a];
      let h = 1;
      const vj = j * dv;
      for (let a = 0; a < dv; a++) h += V[vb + a] * V[vj + a];
      const cc = mult * ci * cj;
      const cp = mult * cpi * (Math.abs(cj) + delta[j]);
      const ah = Math.abs(h);
      const x = g - Gstar;
      for (let k = 0; k < S; k++) {
        const E = Math.exp(sv[k] * x);
        const t = cc * E;
        P[k] += t;
        Q[k] += t * h;
        const e = cp * E;
        UP[k] += e;
        UQ[k] += e * (ah + etaH);
        const at = Math.abs(t);
        LP[k] += at;
        LQ[k] += at * ah;
      }
    }
  }
  const N = (n * (n + 1)) / 2;
  const g = gamma(N + 8);
  // lem:certificate-rounding: |exact − computed| ≤ (1+κ)(1+g)U − (1−g)L + 2gL.
  const xErr = (s: number): number => s * Gstar * gamma(d + 8) * 2;
  const kappa = (s: number): number => {
    const e = Math.exp(xErr(s) * (1 + 4 * u));
    return ((e * (1 + 2 * u) - 1) * e) / (1 - 2 * u) + 8 * u;
  };
  const errBound = (Uv: number, Lv: number, s: number): number => {
    const kp = kappa(s);
    const diff = (1 + kp) * (1 + g) * Uv - (1 - g) * Lv + 2 * g * Lv;
    return diff + 8 * u * (Uv + Lv);
  };
  const logZ1 = jensenLogLowerBound(inst, null, r);
  const logZw = jensenLogLowerBound(inst, c, r);
  let best: RkhsCertificate = { upper: Infinity, s: sv[0], zForm: 'jensen' };
  for (let k = 0; k < S; k++) {
    const s = sv[k];
    const Qup = Q[k] + errBound(UQ[k], LQ[k], s);
    const Pup = P[k] + errBound(UP[k], LP[k], s);
    const expo = ((r * r) / (2 * s)) * (1 + gamma(3)) + ((s * Gstar) / 2) * (1 + gamma(2));
    // ln |ΔZ| ≤ ρ²/(2s) + ½ s G* + ½ ln P'.
    const logDZ = expo + 0.5 * logUp(Pup, 0);
    const logZmd = differenceLogLowerBound(logZ1, logDZ + Math.abs(logDZ) * 4 * u);
    const zForm = logZmd > logZw ? 'mass-difference' : 'jensen';
    const logZ = Math.max(logZw, logZmd);
    const logNum = 0.5 * logUp(1 + Rv2, 2 * u) + expo + 0.5 * logUp(Qup, 0);
    const logB = logNum - logZ;
    const slack = gamma(12) * (Math.abs(logNum) + Math.abs(logZ) + 1);
    const upper = Qup <= 0 ? 0 : Math.exp(logB + slack) * (1 + 4 * u);
    if (upper < best.upper) best = { upper, s, zForm };
  }
  return best;
}
