/**
 * Property: the verifier finds the orthonormal family's witness.
 * @module
 */
import fc from 'fast-check';
import { UNIT_ROUNDOFF } from '../../src/fast/float-error.js';
import { verify } from '../../src/verify/verify.js';
import { orthonormalCase, type OrthonormalCase, type OrthonormalCaseConstraints } from '../arbitraries/orthonormal-case.js';
import { describeCase, requireAtMost, requireThat } from '../internal/violation.js';

/**
 * Relative slack on the share p = e^ρ/(e^ρ + n − 1) computed in binary64:
 * Math.exp (2u), one addition, one division (u each) and the verifier's
 * rounding of its reference value one step down (4u): 8u, doubled.
 */
const SHARE_SLACK = 16 * UNIT_ROUNDOFF;

/**
 * Generates the property: for keys = values = e_1..e_n and any weighted set
 * omitting key i, `verify` reports lower ≥ p = e^ρ/(e^ρ + n − 1) and, at
 * ε = p/2, the verdict `fail` (`prop:orthonormal-floor`: err ≥ p at ρe_i).
 * @lemma prop:orthonormal-floor
 */
export function falsifierFindsOrthonormalWitness(constraints: OrthonormalCaseConstraints = {}): fc.IPropertyWithHooks<[OrthonormalCase]> {
  return fc.property(orthonormalCase({ maxN: 8, maxRho: 5, ...constraints }), ({ instance, rho, coreset }) => {
    const n = instance.n;
    const p = Math.exp(rho) / (Math.exp(rho) + n - 1);
    const res = verify(instance, coreset, { rho, eps: p / 2, budget: 512, rkhs: 'never' });
    const input = (): string => describeCase(instance, undefined, coreset, `rho=${rho}`);
    requireAtMost('lower ≥ p (orthonormal floor)', p * (1 - SHARE_SLACK), res.lower, input);
    requireThat('verdict is fail at ε = p/2', res.verdict === 'fail', input, `verdict ${res.verdict}`);
  });
}
