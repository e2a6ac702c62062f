/**
 * Property: the verifier finds the uniform-weights trap's error exactly.
 * @module
 */
import fc from 'fast-check';
import { UNIT_ROUNDOFF } from '../../src/fast/float-error.js';
import { uniformTrapSubset } from '../../src/families/uniform-trap.js';
import { verify } from '../../src/verify/verify.js';
import { uniformTrapCase, type UniformTrapCase, type UniformTrapCaseConstraints } from '../arbitraries/uniform-trap-case.js';
import { describeCase, requireWithin } from '../internal/violation.js';

/**
 * How close to the closed form the search must come, relative. The error
 * curve peaks in the interior of [−ρ, ρ], where it is quadratic: the ascent
 * stops at steps of 10⁻⁹ρ, and binary64 noise (~10⁻¹⁶) blurs the peak over
 * Δq ≈ 10⁻⁸, a loss of order 10⁻¹⁶; 10⁻⁹ is far above both and far below
 * anything a wrong witness would give. Plus 16u for the closed form's own
 * rounding (Math.log, Math.tanh, a division).
 */
const PEAK_SLACK = 1e-9 + 16 * UNIT_ROUNDOFF;

/**
 * Generates the property: on T_ρ the uniform subset keeping the + key and
 * m − 1 of the − keys has E = 2·tanh(¼·ln(M/(m−1))), and `verify` reports a
 * lower bound equal to it within `PEAK_SLACK`
 * (`prop:uniform-weights-fail`). The closed form is computed here, not by
 * the code under test.
 * @lemma prop:uniform-weights-fail
 */
export function falsifierFindsUniformTrapWitness(constraints: UniformTrapCaseConstraints = {}): fc.IPropertyWithHooks<[UniformTrapCase]> {
  return fc.property(uniformTrapCase(constraints), ({ trap, m }) => {
    const closed = 2 * Math.tanh(0.25 * Math.log(trap.M / (m - 1)));
    const coreset = uniformTrapSubset(trap, m);
    const res = verify(trap.instance, coreset, { rho: trap.rho, eps: 1, budget: 1024, rkhs: 'never', bnbNodes: 2000 });
    requireWithin('lower = 2·tanh(¼ ln(M/(m−1)))', res.lower, closed, PEAK_SLACK * Math.max(closed, 1e-300) + 1e-300, () =>
      describeCase(trap.instance, undefined, coreset, `rho=${trap.rho} M=${trap.M} m=${m}`),
    );
  });
}
