/**
 * The error identity of `lem:error-identity`, evaluated in binary64.
 * @module
 */
import { InputError } from '../errors.js';
import type { AttentionOptions, Compressed, Instance } from '../types.js';
import { SUBNORMAL_MIN, UNIT_ROUNDOFF, evaluationProfile, gamma } from './float-error.js';
import { dot } from './logits.js';
import { keptRows } from './support.js';
import { sideWeightsOnUnion, unionRows } from './union.js';

interface Sums {
  /** Σ ê_i over the instance rows (ê_i = exp(ℓ_i − max ℓ), so Z1 ≥ 1). */
  readonly Z1: number;
  /** Σ ŵ_i ê_i over the compressed side's rows. */
  readonly Zw: number;
  readonly result: Float64Array;
}

function sums(inst: Instance, q: Float64Array, w: Compressed, options: AttentionOptions): Sums {
  const { rows, instanceRows } = unionRows(inst, w);
  const { d, dv, K, V } = rows;
  const N = rows.n;
  const n = inst.n;
  const scale = options.scale ?? 1;
  const { dense, total: W } = sideWeightsOnUnion(inst, w);
  if (!(W > 0) || !Number.isFinite(W)) throw new InputError('parameter', 'weights', `sum to ${W}; need a finite positive total`);
  const e = new Float64Array(N);
  // The shift is the largest instance logit, so Z1 ≥ 1 (cache rows above it
  // by more than ~709 overflow: see Special cases).
  let shift = -Infinity;
  for (let i = 0; i < N; i++) {
    const l = dot(q, 0, K, i * d, d);
    e[i] = scale === 1 ? l : scale * l;
    if (i < instanceRows && e[i] > shift) shift = e[i];
  }
  const un = 1 / n;
  let Z1 = 0;
  let Zw = 0;
  let dZ = 0;
  const N1 = new Float64Array(dv);
  const dN = new Float64Array(dv);
  for (let i = 0; i < N; i++) {
    const full = i < instanceRows;
    const ei = Math.exp(e[i] - shift);
    const wh = dense[i] / W;
    const ce = ((full ? un : 0) - wh) * ei;
    if (full) Z1 += ei;
    Zw += wh * ei;
    dZ += ce;
    for (let c = 0; c < dv; c++) {
      const v = V[i * dv + c];
      if (full) N1[c] += ei * v;
      dN[c] += ce * v;
    }
  }
  const result = new Float64Array(dv);
  for (let c = 0; c < dv; c++) result[c] = (dN[c] - (N1[c] / Z1) * dZ) / Zw;
  return { Z1, Zw, result };
}

/**
 * Computes A_1(q) − A_w(q) through the identity of `lem:error-identity`:
 * $$A_1(q) - A_w(q) = \frac{\Delta N - A_1(q)\,\Delta Z}{Z_{\hat w}(q)},\quad
 * \Delta N = \sum_i \hat c_i e^{\langle q,k_i\rangle} v_i,\ \Delta Z = \sum_i \hat c_i e^{\langle q,k_i\rangle},$$
 * with ŵ = w/Σw spread over all n rows (repeated indices add) and
 * ĉ_i = 1/n − ŵ_i. For a cache C the sums run over the union of the n + m
 * rows with the signed measure +1/n on the instance, −ŵ′_j on the cache
 * (`lem:cache-error-identity`), and Z_ŵ is Σ ŵ′_j e^{⟨q,k′_j⟩}.
 *
 * Method: every exponential is shifted by the largest logit of the n
 * instance rows (`lem:shift-invariance`: the ratio is unchanged).
 *
 * Special cases: when every support logit lies more than ~745 below the
 * largest logit, Z_ŵ underflows and the result is not finite; likewise when
 * a cache logit exceeds every instance logit by more than ~709 (its term
 * overflows); compare attentions directly there.
 *
 * Error: within {@link errorIdentityErrorBound} (`lem:float-error`).
 * @lemma lem:error-identity
 * @lemma lem:cache-error-identity
 */
export function errorIdentity(inst: Instance, q: Float64Array, w: Compressed, options: AttentionOptions = {}): Float64Array {
  return sums(inst, q, w, options).result;
}

/**
 * Bounds ‖r̂ − r‖₂ for r = {@link errorIdentity}(inst, q, w) (`lem:float-error`).
 *
 * Derivation (u = 2⁻⁵³, γ_k as in `float-error.ts`, R_v the largest value
 * norm, S = Z_1/n + Z_ŵ, U = 4n·2⁻¹⁰⁷⁴ the underflow allowance of a sum):
 * the shifted exponentials have relative error τ = (1+2u)(1+u)e^{2η+u·spread} − 1
 * with η = γ_{d(+1)}·|s|‖q‖R_k; ŵ_i has relative error ω = γ_{2m+1};
 * ĉ_i has absolute error κ_c(1/n + ŵ_i), κ_c = ω + 3u. Then
 * |ΔẐ − ΔZ| ≤ ζS + U and |ΔN̂_c − ΔN_c| ≤ R_v(ζ′S + U) with
 * β = (1+κ_c)(1+τ)(1+u) − 1, ζ = (1+β)(1+γ_n) − 1, ζ′ = (1+ζ)(1+u) − 1;
 * Â_1 has componentwise error a = R_v(2λ/(1−λ) + u), λ = (1+τ)(1+u)(1+γ_n) − 1 + U
 * (Z_1 ≥ 1); the numerator T = ΔN − A_1ΔZ has error
 * E_T ≤ S·(R_v(ζ + ζ′) + a(1+ζ) + 3u(2R_v + a)(1+ζ′)) + U(4R_v + 2a);
 * Z_ŵ has relative error μ = (1+ω)(1+τ)(1+u)(1+γ_n) − 1 plus U; and with
 * |r_c| ≤ 2R_v each component is within (E_T + 2R_v(μZ_ŵ + U))/Ẑ_ŵ, times
 * (1 + 2u) for the final division; every derived constant is rounded upward
 * (factors 1 + 8u). S and Z_ŵ are bounded above from their
 * computed values. The 2-norm gains √dv. For a cache every n that counts
 * summands (γ_n, U) is the N = n + m rows of the union (1/n stays 1/n), and R_v, R_k and the spread are read over
 * the union (`lem:cache-float-error`): each row's coefficient is one of
 * 1/n or −ŵ′_j, a special case of ĉ_i = 1/n·[i ≤ n] − ŵ_i.
 *
 * Special cases: `Infinity` when Ẑ_ŵ ≤ U (underflow; nothing is claimed).
 * @lemma lem:float-error
 * @lemma lem:error-identity
 * @lemma lem:cache-float-error
 */
export function errorIdentityErrorBound(inst: Instance, q: Float64Array, w: Compressed, options: AttentionOptions = {}): number {
  const u = UNIT_ROUNDOFF;
  const { rows } = unionRows(inst, w);
  const { n: N, dv } = rows;
  const n = inst.n;
  const p = evaluationProfile(rows, q, null, options);
  const { Z1, Zw } = sums(inst, q, w, options);
  const Rv = p.valueNorm;
  const eta = gamma(p.d + (p.scaled ? 1 : 0)) * p.scaledQueryNorm * p.keyNorm;
  // (1+2u)(1+u)e^x − 1 with 1 + u unrepresentable: fold into 1 + 8u, as in
  // float-error.ts, so the bound's own roundings only raise it.
  const tau = (1 + 8 * u) * Math.exp(2 * eta + u * p.spread) - 1;
  const U = 4 * N * SUBNORMAL_MIN;
  const omega = gamma(2 * keptRows(w) + 1);
  const gn = gamma(N);
  const kc = omega + 3 * u;
  const beta = compose(kc, tau, u);
  const zeta = compose(beta, gn);
  const zetaP = compose(zeta, u);
  const lambda = compose(tau, u, gn) + U;
  const mu = compose(omega, tau, u, gn);
  if (!(Zw > U) || lambda >= 1 || mu >= 1) return Infinity;
  const a = Rv * ((2 * lambda) / (1 - lambda) + u) * (1 + 8 * u);
  const ZwUp = ((Zw + U) / (1 - mu)) * (1 + 8 * u);
  const S = (((Z1 / n) / (1 - lambda)) * (1 + 8 * u) + ZwUp) * (1 + 8 * u);
  const ET = (S * (Rv * (zeta + zetaP) + a * (1 + zeta) + 3 * u * (2 * Rv + a) * (1 + zetaP)) + U * (4 * Rv + 2 * a)) * (1 + 8 * u);
  const comp = ((ET + 2 * Rv * (mu * ZwUp + U)) / Zw) * (1 + 8 * u);
  return Math.sqrt(dv) * comp * (1 + 8 * u);
}

/**
 * Upper bound on Π(1 + x_i) − 1 for small x_i ≥ 0 that survives its own
 * rounding: with s = Σx_i ≤ 1, Π(1 + x_i) ≤ e^s ≤ 1 + s + s², and the factor
 * 1 + 8u covers the roundings of the few additions (1 + u itself is not
 * representable, so the product form would lose the u terms).
 */
function compose(...xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  if (!(s <= 1)) return Infinity;
  return (s + s * s) * (1 + 8 * UNIT_ROUNDOFF);
}
