import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedPointErrorMatchesReference } from '../../properties/fixed-point/index.js';
import { coresetErrorFixed } from '../../src/reference/fixed/coreset-error.js';
import { exponentOf, isqrt, mantissaOf } from '../../src/reference/fixed/dyadic.js';
import { exactLogits } from '../../src/reference/fixed/logits.js';
import { expFixedReduced, expFixedUlps, ln2Fixed, taylorDegree } from '../../src/reference/fixed/exp.js';
import * as Ref from '../../src/reference/index.js';
import { runs } from '../helpers/seed.js';

/** Exact enough for every comparison below (products of 10^{±300} and 2^{−1074} have < 2000 digits). */
const X = Decimal.clone({ precision: 2000 });

describe('dyadic parts', () => {
  it('splits normal, subnormal and extreme doubles exactly', () => {
    for (const x of [1, -0.1, 2 ** -1074, -(2 ** -1022), 1.7976931348623157e308, 3e-310, 12345.678]) {
      const e = exponentOf(x);
      const m = mantissaOf(x, e);
      expect(Number.isInteger(m) && Math.abs(m) < 2 ** 53).toBe(true);
      expect(Ref.exactDecimal(x).equals(new X(m).times(new X(2).pow(e)))).toBe(true);
    }
  });

  it('isqrt is the floor of the square root', () => {
    for (const s of [0n, 1n, 2n, 3n, 4n, 99n, 100n, 101n, (1n << 301n) + 7n]) {
      const r = isqrt(s);
      expect(r * r <= s && (r + 1n) * (r + 1n) > s).toBe(true);
    }
  });

  it('computes logits of 10^300-sized keys and subnormal queries exactly', () => {
    const K = Float64Array.of(1e300, 3, 2 ** -1074, 0);
    const q = Float64Array.of(2 ** -1074, 1e-300);
    const { L, e0 } = exactLogits(K, 2, 2, q, 0.125);
    const want0 = new X(Ref.exactDecimalString(1e300)).times(Ref.exactDecimalString(2 ** -1074)).plus(new X(3).times(Ref.exactDecimalString(1e-300))).times(0.125);
    const got0 = new X(L[0].toString()).times(new X(2).pow(e0));
    expect(got0.equals(want0)).toBe(true);
    const want1 = new X(Ref.exactDecimalString(2 ** -1074)).times(Ref.exactDecimalString(2 ** -1074)).times(0.125);
    expect(new X(L[1].toString()).times(new X(2).pow(e0)).equals(want1)).toBe(true);
  });
});

describe('fixed-point exponential', () => {
  it('ln2Fixed is below ln 2·2^F by less than 2', () => {
    const F = 300;
    const L = Decimal.clone({ precision: 400 }); // ln needs ≤ 1025 digits (decimal.js's stored ln 10)
    const gap = L.ln(2).times(new L(2).pow(F)).minus(ln2Fixed(F).toString());
    expect(gap.greaterThanOrEqualTo(0) && gap.lessThan(2)).toBe(true);
  });

  it('e^r is within 4J + 2 units at the ends of the reduced range', () => {
    const F = 170;
    const E = Decimal.clone({ precision: 120 });
    const J = taylorDegree(F);
    for (const r of [-0.36, -0.2, 0, 1e-9, 0.35]) {
      const R = BigInt(Math.round(r * 2 ** 40)) << BigInt(F - 40);
      const S = expFixedReduced(R, F, J);
      const exact = E.exp(new E(R.toString()).div(new E(2).pow(F))).times(new E(2).pow(F));
      expect(exact.minus(S.toString()).abs().lessThanOrEqualTo(expFixedUlps(J))).toBe(true);
    }
  });
});

describe('coresetErrorFixed', () => {
  it('drops a row whose logit is 10^{16} below the max and stays within its bound', () => {
    const inst = { n: 3, d: 1, dv: 1, K: Float64Array.of(1, -1e16, 0.5), V: Float64Array.of(1, -1, 0.25) };
    const w = { indices: Uint32Array.of(0, 1), weights: Float64Array.of(1, 1e300) };
    const q = Float64Array.of(1);
    const fx = coresetErrorFixed(inst, q, w);
    const ref = Ref.coresetError(inst, q, w, { digits: 40 });
    expect(fx.value.minus(ref).abs().lessThanOrEqualTo(fx.bound.plus(1e-38))).toBe(true);
  });
});

describe('coresetErrorFixed (property)', () => {
  it('matches the decimal reference on ordinary inputs', () => {
    fc.assert(fixedPointErrorMatchesReference(), { numRuns: runs(40) });
  });
  it('matches the decimal reference on extreme magnitudes and caches', () => {
    fc.assert(fixedPointErrorMatchesReference({ extreme: true }), { numRuns: runs(80) });
  });
  it('matches it at 60 digits too', () => {
    fc.assert(fixedPointErrorMatchesReference({ extreme: true, digits: 60 }), { numRuns: runs(20) });
  });
});
