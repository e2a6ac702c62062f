/**
 * Property: the Cholesky-certified λ_max bound is ≥ the exact λ_max and close to it.
 * @module
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { maxEigenvalue } from '../../src/reference/moment.js';
import { exactDecimal } from '../../src/reference/exact.js';
import { certifiedMaxEigenvalue } from '../../src/verify/eigen-bound.js';
import { requireAtMost } from '../internal/violation.js';

/**
 * How far above λ_max the bound may sit, relative to max|λ|: the margins tried
 * reach 10⁻⁴ after a failed 10⁻⁶ (slow power iteration on close eigenvalues);
 * 10⁻³ catches a Gershgorin fallback or a wrong constant on these matrices.
 */
const EIGEN_LOOSENESS = 1e-3;

/** Absolute allowance: the bound's underflow guard d(d+2)·2^{−1070} and subnormal slack, far below 2^{−1000}. */
const EIGEN_ABSOLUTE = 2 ** -1000;

/**
 * Generates the property: for symmetric d × d matrices (random, Gram-type
 * PSD of low rank, and with two nearly equal top eigenvalues), the bound of
 * `certifiedMaxEigenvalue` with err = 0 is ≥ λ_max from 60-digit Jacobi, and
 * ≤ λ_max + `EIGEN_LOOSENESS`·max|λ| (`lem:certified-eigenvalue`).
 * @lemma lem:certified-eigenvalue
 */
export function certifiedEigenvalueIsAboveExact(): fc.IPropertyWithHooks<[{ d: number; A: number[]; kind: number }]> {
  const cases = fc.integer({ min: 1, max: 6 }).chain((d) =>
    fc.record({ d: fc.constant(d), A: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d * d, maxLength: d * d }), kind: fc.integer({ min: 0, max: 2 }) }),
  );
  return fc.property(cases, ({ d, A, kind }) => {
    const M = new Float64Array(d * d);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        if (kind === 0) M[a * d + b] = (A[a * d + b] + A[b * d + a]) / 2;
        else if (kind === 1) M[a * d + b] = A[a] * A[b];
        else M[a * d + b] = (a === b ? (a < 2 ? 1 : A[a]) : 0) + 1e-9 * (A[a * d + b] + A[b * d + a]);
      }
    }
    const bound = certifiedMaxEigenvalue(M, d, 0);
    const exact = maxEigenvalue(Array.from(M, (x) => exactDecimal(x)), d);
    let big = 0;
    for (const x of M) big = Math.max(big, Math.abs(x));
    const input = (): string => `d=${d} kind=${kind} M=[${Array.from(M).join(', ')}]`;
    requireAtMost('exact λ_max ≤ certified bound', exact, bound.upper, input);
    requireAtMost('certified bound ≤ λ_max + looseness', new Decimal(bound.upper), exact.plus(d * big * EIGEN_LOOSENESS + EIGEN_ABSOLUTE), input);
  });
}
