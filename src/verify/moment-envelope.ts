/**
 * The rounding envelope of `lem:moment-rounding`: how far a computed sum of
 * weights c_ic_jg_ij^p h_ij can be from the exact one.
 * @module
 */
import { gamma, SUBNORMAL_MIN, UNIT_ROUNDOFF } from '../fast/float-error.js';
import { expUp } from './rounding.js';

/** Σ_ij |exact − computed| of c c g^p h summed along `path` additions, given ĥ ≥ max|h| and η_h (its error). */
export type WeightError = (p: number, hBar: number, etaH: number, path: number, sPlus2?: number, sMinus2?: number) => number;

/**
 * Computes the envelope of `lem:moment-rounding` for keys with
 * max‖k‖² ≤ `Gs` in dimension d and coefficient sums S⁺ = `sp` ≥ Σ(|c̃|+δ),
 * S⁻ = `sm` ≤ Σ|c̃|: the returned function bounds
 * Σ_ij|c_ic_jg^p h − fl(·)| plus the summation error along `path` additions
 * by Ḡ^pH̄[(S⁺)²(ze^z + γ_r + γ_P(1+γ_r)) + (S⁺)² − (S⁻)²], z = pη_g/Ḡ + η_h/H̄.
 * @lemma lem:moment-rounding
 */
export function momentWeightError(Gs: number, d: number, sp: number, sm: number): WeightError {
  const u = UNIT_ROUNDOFF;
  const gBar = Gs * (1 + gamma(d + 2));
  const etaG = gamma(d) * Gs * (1 + gamma(2));
  const spSq = sp * sp * (1 + gamma(2));
  const smSq = sm * sm * (1 - gamma(2));
  return (p, hb, eh, path, sPlus2 = spSq, sMinus2 = smSq) => {
    let gp = 1;
    for (let k = 0; k < p; k++) gp *= gBar * (1 + 2 * u);
    const base = gp * hb * (1 + gamma(2));
    if (base === 0) return 0;
    const z = ((p * etaG) / gBar + (hb > 0 ? eh / hb : 0)) * (1 + gamma(4));
    const r = p + 2;
    const rel = z * expUp(z) + gamma(r) + gamma(path) * (1 + gamma(r));
    return (sPlus2 * base * rel + Math.max(0, sPlus2 - sMinus2) * base) * (1 + gamma(8));
  };
}

/**
 * Computes the gradual-underflow allowance of `lem:moment-rounding`: a
 * product below 2^{−1022} may also lose up to 2^{−1075} absolutely, which the
 * relative envelope of {@link momentWeightError} does not see (keys of
 * 5·10^{−324} gave M̃₁ = 0 against an exact √λ of 3.5·10^{−324}). A summand
 * c_ic_jg^ph·k_ak_b (or of a trace sum) is formed by at most
 * L = (p + 1)(d + dv + 6) products, counting those inside g̃ and h̃; each
 * lost 2^{−1075} is then multiplied by at most Π = max(1, S⁺)²·max(1, Ḡ)^p·
 * max(1, H̄)·max(1, G*), so `pairs` summands add ≤ pairs·L·Π·2^{−1074} to a
 * sum (and d times that to a d × d matrix's Frobenius norm).
 * @lemma lem:moment-rounding
 */
export function momentUnderflow(pairs: number, Gs: number, d: number, dv: number, sp: number): (p: number, hBar: number) => number {
  const gBar = Math.max(1, Gs * (1 + gamma(d + 2)));
  const s2 = Math.max(1, sp) ** 2 * Math.max(1, Gs);
  return (p, hBar) => {
    let gp = 1;
    for (let k = 0; k < p; k++) gp *= gBar * (1 + 2 * UNIT_ROUNDOFF);
    return pairs * (p + 1) * (d + dv + 6) * s2 * gp * Math.max(1, hBar) * SUBNORMAL_MIN * (1 + gamma(8));
  };
}
