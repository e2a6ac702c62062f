/**
 * The rounding envelope of `lem:moment-rounding`: how far a computed sum of
 * weights c_ic_jg_ij^p h_ij can be from the exact one.
 * @module
 */
import { gamma, UNIT_ROUNDOFF } from '../fast/float-error.js';
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
