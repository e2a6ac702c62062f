/**
 * A sub-cell's recentred bound from an enclosing cell's expansion: the
 * polynomial is re-expanded about the sub-cell's centre (exact for orders
 * 0 and 1, a majorant for the rest), multiplied by the sub-cell's own
 * Jensen tilt, so the N-row moments are computed once per enclosing cell
 * (`lem:recentred-cell-bound`, *Sub-cells*).
 * @module
 */
import { EXP_RELATIVE_ERROR, gamma, UNIT_ROUNDOFF } from '../fast/float-error.js';
import { assembleCellBound } from './cell-assembly.js';
import { momentNorms, type Expansion } from './cell-expansion.js';
import { centreTilt } from './cell-tilt.js';
import type { CellMeasure, CentreData } from './local-cell.js';

/**
 * Computes an upper bound on err_w over the cube ‖y − y_c‖_∞ ≤ h ∩ ‖y‖ ≤ R,
 * which must lie inside the cube of `e` (`lem:recentred-cell-bound`,
 * *Sub-cells*). Method: with Δ = y_c − y_e, the expansion's polynomial
 * f(Δ + z) = Σ_α s^{|α|}/α!·(Δ + z)^α·G_α has f(Δ), ∇f(Δ) exactly and its
 * order ≥ 2 in z at most Σ_α |c_α|‖G_α‖·((|Δ| + h)^α − |Δ|^α − Σ_l α_l|Δ|^{α−e_l}h);
 * times e^{−s⟨z,κ⟩}, κ = k̄_c − k̄_e (the sub-cell's Jensen mean), it is the
 * sub-cell's numerator, divided by the sub-cell's own Z_c.
 *
 * Error: as {@link recentredCellBound}; Δ's rounding widens h and offsets the centre.
 * @lemma lem:recentred-cell-bound
 */
export function translatedCellBound(mu: CellMeasure, e: Expansion, yc: Float64Array, h: number, R: number, ctr: CentreData): number {
  const { r, dv } = mu;
  const s = mu.scale;
  const as = Math.abs(s);
  const u = UNIT_ROUNDOFF;
  const tilt = centreTilt(mu, yc);
  if (tilt === null) return Infinity;
  const { tab } = e;
  const P = tab.size;
  // Δ̂ = fl(y_c − y_e); the true centre ỹ = y_e + Δ̂ is within `off` of y_c.
  const D = new Float64Array(r);
  let dinf = 0;
  let d2 = 0;
  for (let l = 0; l < r; l++) {
    D[l] = yc[l] - e.yc[l];
    dinf = Math.max(dinf, Math.abs(D[l]));
    d2 += D[l] * D[l];
  }
  const off = 2 * u * Math.sqrt(d2) * (1 + gamma(r + 2));
  const hh = (h + 2 * u * dinf) * (1 + gamma(2));
  // The sub-cube must lie in the expansion's cube (its tail holds there only).
  for (let l = 0; l < r; l++) if (!(Math.abs(D[l]) + hh <= e.h)) return Infinity;
  const nm = momentNorms(e, ctr.a, dv);
  const { G, Gn, Ge, Dn, De, aNorm } = nm;
  // Monomials of Δ̂, |Δ̂| and |Δ̂| + h.
  const pw = new Float64Array(P);
  const pa = new Float64Array(P);
  const ph = new Float64Array(P);
  pw[0] = pa[0] = ph[0] = 1;
  for (let j = 1; j < P; j++) {
    const l = tab.variable[j];
    pw[j] = pw[tab.parent[j]] * D[l];
    pa[j] = pa[tab.parent[j]] * Math.abs(D[l]);
    ph[j] = ph[tab.parent[j]] * (Math.abs(D[l]) + hh);
  }
  const f0 = new Float64Array(dv);
  const grad = new Float64Array(dv * r);
  let fD = 0;
  let ef0 = 0;
  let efD = 0;
  const egrad = new Float64Array(r);
  let Q2 = 0;
  let Q1 = 0;
  const gT = gamma(3 * e.T + P + 8);
  for (let j = 0; j < P; j++) {
    const t = tab.deg[j];
    const c = s ** t * tab.invFactorial[j];
    const ac = Math.abs(c) * (1 + gamma(t + 2));
    const x = c * pw[j];
    for (let k = 0; k < dv; k++) f0[k] += x * G[j * dv + k];
    fD += x * e.M1[j];
    ef0 += ac * pa[j] * (Ge[j] + gT * Gn[j]);
    efD += ac * pa[j] * (De[j] + gT * Dn[j]);
    let lin = 0;
    for (let l = 0; l < r; l++) {
      const low = tab.lower[j * r + l];
      if (low < 0) continue;
      // α_l·Δ^{α−e_l}: α_l = degree of the variable in α (the lower monomial's count + 1).
      const al = alphaCount(tab, j, l);
      const y = c * al * pw[low];
      for (let k = 0; k < dv; k++) grad[k * r + l] += y * G[j * dv + k];
      egrad[l] += ac * al * pa[low] * (Ge[j] + gT * Gn[j]);
      lin += al * pa[low];
    }
    const m2 = ph[j] - pa[j] - lin * hh;
    const slack = gT * (ph[j] + pa[j] + lin * hh);
    Q2 += ac * Gn[j] * (Math.max(0, m2) + slack);
    Q1 += ac * Dn[j] * (Math.max(0, ph[j] - pa[j]) + slack);
  }
  const up = 1 + gamma(P + 4);
  let f0n = 0;
  for (let k = 0; k < dv; k++) f0n += f0[k] * f0[k];
  f0n = Math.sqrt(f0n) * (1 + gamma(dv + 2)) + ef0 * up;
  let gn = 0;
  for (let t = 0; t < dv * r; t++) gn += grad[t] * grad[t];
  let eg = 0;
  for (let l = 0; l < r; l++) eg += egrad[l] * egrad[l];
  const egn = Math.sqrt(eg) * up * (1 + gamma(r + 2));
  const gradN = Math.sqrt(gn) * (1 + gamma(dv * r + 2)) + egn;
  // κ = k̄_c − k̄_e and the factor e^{−s⟨z,κ⟩}, |s|h‖κ‖₁ ≤ Xk.
  const kap = new Float64Array(r);
  let k1 = 0;
  for (let l = 0; l < r; l++) {
    kap[l] = tilt.kbar[l] - e.tilt.kbar[l];
    k1 += Math.abs(kap[l]);
  }
  const Xk = as * hh * k1 * (1 + gamma(r + 4));
  const eXk = Math.exp(Xk) * (1 + EXP_RELATIVE_ERROR) * (1 + gamma(2));
  const delta = hh * Math.sqrt(r) * (1 + gamma(3));
  const tailG = (e.tailV + aNorm * e.tailD) * (1 + gamma(2));
  const G2 = (Q2 * up * eXk + f0n * ((Xk * Xk) / 2) * eXk + gradN * delta * Xk * eXk + tailG * eXk) * (1 + gamma(6));
  const fDn = Math.abs(fD) + efD * up;
  const Z1 = (fDn * Xk * eXk + Q1 * up * eXk + e.tailD * eXk) * (1 + gamma(4));
  const Zsup = (fDn + Z1) * (1 + gamma(2));
  // L₀ = f(Δ), L₁ = ∇f(Δ) − s·f(Δ)κᵀ − Ĵ_1·f_D(Δ).
  const J = ctr.J;
  const L1 = new Float64Array(dv * r);
  let jf = 0;
  let kn = 0;
  for (let l = 0; l < r; l++) kn += kap[l] * kap[l];
  kn = Math.sqrt(kn) * (1 + gamma(r + 2));
  for (let k = 0; k < dv; k++) {
    for (let l = 0; l < r; l++) {
      L1[k * r + l] = grad[k * r + l] - s * f0[k] * kap[l] - J[k * r + l] * fD;
      jf += J[k * r + l] ** 2;
    }
  }
  const JFn = Math.sqrt(jf) * (1 + gamma(dv * r + 2));
  let l1 = 0;
  for (let t = 0; t < dv * r; t++) l1 += L1[t] * L1[t];
  const eL1 = (egn + as * kn * ef0 * up + JFn * efD * up + 4 * u * (gradN + as * f0n * kn + JFn * fDn) + 2 * u * Math.sqrt(l1)) * (1 + gamma(4));
  // Normalisation: P(y) = e^{m_e + s⟨z,k̄_e⟩}P̃_e(z), Z(y) ≥ e^{m_c}Z_c e^{s⟨y − y_c, c̄_c⟩}.
  let dk = 0;
  let dkAbs = 0;
  for (let l = 0; l < r; l++) {
    dk += D[l] * e.tilt.kbar[l];
    dkAbs += Math.abs(D[l] * e.tilt.kbar[l]);
  }
  const E = e.tilt.m - tilt.m + s * dk;
  const eE = (gamma(r + 3) * as * dkAbs + 4 * u * (Math.abs(e.tilt.m) + Math.abs(tilt.m) + Math.abs(E))) * (1 + gamma(2));
  // The centre's offset moves Jensen's exponent by ≤ |s|·off·‖c̄‖ ≤ |s|·off·K_max·√r.
  const shift = as * off * tilt.Kmax * Math.sqrt(r) * (1 + gamma(4));
  const factor = Math.exp(E + eE + shift) * (1 + EXP_RELATIVE_ERROR) * (1 + gamma(2));
  const kErr = tilt.kErr + 2 * u * kn;
  const ctrOff: CentreData = { ...ctr, aError: ctr.aError + (JFn + ctr.jError) * off * (1 + gamma(2)) };
  return assembleCellBound({ r, dv, scale: s, yc, h: hh, R, offset: off, L0: f0, eL0: ef0 * up, L1, eL1, G2, Zsup, Z1, Zlow: tilt.Zlow, kErr, factor, ctr: ctrOff });
}

/** α_l of monomial j (its exponent of variable l). */
function alphaCount(tab: Expansion['tab'], j: number, l: number): number {
  let c = 0;
  let x = j;
  while (x > 0) {
    if (tab.variable[x] === l) c++;
    x = tab.parent[x];
  }
  return c;
}
