/**
 * Reference twin of `src/verify/moment.ts` and `src/verify/measure.ts`: the
 * moment certificate evaluated in decimal from the exact inputs, for small
 * sizes (O(N²d² T) decimal operations, Jacobi eigenvalues).
 * @module
 */
import { Decimal } from 'decimal.js';
import type { Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';
import type { MomentOrders } from '../verify/moment-orders.js';
import { exactDecimal } from './exact.js';

/** A signed measure with exact decimal rows and coefficients (twin of `SignedMeasure`). */
export interface SignedMeasureD {
  readonly rows: number;
  readonly d: number;
  readonly dv: number;
  readonly K: readonly Decimal[];
  readonly V: readonly Decimal[];
  readonly c: readonly Decimal[];
  readonly refValueRadius: Decimal;
  readonly logZDenLower: Decimal;
  readonly logZRefLower: Decimal;
}

/** Result of {@link momentCertificate}: the certificate and its per-order norms. */
export interface MomentCertificateD {
  readonly upper: Decimal;
  readonly terms: { readonly V: readonly Decimal[]; readonly one: readonly Decimal[]; readonly U: readonly Decimal[] };
}

const D60 = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

/**
 * Computes the exact signed measure 1/n − ŵ of a weighted subset with exact
 * R_A = max‖v_i‖ and the exact Jensen bounds −ρ_s‖k̄‖ (`lem:error-identity`,
 * `lem:partition-bounds`), in 60-digit decimal.
 * @lemma lem:partition-bounds
 */
export function subsetMeasure(inst: Instance, c: NormalizedCoreset, rho: number, scale = 1): SignedMeasureD {
  const { n, d, dv } = inst;
  const ex = (x: number): Decimal => exactDecimal(x, D60);
  const K = Array.from(inst.K, ex);
  const V = Array.from(inst.V, ex);
  let W = new D60(0);
  for (const w of c.weights) W = W.plus(ex(w));
  const cc: Decimal[] = Array.from({ length: n }, () => new D60(1).div(n));
  c.indices.forEach((i, j) => {
    cc[i] = cc[i].minus(ex(c.weights[j]).div(W));
  });
  const rs = ex(rho).times(ex(Math.abs(scale)));
  const meanNorm = (wt: (i: number) => Decimal): Decimal => {
    let tot = new D60(0);
    for (let i = 0; i < n; i++) tot = tot.plus(wt(i));
    let s2 = new D60(0);
    for (let a = 0; a < d; a++) {
      let m = new D60(0);
      for (let i = 0; i < n; i++) m = m.plus(wt(i).times(K[i * d + a]));
      s2 = s2.plus(m.div(tot).pow(2));
    }
    return s2.sqrt();
  };
  const wFull = new Map<number, Decimal>();
  c.indices.forEach((i, j) => wFull.set(i, ex(c.weights[j])));
  let rv = new D60(0);
  for (let i = 0; i < n; i++) {
    let t = new D60(0);
    for (let a = 0; a < dv; a++) t = t.plus(V[i * dv + a].pow(2));
    rv = Decimal.max(rv, t);
  }
  return {
    rows: n,
    d,
    dv,
    K,
    V,
    c: cc,
    refValueRadius: rv.sqrt(),
    logZDenLower: rs.times(meanNorm((i) => wFull.get(i) ?? new D60(0))).neg(),
    logZRefLower: rs.times(meanNorm(() => new D60(1))).neg(),
  };
}

/**
 * Computes λ_max of a symmetric decimal matrix by cyclic Jacobi rotations,
 * returned as max diagonal + off-diagonal Frobenius norm (an upper end, by
 * Weyl's inequality).
 * @lemma lem:certified-eigenvalue
 */
export function maxEigenvalue(M: readonly Decimal[], d: number): Decimal {
  const A = M.map((x) => new D60(x));
  // Converged when the off-diagonal part is 10⁻⁵⁵ of the whole (relative, so tiny matrices rotate too).
  const tiny = A.reduce((s, x) => s.plus(x.pow(2)), new D60(0)).sqrt().times('1e-55');
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = new D60(0);
    for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) if (p !== q) off = off.plus(A[p * d + q].pow(2));
    if (off.sqrt().lte(tiny)) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = A[p * d + q];
        if (apq.isZero()) continue;
        const theta = A[q * d + q].minus(A[p * d + p]).div(apq.times(2));
        const t = new D60(theta.isNeg() ? -1 : 1).div(theta.abs().plus(theta.pow(2).plus(1).sqrt()));
        const cs = new D60(1).div(t.pow(2).plus(1).sqrt());
        const sn = t.times(cs);
        for (let k = 0; k < d; k++) {
          const akp = A[k * d + p];
          const akq = A[k * d + q];
          A[k * d + p] = cs.times(akp).minus(sn.times(akq));
          A[k * d + q] = sn.times(akp).plus(cs.times(akq));
        }
        for (let k = 0; k < d; k++) {
          const apk = A[p * d + k];
          const aqk = A[q * d + k];
          A[p * d + k] = cs.times(apk).minus(sn.times(aqk));
          A[q * d + k] = sn.times(apk).plus(cs.times(aqk));
        }
      }
    }
  }
  let off = new D60(0);
  let mx = A[0];
  for (let p = 0; p < d; p++) {
    mx = Decimal.max(mx, A[p * d + p]);
    for (let q = 0; q < d; q++) if (p !== q) off = off.plus(A[p * d + q].pow(2));
  }
  return mx.plus(off.sqrt());
}

/**
 * Computes the moment certificate of `lem:moment-certificate` in 60-digit
 * decimal: the same orders, forms and Z_min choices as the binary64
 * `momentCertificate`, without rounding envelopes.
 * @lemma lem:moment-certificate
 */
export function momentCertificate(
  mu: SignedMeasureD,
  rho: number,
  options: {
    readonly scale?: number;
    readonly orders: MomentOrders;
    readonly split?: boolean;
    readonly jointWeights?: readonly number[] | null;
    /** The centre b of part 4 (the binary64 certificate's `refCentre`); the reference measure is 1/n. */
    readonly refCentre?: Float64Array | null;
  },
): MomentCertificateD {
  const { rows: N, d, dv, K, V, c } = mu;
  const rs = exactDecimal(rho, D60).times(exactDecimal(Math.abs(options.scale ?? 1), D60));
  const { spectral: Ts, frobenius: Tf } = options.orders;
  const dot = (X: readonly Decimal[], w: number, i: number, j: number): Decimal => {
    let s = new D60(0);
    for (let a = 0; a < w; a++) s = s.plus(X[i * w + a].times(X[j * w + a]));
    return s;
  };
  const g: Decimal[] = [];
  const hv: Decimal[] = [];
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
    g.push(dot(K, d, i, j));
    hv.push(dot(V, dv, i, j));
  }
  let gs = new D60(0);
  let mv = new D60(0);
  let m1 = new D60(0);
  for (let i = 0; i < N; i++) {
    gs = Decimal.max(gs, g[i * N + i]);
    mv = mv.plus(c[i].abs().times(hv[i * N + i].sqrt()));
    m1 = m1.plus(c[i].abs());
  }
  const x = rs.times(gs.sqrt());
  const a0: Decimal[] = Array.from({ length: dv }, (_, a) => c.reduce((s, ci, i) => s.plus(ci.times(V[i * dv + a])), new D60(0)));
  const z0 = c.reduce((s, ci) => s.plus(ci), new D60(0));
  const a0n2 = a0.reduce((s, v) => s.plus(v.pow(2)), new D60(0));
  const tV: Decimal[] = [a0n2.sqrt()];
  const tOne: Decimal[] = [z0.abs()];
  const tU: Decimal[] = [a0n2.plus(z0.pow(2)).sqrt()];
  const split = options.split ?? false;
  const betas = options.jointWeights ?? null;
  let Mbar: Decimal[] = Array.from({ length: d * d }, () => new D60(0));
  for (let t = 1; t <= Tf; t++) {
    const w = (i: number, j: number): Decimal => c[i].times(c[j]).times(g[i * N + j].pow(t - 1));
    if (t <= Ts) {
      const MU: Decimal[] = [];
      const M1: Decimal[] = [];
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) {
        let su = new D60(0);
        let s1 = new D60(0);
        for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
          const kk = K[i * d + a].times(K[j * d + b]).times(w(i, j));
          s1 = s1.plus(kk);
          su = su.plus(kk.times(hv[i * N + j].plus(1)));
        }
        MU.push(su);
        M1.push(s1);
      }
      const lu = Decimal.max(0, maxEigenvalue(MU, d)).sqrt();
      if (betas !== null && betas[t] > 0) {
        const b = exactDecimal(betas[t], D60);
        Mbar = Mbar.map((v, e) => v.plus(b.times(MU[e])));
      }
      tU.push(lu);
      if (split) {
        tOne.push(Decimal.max(0, maxEigenvalue(M1, d)).sqrt());
        tV.push(Decimal.max(0, maxEigenvalue(MU.map((v, e) => v.minus(M1[e])), d)).sqrt());
      } else {
        tOne.push(lu);
        tV.push(lu);
      }
    } else {
      let f1 = new D60(0);
      let fu = new D60(0);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
        const v = w(i, j).times(g[i * N + j]);
        f1 = f1.plus(v);
        fu = fu.plus(v.times(hv[i * N + j].plus(1)));
      }
      tOne.push(Decimal.max(0, f1).sqrt());
      tU.push(Decimal.max(0, fu).sqrt());
      tV.push(Decimal.max(0, fu).sqrt());
    }
  }
  let coef = new D60(1);
  const coefs: Decimal[] = [coef];
  for (let t = 1; t <= Tf + 1; t++) {
    coef = coef.times(rs).div(t);
    coefs.push(coef);
  }
  const tail = coefs[Tf + 1].times(gs.sqrt().pow(Tf + 1)).times(D60.exp(x));
  const total = (terms: Decimal[], mass: Decimal): Decimal => terms.reduce((s, v, t) => s.plus(v.times(coefs[t])), new D60(0)).plus(mass.times(tail));
  let BU = total(tU, mv.plus(m1));
  if (betas !== null) {
    // Part 2: the spectral orders' sum replaced by √(λ_max(Σβ_tM_t)·Σa_t²/β_t).
    let s2 = new D60(0);
    let tri = new D60(0);
    for (let t = 1; t <= Ts; t++) {
      tri = tri.plus(coefs[t].times(tU[t]));
      if (betas[t] > 0) s2 = s2.plus(coefs[t].pow(2).div(exactDecimal(betas[t], D60)));
    }
    BU = BU.minus(tri).plus(Decimal.max(0, maxEigenvalue(Mbar, d)).times(s2).sqrt());
  }
  const BV = split ? total(tV, mv) : BU;
  const B1 = split ? total(tOne, m1) : BU;
  let RA = mu.refValueRadius;
  if (options.refCentre !== undefined && options.refCentre !== null) {
    const b = Array.from(options.refCentre, (x) => exactDecimal(x, D60));
    const a = new D60(1).div(N);
    const w = (i: number): Decimal[] => Array.from({ length: dv }, (_, k) => V[i * dv + k].minus(b[k]));
    const W = Array.from({ length: N }, (_, i) => w(i));
    const ip = (x: Decimal[], y: Decimal[]): Decimal => x.reduce((s, v, k) => s.plus(v.times(y[k])), new D60(0));
    const sum0 = Array.from({ length: dv }, (_, k) => W.reduce((s, wi) => s.plus(wi[k].times(a)), new D60(0)));
    const tA: Decimal[] = [ip(sum0, sum0).sqrt()];
    for (let t = 1; t <= Tf; t++) {
      let f = new D60(0);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) f = f.plus(a.times(a).times(g[i * N + j].pow(t)).times(ip(W[i], W[j])));
      tA.push(Decimal.max(0, f).sqrt());
    }
    const massA = W.reduce((s, wi) => s.plus(a.times(ip(wi, wi).sqrt())), new D60(0));
    const bound = ip(b, b).sqrt().plus(total(tA, massA).div(D60.exp(mu.logZRefLower)));
    RA = Decimal.min(RA, bound);
  }
  const num = Decimal.min(RA.pow(2).plus(1).sqrt().times(BU), BV.plus(RA.times(B1)));
  const zJ = D60.exp(mu.logZDenLower);
  const zM = D60.exp(mu.logZRefLower).minus(B1);
  const z = Decimal.max(zJ, zM);
  return { upper: z.gt(0) ? num.div(z) : new D60(Infinity), terms: { V: tV, one: tOne, U: tU } };
}
