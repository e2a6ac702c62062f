/**
 * Property: the binary64 RKHS certificate is ≥ its exact evaluation, and
 * not much above it.
 * @module
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { exactDecimal } from '../../src/reference/exact.js';
import type { Coreset } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { rkhsCertificate } from '../../src/verify/rkhs.js';
import { ballKeyInstance } from '../arbitraries/ball-key-instance.js';
import { unitSphereInstance } from '../arbitraries/unit-sphere-instance.js';
import { nearDuplicateKeyInstance } from '../arbitraries/near-duplicate-key-instance.js';
import { weighting } from '../arbitraries/weighting.js';
import { describeCase, requireThat } from '../internal/violation.js';
import type { CertificateCase } from './falsified-error-never-exceeds-certificates.js';

/**
 * How far above the exact bound the rounded one may sit, relative: the
 * rounding envelope is a few γ_{n²+8} ≈ 10⁻¹⁴ of the sums of |terms|, which
 * can exceed the (cancelling) quadratic form by the factor Σ|ĉ_iĉ_j|G/ĉᵀGĉ;
 * 10⁻⁶ allows a cancellation of 10⁸ and still catches a wrong constant.
 */
const LOOSENESS = 1e-6;

/**
 * Absolute looseness, in units of the bound's prefactor
 * √(1+R_v²)·e^{ρ²/(2s)}·e^{s·G_max/2}/Z_min: when the exact form is 0 (ĉ = 0)
 * the envelope is ≈ 10·u·Σ|ĉ⁺_iĉ⁺_j|·e^{sG*} with Σ|ĉ⁺| ≤ 2, and its square
 * root ≈ √(40u) ≈ 7·10⁻⁸; 10⁻⁶ covers it.
 */
const ABSOLUTE_LOOSENESS = 1e-6;

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
const ex = (x: number): Decimal => exactDecimal(x, D);

/**
 * Generates the property: at the s the certificate chose, the formula of
 * `lem:rkhs-certificate` evaluated in 60-digit decimal from the exact inputs
 * is ≤ the returned binary64 bound (`lem:certificate-rounding`), and the
 * bound is within `LOOSENESS` of it.
 * @lemma lem:certificate-rounding
 * @lemma lem:rkhs-certificate
 */
export function rkhsCertificateBoundsExactEvaluation(): fc.IPropertyWithHooks<[CertificateCase & { f: number }]> {
  const shapes = { maxN: 8, maxD: 4, maxDv: 3 };
  const cases = fc.oneof(unitSphereInstance(shapes), ballKeyInstance(shapes), nearDuplicateKeyInstance(shapes)).chain((i) =>
    fc.record({
      inst: fc.constant(i),
      w: weighting(i.n, { fullSet: false, extreme: false }) as fc.Arbitrary<Coreset>,
      rho: fc.double({ min: 0.05, max: 6, noNaN: true }),
      seed: fc.constant(0),
      f: fc.double({ min: 0.25, max: 4, noNaN: true }),
    }),
  );
  return fc.property(cases, ({ inst, w, rho, f }) => {
    const c = normalizeCoreset(w, inst.n);
    const cert = rkhsCertificate(inst, c, rho, 1, [f]);
    const { n, d, dv, K, V } = inst;
    const s = ex(cert.s);
    const R = ex(rho);
    let W = new D(0);
    for (const x of c.weights) W = W.plus(ex(x));
    const ch: Decimal[] = Array.from({ length: n }, () => new D(1).div(n));
    c.indices.forEach((i, j) => {
      ch[i] = ch[i].minus(ex(c.weights[j]).div(W));
    });
    let Q = new D(0);
    let P = new D(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let g = new D(0);
        for (let a = 0; a < d; a++) g = g.plus(ex(K[i * d + a]).times(ex(K[j * d + a])));
        let h = new D(1);
        for (let a = 0; a < dv; a++) h = h.plus(ex(V[i * dv + a]).times(ex(V[j * dv + a])));
        const t = ch[i].times(ch[j]).times(D.exp(s.times(g)));
        P = P.plus(t);
        Q = Q.plus(t.times(h));
      }
    }
    const meanNorm = (rows: number[], wts: Decimal[]): Decimal => {
      let tot = new D(0);
      for (const x of wts) tot = tot.plus(x);
      let s2 = new D(0);
      for (let a = 0; a < d; a++) {
        let m = new D(0);
        rows.forEach((i, t) => {
          m = m.plus(wts[t].times(ex(K[i * d + a])));
        });
        s2 = s2.plus(m.div(tot).pow(2));
      }
      return s2.sqrt();
    };
    const all = Array.from({ length: n }, (_, i) => i);
    const k1 = meanNorm(all, all.map(() => new D(1)));
    const kw = meanNorm(Array.from(c.indices), Array.from(c.weights, ex));
    let rv2 = new D(0);
    for (let i = 0; i < n; i++) {
      let t = new D(0);
      for (let a = 0; a < dv; a++) t = t.plus(ex(V[i * dv + a]).pow(2));
      if (t.gt(rv2)) rv2 = t;
    }
    const e = D.exp(R.pow(2).div(s.times(2)));
    const Pp = Decimal.max(P, 0);
    const Qp = Decimal.max(Q, 0);
    const zJ = D.exp(R.times(kw).neg());
    const zM = D.exp(R.times(k1).neg()).minus(e.times(Pp.sqrt()));
    const zmin = Decimal.max(zJ, zM);
    const exactBound = new D(1).plus(rv2).sqrt().times(e).times(Qp.sqrt()).div(zmin);
    const input = (): string => describeCase(inst, undefined, w, `rho=${rho} s=${cert.s}`);
    requireThat('exact bound ≤ rounded bound', exactBound.lte(ex(cert.upper)), input, `exact ${exactBound.toString()} rounded ${cert.upper}`);
    let gs = new D(0);
    for (let i = 0; i < n; i++) {
      let t = new D(0);
      for (let a = 0; a < d; a++) t = t.plus(ex(K[i * d + a]).pow(2));
      if (t.gt(gs)) gs = t;
    }
    const prefactor = new D(1).plus(rv2).sqrt().times(e).times(D.exp(s.times(gs).div(2))).div(zmin);
    const slack = exactBound.times(LOOSENESS).plus(prefactor.times(ABSOLUTE_LOOSENESS));
    requireThat('rounded bound within LOOSENESS of exact', ex(cert.upper).lte(exactBound.plus(slack)), input, `exact ${exactBound.toString()} rounded ${cert.upper}`);
  });
}
