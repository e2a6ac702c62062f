/**
 * Lower bounds on the normalised partition function over the query ball
 * (`lem:partition-bounds`), rounded so that the binary64 result is a true
 * lower bound. They are the denominators of `lem:rkhs-certificate`.
 * @module
 */
import type { AttentionOptions, Instance, Weighting } from '../types.js';
import { gamma, SUBNORMAL_MIN, UNIT_ROUNDOFF } from './float-error.js';
import { supportOf } from './support.js';

/**
 * Computes an upper bound on ‖k̄_ŵ‖, the norm of the weighted mean key
 * k̄_ŵ = Σ ŵ_i k_i with ŵ = w / Σw, valid for the exact real numbers.
 *
 * Method: numerator N = Σ w_i k_i and W = Σ w_i in binary64. Each component
 * of N is within γ_m·Σ w_i|k_{ia}| of the exact one, and that vector has
 * norm ≤ Σ w_i‖k_i‖ ≤ W·R_k; W is within γ_m·W. So
 * ‖k̄‖ ≤ (‖N̂‖·(1 + γ_{d+2}) + γ_m·Ŵ·(1+γ_m)·R̂_k)·(1 + γ_m)/Ŵ, each float
 * operation of that expression then rounded up by one more (1 + γ_8).
 * For a cache, the rows and weights are its own (`lem:cache-partition-bounds`).
 * @lemma lem:partition-bounds
 * @lemma lem:cache-partition-bounds
 */
export function meanKeyNormUpper(inst: Instance, w: Weighting): number {
  const { d } = inst;
  const { m, rows, K } = supportOf(inst, w);
  // Scale by a power of two so the largest weight is in [1, 2): exact, and
  // no square of a component overflows for weights near 1e308.
  const weights = w === null ? null : powerOfTwoScaled(w.weights);
  const N = new Float64Array(d);
  let W = 0;
  let rk = 0;
  for (let j = 0; j < m; j++) {
    const a = weights === null ? 1 : weights[j];
    if (a === 0) continue;
    const base = rows[j] * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const x = K[base + t];
      N[t] += a * x;
      s += x * x;
    }
    rk = Math.max(rk, s);
    W += a;
  }
  let nn = 0;
  for (let t = 0; t < d; t++) nn += N[t] * N[t];
  const gm = gamma(m + 2);
  const Rk = Math.sqrt(rk) * (1 + gamma(d + 2));
  // Weights that underflowed in the scaling lose at most 2⁻¹⁰⁷⁴ each, moving
  // the numerator by ≤ m·2⁻¹⁰⁷⁴·R_k and W by ≤ m·2⁻¹⁰⁷⁴ (W ≥ 1 after scaling).
  const under = m * SUBNORMAL_MIN * (Rk + 1) * 4;
  const num = Math.sqrt(nn) * (1 + gamma(d + 2)) + gm * W * (1 + gm) * Rk + under;
  return ((num * (1 + gm)) / W) * (1 + gamma(8));
}

/**
 * Computes the weights times 2^{−e}, with 2^e the largest power of two ≤ the
 * largest weight: the normalised weights ŵ = w/Σw are unchanged, and the
 * largest scaled weight lies in [1, 2), so sums and squares cannot
 * overflow (weights below 2^{e−1074} underflow; callers account for it).
 * @lemma lem:partition-bounds
 */
export function powerOfTwoScaled(weights: Float64Array): Float64Array {
  let mx = 0;
  for (const x of weights) mx = Math.max(mx, x);
  if (mx === 0) return weights;
  const e = Math.floor(Math.log2(mx));
  // Two steps, so 2^{−e} itself never overflows or underflows.
  const h = Math.trunc(e / 2);
  const f1 = 2 ** -h;
  const f2 = 2 ** -(e - h);
  return weights.map((x) => x * f1 * f2);
}

/**
 * Computes a lower bound on min_{‖q‖≤ρ} ln Z_ŵ(q) for normalised weights
 * (`lem:partition-bounds`, Jensen form): by convexity of exp,
 * Z_ŵ(q) = Σ ŵ_i e^{ℓ_i} ≥ e^{Σ ŵ_i ℓ_i} = e^{scale·⟨q, k̄_ŵ⟩} ≥ e^{−|scale|·ρ·‖k̄_ŵ‖}.
 * Holds for keys of any norm. `w = null` is the full set (ŵ = 1/n); a
 * cache bounds its own Z_Ĉ (`lem:cache-partition-bounds`).
 *
 * Error: uses {@link meanKeyNormUpper}, and rounds the product up.
 * @example
 * ```ts
 * // Keys ±1 balance: k̄ = 0, so Z ≥ 1 = e^0 on every ball.
 * jensenLogLowerBound({ n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(0, 0) }, null, 3); // 0 (or -0)
 * ```
 * @lemma lem:partition-bounds
 * @lemma lem:cache-partition-bounds
 */
export function jensenLogLowerBound(inst: Instance, w: Weighting, rho: number, options: AttentionOptions = {}): number {
  const r = Math.abs(options.scale ?? 1) * rho * (1 + gamma(2));
  return -(r * meanKeyNormUpper(inst, w)) * (1 + gamma(1));
}

/**
 * Computes a lower bound on ln(e^a − e^b), the log of the form
 * Z_ŵ ≥ Z_1 − |ΔZ| of `lem:partition-bounds`, given a lower bound `a` on
 * ln Z_1 and an upper bound `b` on ln|ΔZ| (both over the ball). Returns
 * −Infinity when b ≥ a (the form says nothing).
 *
 * Method: ln(e^a − e^b) = a + ln(1 − e^{b−a}); e^{b−a} is rounded up, the
 * difference 1 − t and the logarithm rounded down, with `Math.exp` and
 * `Math.log` within 2u relative (the assumption of `lem:float-error`).
 * @lemma lem:partition-bounds
 */
export function differenceLogLowerBound(a: number, b: number): number {
  if (!(b < a)) return -Infinity;
  const u = UNIT_ROUNDOFF;
  // b − a < 0 is computed within u·|b − a|; x + 2u·|x| is above the exact value.
  const x = (b - a) * (1 - u);
  const t = Math.exp(x + Math.abs(x) * 2 * u) * (1 + 4 * u);
  const oneMinus = (1 - t) * (1 - 2 * u);
  if (!(oneMinus > 0)) return -Infinity;
  const l = Math.log(oneMinus);
  const lower = l - Math.abs(l) * 4 * u - 4 * u;
  return (a + lower) - (Math.abs(a) + Math.abs(lower)) * 2 * u;
}
