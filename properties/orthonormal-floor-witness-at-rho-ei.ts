/**
 * Property: on the orthonormal family, ρe_i is a witness against omitting i.
 * @module
 */
import fc from 'fast-check';
import { coresetError } from '../src/fast/coreset-error.js';
import { coresetErrorBound, evaluationProfile } from '../src/fast/float-error.js';
import { orthonormalWitness } from '../src/families/orthonormal.js';
import * as Ref from '../src/reference/index.js';
import { orthonormalCase, type OrthonormalCase, type OrthonormalCaseConstraints } from './arbitraries/orthonormal-case.js';
import { exact, work } from './internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireAtMost } from './internal/violation.js';

/** Constraints of {@link orthonormalFloorWitnessAtRhoEi}. */
export interface OrthonormalWitnessConstraints {
  /** @defaultValue {} */
  readonly cases?: OrthonormalCaseConstraints;
  /** @defaultValue 30 */
  readonly digits?: number;
}

/**
 * Generates the property of `prop:orthonormal-floor` (claim 2): for keys =
 * values = e_1..e_n and any weighted set omitting row i, the reference error
 * at q = ρe_i is ≥ p·√(n/(n−1)) with p = e^ρ/(e^ρ + n − 1) (decimal), and
 * the fast error is ≥ the same less `coresetErrorBound`.
 * @lemma prop:orthonormal-floor
 */
export function orthonormalFloorWitnessAtRhoEi(constraints: OrthonormalWitnessConstraints = {}): fc.IPropertyWithHooks<[OrthonormalCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(orthonormalCase(constraints.cases), ({ instance, rho, omitted, coreset }) => {
    const n = instance.n;
    const q = orthonormalWitness(n, omitted, rho);
    const info = () => describeCase(instance, q, coreset, `ρ=${rho} i=${omitted}`);
    const e = work(rho).exp();
    const p = e.div(e.plus(n - 1));
    const floor = p.times(work(n).div(n - 1).sqrt());
    const ref = Ref.coresetError(instance, q, coreset, { digits });
    requireAtMost('reference err(ρe_i) ≥ p√(n/(n−1))', floor, ref.plus(referenceAllowance(digits, 4)), info);
    const bound = coresetErrorBound(evaluationProfile(instance, q, null), evaluationProfile(instance, q, coreset));
    requireAtMost('fast err(ρe_i) ≥ p√(n/(n−1)) − bound', floor, exact(coresetError(instance, q, coreset)).plus(exact(bound)), info);
  });
}
