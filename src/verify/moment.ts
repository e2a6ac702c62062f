/**
 * The moment certificate of `lem:moment-certificate`: the error's numerator
 * expanded in powers of the logits, each order's signed moment tensor
 * bounded by the spectral norm of a d × d flattening, certified in binary64
 * (`lem:moment-rounding`, `lem:certified-eigenvalue`).
 * @module
 */
import { gamma, SUBNORMAL_MIN, UNIT_ROUNDOFF } from '../fast/float-error.js';
import { differenceLogLowerBound } from '../fast/partition-bounds.js';
import { certifiedMaxEigenvalue, topEigenvector } from './eigen-bound.js';
import { maxRowNormSquared, type SignedMeasure } from './measure.js';
import { momentOrders, type MomentOrders } from './moment-orders.js';
import { momentPairPass } from './moment-pass.js';
import { momentUnderflow, momentWeightError } from './moment-envelope.js';
import { directionalMomentBound } from './moment-direction.js';
import { expUp, logUp, roundUpSum } from './rounding.js';

/**
 * Largest number of rows for which `verify()` computes the moment
 * certificate by default: its cost is T·rows²·d multiply-adds for T spectral
 * orders (T = 9 at ρ = 2; pairs are visited once, `momentPairPass`), a few
 * seconds of CPU at rows = 4096, d = 64 (bench/RESULTS.md). 4608 = 4096 + 512:
 * a cache of up to 512 rows of an n = 4096 instance (its union rows) is
 * included, at (4608/4096)² ≈ 1.27 times that cost.
 */
export const MOMENT_MAX_ROWS = 4608;

/** Re-weighting rounds of the joint bound over the spectral orders (each is a d × d eigenvalue certification). */
const JOINT_ROUNDS = 4;

/** Per-order bounds of one flattening family (values part V, mass part 1, joint U = V + 1). */
export interface MomentTerms {
  /** sup_{‖q‖≤ρ} of the order-t term divided by ρ_s^t/t!, for t = 0..orders.frobenius. */
  readonly V: readonly number[];
  readonly one: readonly number[];
  readonly U: readonly number[];
}

/** Result of {@link momentCertificate}. */
export interface MomentCertificate {
  /** Upper bound on sup_{B_ρ} ‖A_ref − A_den‖ (Infinity when no finite bound results): the smaller of the two below. */
  readonly upper: number;
  /** The bound of `lem:moment-certificate` itself. */
  readonly globalUpper: number;
  /** The directional bound of `lem:moment-directional`, or null when not computed. */
  readonly directional: number | null;
  /** Certified bounds on sup‖ΔN‖, sup|ΔZ| and sup‖(ΔN, ΔZ)‖ over the ball. */
  readonly numeratorV: number;
  readonly numeratorOne: number;
  readonly numeratorU: number;
  /** Which numerator form won: 'joint' (√(1+R²)·‖(ΔN,ΔZ)‖) or 'split' (‖ΔN‖ + R|ΔZ|). */
  readonly numeratorForm: 'joint' | 'split';
  /** Which Z lower bound won. */
  readonly zForm: 'jensen' | 'mass-difference';
  /** Certified ln Z_min used. */
  readonly logZMin: number;
  readonly orders: MomentOrders;
  /** Per-order certified norms (before the factor ρ_s^t/t!). */
  readonly terms: MomentTerms;
  /**
   * The weights β_t of the joint bound over the spectral orders when it beat
   * the order-by-order sum for B^U (index t; entry 0 unused), else null.
   */
  readonly jointWeights: readonly number[] | null;
  /** The bound R_A on sup‖A_ref‖ used (part 4 of the lemma when it beat `refValueRadius`). */
  readonly refValueBound: number;
  /** The centre b of that bound, or null when `refValueRadius` was used. */
  readonly refCentre: Float64Array | null;
  /** How many eigenvalue bounds fell back to Gershgorin. */
  readonly gershgorinFallbacks: number;
}

/** Options of {@link momentCertificate}. */
export interface MomentOptions {
  /** Logit scale s (ρ_s = |s|ρ). @defaultValue 1 */
  readonly scale?: number;
  /** Orders; @defaultValue momentOrders(ρ_s·R_k) */
  readonly orders?: MomentOrders;
  /**
   * Also bound ΔZ alone (a second pass per spectral order, twice the cost),
   * which enables the split numerator ‖ΔN‖ + R_A|ΔZ| and a tighter
   * mass-difference Z_min. @defaultValue false
   */
  readonly split?: boolean;
  /**
   * Multiply-add budget of the spectral orders (each costs rows²·d, twice
   * with `split`): the default orders are cut to fit, the rest go to the
   * trace bound. Ignored when `orders` is given. @defaultValue MOMENT_WORK
   */
  readonly maxWork?: number;
  /**
   * Rows per block of the pass over pairs (any value is valid; small ones
   * let tests reach the off-diagonal panels at small n). @defaultValue PASS_BLOCK
   */
  readonly block?: number;
  /** Columns per chunk of that pass (any value is valid). @defaultValue PASS_CHUNK */
  readonly chunk?: number;
  /**
   * Also the directional bound (`lem:moment-directional`) when the measure
   * names its denominator's rows; `upper` is then the smaller. @defaultValue true
   */
  readonly directional?: boolean;
}

/**
 * Default work budget of the spectral orders, 10¹⁰ (counted as rows²·d per
 * order, twice what the symmetric pass spends): the nine orders ρ = 2 asks
 * for at rows = 4096, d = 64 (bench/RESULTS.md); ρ = 4 is cut from 16 to 9
 * orders there, which measured 4 % looser on iso4096.
 */
export const MOMENT_WORK = 1e10;

/** The spectral orders cut to `work / (rows²·d)` (at least 1). */
function capSpectral(o: MomentOrders, rows: number, d: number, work: number, passes: number): MomentOrders {
  const fit = Math.max(1, Math.floor(work / (rows * rows * d * passes)));
  return { spectral: Math.min(o.spectral, fit), frobenius: o.frobenius };
}

/**
 * Computes the moment certificate (`lem:moment-certificate`) of a signed
 * measure over the ball of radius ρ:
 * $$E \le \frac{\min\bigl(\sqrt{1+R_A^2}\,B_U,\; B_V + R_A B_1\bigr)}{Z_{\min}},\qquad
 * B_\bullet = \lVert T_0\rVert + \sum_{t\ge1}\frac{\rho_s^t}{t!}\sqrt{\lambda_{\max}(M^\bullet_t)},$$
 * with M^•_t = Σ_ij c_ic_j⟨k_i,k_j⟩^{t−1}h^•_ij k_ik_jᵀ (h^V = ⟨v_i,v_j⟩,
 * h^1 = 1, h^U = 1 + ⟨v_i,v_j⟩) for the spectral orders, √tr M^•_t for the
 * Frobenius orders, a Lagrange tail beyond, and
 * Z_min = max(e^{logZDenLower}, e^{logZRefLower} − B_1) (`lem:partition-bounds`).
 *
 * Method: one pass over the upper triangle of row blocks
 * (`momentPairPass`: tiled Gram rows, weights c_ic_jg^{t−1}(h) updated
 * order by order, P = W K and M += K_Iᵀ P); λ_max bounded by
 * {@link certifiedMaxEigenvalue}.
 *
 * Error: every rounding is bounded (`lem:moment-rounding`); the double
 * returned is ≥ the exact certificate.
 * With `mu.denominator` it also computes the directional bound
 * (`directionalMomentBound`) and returns the smaller.
 * @lemma lem:moment-certificate
 * @lemma lem:moment-rounding
 * @lemma lem:partition-bounds
 * @lemma lem:moment-directional
 */
export function momentCertificate(mu: SignedMeasure, rho: number, options: MomentOptions = {}): MomentCertificate {
  const u = UNIT_ROUNDOFF;
  const { rows: N, d, dv, K, V, c, delta } = mu;
  const rs = Math.abs(options.scale ?? 1) * rho * (1 + gamma(2));
  const Gs = maxRowNormSquared(K, N, d); // ≥ max‖k_i‖²
  const Rv2 = maxRowNormSquared(V, N, dv);
  const x = rs * Math.sqrt(Gs) * (1 + gamma(2));
  const orders = options.orders ?? capSpectral(momentOrders(x), N, d, options.maxWork ?? MOMENT_WORK, options.split === true ? 2 : 1);
  const Ts = orders.spectral;
  const Tf = Math.max(Ts, orders.frobenius);
  // Coefficient sums: S⁺ ≥ Σ(|c̃|+δ), S⁻ ≤ Σ|c̃|, CV ≥ Σ(|c̃|+δ)‖v‖, SD ≥ Σδ.
  let sp = 0;
  let sm = 0;
  let cv = 0;
  let sd = 0;
  for (let i = 0; i < N; i++) {
    const cp = Math.abs(c[i]) + delta[i];
    sp += cp;
    sm += Math.abs(c[i]);
    sd += delta[i];
    let t = 0;
    for (let a = 0; a < dv; a++) t += V[i * dv + a] ** 2;
    cv += cp * Math.sqrt(t);
  }
  const gN = gamma(N + 2);
  sp *= 1 + gN;
  sm *= 1 - gN;
  cv *= 1 + gamma(N + dv + 4);
  sd *= 1 + gN;
  // Order 0: T_0 = Σ c_i u_i exactly bounded.
  const a0 = new Float64Array(dv);
  let z0 = 0;
  for (let i = 0; i < N; i++) {
    for (let a = 0; a < dv; a++) a0[a] += c[i] * V[i * dv + a];
    z0 += c[i];
  }
  let a0n = 0;
  for (let a = 0; a < dv; a++) a0n += a0[a] * a0[a];
  const Rv = Math.sqrt(Rv2) * (1 + u);
  // Gradual underflow: each c_i·v_ia may lose 2^{−1075}, each square of a0 too.
  const t0Under = Math.sqrt(dv) * N * SUBNORMAL_MIN * (1 + gamma(2));
  const t0V = (Math.sqrt(a0n + dv * SUBNORMAL_MIN) * (1 + gamma(dv + 2)) + (sd + gN * sp) * Rv + t0Under) * (1 + gamma(3));
  const t0One = (Math.abs(z0) + sd + gN * sp) * (1 + gamma(3));
  const t0U = Math.hypot(t0V, t0One) * (1 + gamma(3));
  // The reference side (part 4 of the lemma): F̄(q) = Σ a_i e^{ℓ_i}(v_i − b) by trace orders.
  const ref = mu.refCoeff ?? null;
  const bc = new Float64Array(dv);
  const rb = new Float64Array(ref === null ? 0 : N);
  let bb = 0;
  if (ref !== null) {
    for (let i = 0; i < N; i++) for (let a = 0; a < dv; a++) bc[a] += ref[i] * V[i * dv + a];
    for (let a = 0; a < dv; a++) bb += bc[a] * bc[a];
    for (let i = 0; i < N; i++) {
      let t = 0;
      for (let a = 0; a < dv; a++) t += V[i * dv + a] * bc[a];
      rb[i] = t;
    }
  }
  const splitPass = options.split ?? false;
  const { MU, M1, F1, FU, FA, pathM, pathF } = momentPairPass({ N, d, dv, K, V, c, Ts, Tf, split: splitPass, ref, rb, bb, block: options.block, chunk: options.chunk });
  // Rounding envelopes (lem:moment-rounding).
  const hBar = (Rv2 + 1) * (1 + gamma(2));
  const etaH = gamma(dv + 1) * (Rv2 + 1) * (1 + gamma(2));
  const weightErr = momentWeightError(Gs, d, sp, sm);
  const under = momentUnderflow(N * N, Gs, d, dv, sp);
  let fallbacks = 0;
  const tV: number[] = [t0V];
  const tOne: number[] = [t0One];
  const tU: number[] = [t0U];
  const mv = new Float64Array(d * d);
  const errU: number[] = [0];
  for (let t = 1; t <= Tf; t++) {
    if (t <= Ts) {
      const eU = (Gs * weightErr(t - 1, hBar, etaH, pathM) + d * under(t - 1, hBar)) * (1 + gamma(2));
      errU.push(eU);
      const bU = certifiedMaxEigenvalue(MU[t - 1], d, eU);
      if (bU.method === 'gershgorin') fallbacks++;
      tU.push(sqrtUp(bU.upper));
      if (splitPass) {
        const e1 = (Gs * weightErr(t - 1, 1, 0, pathM) + d * under(t - 1, 1)) * (1 + gamma(2));
        let fro = 0;
        for (let e = 0; e < d * d; e++) {
          mv[e] = MU[t - 1][e] - M1[t - 1][e];
          fro += mv[e] * mv[e];
        }
        const eV = (eU + e1 + UNIT_ROUNDOFF * Math.sqrt(fro) * (1 + gamma(d * d + 2))) * (1 + gamma(2));
        const b1 = certifiedMaxEigenvalue(M1[t - 1], d, e1);
        const bV = certifiedMaxEigenvalue(mv, d, eV);
        for (const b of [b1, bV]) if (b.method === 'gershgorin') fallbacks++;
        tOne.push(sqrtUp(b1.upper));
        tV.push(sqrtUp(bV.upper));
      } else {
        // Without the split pass: ‖ΔN‖ and |ΔZ| are each ≤ ‖(ΔN, ΔZ)‖.
        tOne.push(sqrtUp(bU.upper));
        tV.push(sqrtUp(bU.upper));
      }
    } else {
      const fu = FU[t] + weightErr(t, hBar, etaH, pathF) + under(t, hBar);
      tOne.push(splitPass ? sqrtUp(F1[t] + weightErr(t, 1, 0, pathF) + under(t, 1)) : sqrtUp(fu));
      tU.push(sqrtUp(fu));
      tV.push(sqrtUp(fu));
    }
  }
  // Weighted sums with ρ_s^t/t! rounded up, plus the Lagrange tail beyond Tf.
  const coef: number[] = [1];
  for (let t = 1; t <= Tf + 1; t++) coef.push(((coef[t - 1] * rs) / t) * (1 + gamma(3)));
  // Orders beyond Tf: ‖T_t(q^{⊗t})‖ ≤ (ρ_sR_k)^t Σ|c_i|‖u_i‖, and Σ_{t>T} x^t/t! ≤ x^{T+1}e^x/(T+1)!.
  const Rk = Math.sqrt(Gs) * (1 + u);
  let rkPow = 1;
  for (let t = 0; t <= Tf; t++) rkPow *= Rk * (1 + 2 * u);
  const tailFactor = coef[Tf + 1] * rkPow * expUp(x) * (1 + gamma(3));
  // Spectral orders jointly (part 2 of the lemma): for any β_t > 0,
  // Σ_t a_t‖G_t‖ ≤ √(λ_max(Σ β_t M_t) · Σ a_t²/β_t). Start from β_t = a_t/√Λ_t
  // (this never loses to Σ a_t√λ_t when the M_t share eigenvectors), then
  // re-weight by the M_t's Rayleigh quotients at the top eigenvector.
  let tri = 0;
  for (let t = 1; t <= Ts; t++) tri += coef[t] * tU[t] * (1 + gamma(2));
  tri *= 1 + gamma(Ts + 1);
  const jointBound = (betas: readonly number[]): { value: number; Mbar: Float64Array; err: number } => {
    const Mbar = new Float64Array(d * d);
    let barErr = 0;
    let s2 = 0;
    for (let t = 1; t <= Ts; t++) {
      const b = betas[t];
      if (!(b > 0)) continue;
      let fro = 0;
      const m = MU[t - 1];
      for (let e = 0; e < d * d; e++) {
        Mbar[e] += b * m[e];
        fro += m[e] * m[e];
      }
      barErr += b * (errU[t] + gamma(Ts + 2) * Math.sqrt(fro) * (1 + gamma(d * d + 2)));
      s2 += ((coef[t] * coef[t]) / b) * (1 + gamma(3));
    }
    s2 *= 1 + gamma(Ts + 1);
    const err = barErr * (1 + gamma(Ts + 4));
    const bb = certifiedMaxEigenvalue(Mbar, d, err);
    return { value: sqrtUp(bb.upper * s2 * (1 + gamma(2))), Mbar, err };
  };
  let betas: number[] = [0, ...Array.from({ length: Ts }, (_, k) => (tU[k + 1] > 0 ? coef[k + 1] / tU[k + 1] : 0))];
  let best = jointBound(betas);
  let bestBetas = betas;
  for (let round = 0; round < JOINT_ROUNDS && best.value < Infinity; round++) {
    const x = topEigenvector(best.Mbar, d);
    betas = [0];
    for (let t = 1; t <= Ts; t++) {
      const m = MU[t - 1];
      let q = 0;
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) q += x[a] * m[a * d + b] * x[b];
      const floor = (tU[t] * tU[t]) / 16; // keep β_t bounded where x misses M_t
      betas.push(tU[t] > 0 ? coef[t] / Math.sqrt(Math.max(q, floor)) : 0);
    }
    const next = jointBound(betas);
    if (!(next.value < best.value)) break;
    best = next;
    bestBetas = betas;
  }
  const jointOrders = best.value;
  const useJoint = jointOrders < tri;
  const total = (terms: readonly number[], tailMass: number, joint: boolean): number =>
    roundUpSum([...terms.map((v, t) => (joint && t >= 1 && t <= Ts ? 0 : v * coef[t] * (1 + gamma(2)))), joint ? jointOrders : 0, tailMass * tailFactor * (1 + gamma(2))]);
  const numU = total(tU, cv + sp, useJoint);
  const numV = splitPass ? total(tV, cv, false) : numU;
  const numOne = splitPass ? total(tOne, sp, false) : numU;
  let RA = mu.refValueRadius;
  let refCentre: Float64Array | null = null;
  if (ref !== null && Number.isFinite(mu.logZRefLower)) {
    // ‖A_ref(q)‖ ≤ ‖b‖ + sup‖F̄‖ / inf Z_ref, F̄ bounded order by order by its trace.
    const rd = mu.refDelta ?? 0;
    let ap = 0;
    let am = 0;
    for (let i = 0; i < N; i++) {
      ap += ref[i] + rd;
      am += ref[i];
    }
    ap *= 1 + gN;
    am *= 1 - gN;
    const bn = Math.sqrt(bb) * (1 + gamma(dv + 2));
    const rw = (Rv + bn) * (1 + gamma(2)); // ≥ max‖v_i − b‖
    const hA = rw * rw * (1 + gamma(2));
    const etaA = 2 * gamma(dv + 8) * (Rv2 + 1 + 2 * Rv * bn + bn * bn) * (1 + gamma(4));
    const w0 = new Float64Array(dv);
    for (let i = 0; i < N; i++) for (let a = 0; a < dv; a++) w0[a] += ref[i] * (V[i * dv + a] - bc[a]);
    let w0n = 0;
    for (let a = 0; a < dv; a++) w0n += w0[a] * w0[a];
    const termsA: number[] = [(Math.sqrt(w0n + dv * SUBNORMAL_MIN) * (1 + gamma(dv + 2)) + (N * rd + gamma(N + 4) * ap) * rw + t0Under) * (1 + gamma(3))];
    const underA = momentUnderflow(N * N, Gs, d, dv, ap);
    for (let t = 1; t <= Tf; t++) termsA.push(sqrtUp(FA[t] + weightErr(t, hA, etaA, pathF, ap * ap * (1 + gamma(2)), am * am * (1 - gamma(2))) + underA(t, hA)));
    const numA = total(termsA, ap * rw, false);
    const bound = (bn + numA * expUp(-mu.logZRefLower)) * (1 + gamma(4));
    if (bound < RA) {
      RA = bound;
      refCentre = bc;
    }
  }
  const joint = Math.sqrt((1 + RA * RA) * (1 + gamma(3))) * (1 + u) * numU * (1 + u);
  const split = (numV + RA * numOne * (1 + u)) * (1 + gamma(2));
  const num = Math.min(joint, split);
  const logZmd = differenceLogLowerBound(mu.logZRefLower, logUp(numOne));
  const zForm = logZmd > mu.logZDenLower ? 'mass-difference' : 'jensen';
  const logZ = Math.max(mu.logZDenLower, logZmd);
  let upper: number;
  if (num === 0) upper = mu.additive;
  else if (!Number.isFinite(num) || !Number.isFinite(logZ)) upper = Infinity;
  else {
    const ln = logUp(num);
    upper = expUp((ln - logZ) + gamma(4) * (Math.abs(ln) + Math.abs(logZ) + 1));
    if (mu.additive > 0) upper = (upper + mu.additive) * (1 + UNIT_ROUNDOFF);
  }
  const globalUpper = Number.isNaN(upper) ? Infinity : upper;
  // The directional form (lem:moment-directional) when the denominator's own rows are known.
  const den = mu.denominator;
  const directional =
    den !== undefined && options.directional !== false && Number.isFinite(globalUpper)
      ? directionalMomentBound({ K, V, d, dv, den, rs, Rk, Gs, Ts, Tf, tU, tailMass: cv + sp, Mbar: best.Mbar, barErr: best.err, betas: bestBetas, RA, logZ, additive: mu.additive })
      : null;
  return {
    upper: directional === null ? globalUpper : Math.min(globalUpper, directional.upper),
    globalUpper,
    directional: directional?.upper ?? null,
    numeratorV: numV,
    numeratorOne: numOne,
    numeratorU: numU,
    numeratorForm: joint <= split ? 'joint' : 'split',
    zForm,
    logZMin: logZ,
    orders: { spectral: Ts, frobenius: Tf },
    terms: { V: tV, one: tOne, U: tU },
    jointWeights: useJoint ? bestBetas : null,
    refValueBound: RA,
    refCentre,
    gershgorinFallbacks: fallbacks,
  };
}

/** √x rounded up, 0 for x ≤ 0 (the exact value is ≥ 0). */
function sqrtUp(x: number): number {
  return x > 0 ? Math.sqrt(x) * (1 + UNIT_ROUNDOFF) : 0;
}
