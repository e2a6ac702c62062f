import { describe, expect, it } from 'vitest';
import * as Ref from '../../src/reference/index.js';
import { exactDecimal } from '../../src/reference/exact.js';
import { maxEigenvalue } from '../../src/reference/moment.js';
import { normalizeCoreset } from '../../src/validate.js';
import { certifiedMaxEigenvalue } from '../../src/verify/eigen-bound.js';
import { subsetMeasure } from '../../src/verify/measure.js';
import { momentCertificate } from '../../src/verify/moment.js';

describe('moment certificate at subnormal keys (gradual underflow)', () => {
  // Regression (found by momentCertificateBoundsExactEvaluation at 400 runs):
  // ‖k‖² and the products of M₁ underflowed to 0, so the binary64 order-1
  // bound was 0 where the 60-digit twin gives 3.49e-324.
  it('every per-order bound is ≥ its decimal twin for a key of −5e-324', () => {
    const inst = { n: 2, d: 3, dv: 1, K: Float64Array.from([0, 0, 0, 0, 0, -5e-324]), V: Float64Array.from([1, -1]) };
    const c = normalizeCoreset({ indices: Uint32Array.from([0]), weights: Float64Array.from([1]) }, inst.n);
    const rho = 0.05;
    const fast = momentCertificate(subsetMeasure(inst, c, rho), rho, { split: false, block: 1, chunk: 1, orders: { spectral: 4, frobenius: 8 } });
    const ref = Ref.momentCertificate(Ref.subsetMeasure(inst, c, rho), rho, { orders: fast.orders, split: false, jointWeights: fast.jointWeights, refCentre: fast.refCentre });
    expect(ref.terms.U[1].toNumber()).toBeGreaterThan(0);
    for (const key of ['U', 'V', 'one'] as const) {
      ref.terms[key].forEach((v, t) => expect(v.lte(fast.terms[key][t]), `${key} order ${t}`).toBe(true));
    }
  });
});

describe('certifiedMaxEigenvalue when the power estimate stalls', () => {
  // Regression (found by certifiedEigenvalueIsAboveExact at 400 runs): λ_max ≈ 1.9e-9
  // beside λ_min ≈ −5.2e-6, so the top two eigenvalues of X + σI nearly tie, the
  // power estimate stays below λ_max, and every relative margin failed: the
  // Gershgorin fallback returned 5.3e-6, 300× the looseness the lemma's property allows.
  it('finds a Cholesky shift near λ_max instead of falling back to Gershgorin', () => {
    const a = 1.0078557449184767e-7;
    const b = -0.000005226942773988487;
    const e = -1.951140394000281e-18;
    const M = Float64Array.from([0, a, 0, a, b, e, 0, e, 0]);
    const exact = maxEigenvalue(Array.from(M, (x) => exactDecimal(x)), 3);
    const bound = certifiedMaxEigenvalue(M, 3, 0);
    expect(bound.method).toBe('cholesky');
    expect(exact.lte(bound.upper)).toBe(true);
    // The property's allowance: 10⁻³·d·max|M| above λ_max.
    expect(exact.plus(3 * Math.abs(b) * 1e-3).gte(bound.upper)).toBe(true);
  });
});
