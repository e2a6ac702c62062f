/**
 * Property: on T_ρ the uniform subset's error is 2·tanh(¼ln(M/(m−1))).
 * @module
 */
import fc from 'fast-check';
import type { Decimal } from 'decimal.js';
import { uniformTrapError } from '../src/bounds.js';
import { uniformTrapSubset } from '../src/families/uniform-trap.js';
import * as Ref from '../src/reference/index.js';
import { uniformTrapCase, type UniformTrapCase, type UniformTrapCaseConstraints } from './arbitraries/uniform-trap-case.js';
import { exact, Exact, work } from './internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireAtMost, requireThat, requireWithin } from './internal/violation.js';

/** Constraints of {@link uniformTrapErrorMatchesClosedForm}. */
export interface UniformTrapConstraints {
  /** @defaultValue { maxRho: 1.5 } */
  readonly cases?: UniformTrapCaseConstraints;
  /** @defaultValue 30 */
  readonly digits?: number;
}

/** Query points of the grid check of the maximum. */
const GRID = 16;

/**
 * The closed form in decimal: 2·tanh(¼ln(M/j)).
 * @internal
 */
function closedFormD(M: number, j: number): Decimal {
  const x = work(M).div(j).ln().div(4);
  return x.tanh().times(2);
}

/**
 * Generates the property of `prop:uniform-weights-fail` (claims 1, 2): on
 * T_ρ the uniform-weight subset with the +1 key and m − 1 minus keys has
 * reference error 2·tanh(¼ln(M/(m−1))) at q* = ¼ln(M(m−1)) ∈ [0, ρ], no
 * larger error at the drawn query or on a grid of [−ρ, ρ], and the float
 * `uniformTrapError` is within 2u(1 + |ln x|) + 8u·E of the decimal form
 * (x = M/(m−1); Math.log and Math.tanh assumed within one ulp, like
 * Math.exp in `lem:float-error`); a subset without the +1 key has error
 * ≥ 1 at q = ρ.
 * @lemma prop:uniform-weights-fail
 */
export function uniformTrapErrorMatchesClosedForm(constraints: UniformTrapConstraints = {}): fc.IPropertyWithHooks<[UniformTrapCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(uniformTrapCase({ maxRho: 1.5, ...constraints.cases }), ({ trap, q, m }) => {
    const { instance, M, rho } = trap;
    const w = uniformTrapSubset(trap, m);
    const info = () => describeCase({ ...instance, K: instance.K.subarray(0, 3), V: instance.V.subarray(0, 3) }, q, null, `ρ=${rho} M=${M} m=${m}`);
    const E = closedFormD(M, m - 1);
    const tol = referenceAllowance(digits, 4);
    const qStar = [work(M).times(m - 1).ln().div(4)];
    requireThat('q* ∈ [0, ρ]', !qStar[0].isNegative() && qStar[0].lte(exact(rho)), info, `q*=${qStar[0]}`);
    requireWithin('err at q* = 2·tanh(¼ln(M/(m−1)))', Ref.coresetError(instance, qStar, w, { digits }), E, tol, info);
    requireAtMost('err at the drawn query ≤ closed form', Ref.coresetError(instance, q, w, { digits }), E.plus(tol), info);
    for (let g = 0; g <= GRID; g++) {
      const t = Float64Array.of(-rho + (2 * rho * g) / GRID);
      requireAtMost(`err at grid point ${t[0]} ≤ closed form`, Ref.coresetError(instance, t, w, { digits }), E.plus(tol), info);
    }
    const fast = uniformTrapError(M, m);
    const lnx = Math.abs(Math.log(M / (m - 1)));
    requireWithin('uniformTrapError within its rounding', fast, E, exact(2 ** -52 * (1 + lnx) + 2 ** -50 * fast), info);
    const noPlus = uniformTrapSubset(trap, Math.min(m, M), false);
    requireAtMost('without the +1 key err(ρ) ≥ 1', new Exact(1), Ref.coresetError(instance, Float64Array.of(rho), noPlus, { digits }).plus(tol), info);
  });
}
