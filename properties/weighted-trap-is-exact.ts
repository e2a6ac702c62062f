/**
 * Property: two weighted points reproduce T_ρ exactly.
 * @module
 */
import fc from 'fast-check';
import { coresetError } from '../src/fast/coreset-error.js';
import { coresetErrorBound, evaluationProfile } from '../src/fast/float-error.js';
import { uniformTrapWeighted } from '../src/families/uniform-trap.js';
import * as Ref from '../src/reference/index.js';
import { logMassError } from '../src/reference/mass-error.js';
import { uniformTrapCase, type UniformTrapCase, type UniformTrapCaseConstraints } from './arbitraries/uniform-trap-case.js';
import { exact } from './internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireAtMost } from './internal/violation.js';

/** Constraints of {@link weightedTrapIsExact}. */
export interface WeightedTrapConstraints {
  /** @defaultValue { maxRho: 2 } */
  readonly cases?: UniformTrapCaseConstraints;
  /** @defaultValue 30 */
  readonly digits?: number;
}

/**
 * Generates the property of `prop:uniform-weights-fail` (claim 4): the
 * weighted set {+1 key: 1, one −1 key: M} has Z_w = Z_1, so its reference
 * error and log mass error are 0 up to the reference's precision at every
 * query, and the fast error is within `coresetErrorBound` of 0.
 * @lemma prop:uniform-weights-fail
 * @lemma def:mass-error
 */
export function weightedTrapIsExact(constraints: WeightedTrapConstraints = {}): fc.IPropertyWithHooks<[UniformTrapCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(uniformTrapCase(constraints.cases), ({ trap, q }) => {
    const { instance, M, rho } = trap;
    const w = uniformTrapWeighted(trap);
    const info = () => `T_ρ with ρ=${rho} M=${M}; ${describeCase({ ...instance, K: instance.K.subarray(0, 2), V: instance.V.subarray(0, 2) }, q)}`;
    const tol = referenceAllowance(digits, 4);
    requireAtMost('reference err = 0', Ref.coresetError(instance, q, w, { digits }), tol, info);
    requireAtMost('reference mass error = 0', logMassError(instance, q, w, { digits }), referenceAllowance(digits, 4 + 2 * rho), info);
    const bound = coresetErrorBound(evaluationProfile(instance, q, null), evaluationProfile(instance, q, w));
    requireAtMost('fast err within coresetErrorBound of 0', coresetError(instance, q, w), exact(bound), info);
  });
}
