/**
 * Property: minUniformCoresetSize is the smallest m with closed-form error ≤ ε.
 * @module
 */
import fc from 'fast-check';
import { minUniformCoresetSize, uniformTrapSize } from '../src/bounds.js';
import { exact, Exact, work } from './internal/exact.js';
import { requireAtMost, requireThat } from './internal/violation.js';

const E = (M: Exact, j: number) => work(M).div(j).ln().div(4).tanh().times(2);
type Exact = InstanceType<typeof Exact>;

/**
 * Generates the property of `prop:uniform-weights-fail` (claim 3) for the
 * integer arithmetic of `minUniformCoresetSize` and `uniformTrapSize`:
 * M = ⌊e^{2ρ}⌋ (M ≤ e^{2ρ} < M + 1 in decimal), and m* satisfies
 * 2·tanh(¼ln(M/(m*−1))) ≤ ε while m* − 1 (when ≥ 2) does not, in decimal;
 * and m* ≥ e^{2ρ}(1 − 2ε) + 2ε (the growth statement).
 * @lemma prop:uniform-weights-fail
 */
export function minUniformCoresetSizeIsSmallestFeasible(): fc.IPropertyWithHooks<[number, number]> {
  return fc.property(fc.double({ min: 1e-3, max: 12, noNaN: true }), fc.double({ min: 1e-4, max: 0.999, noNaN: true }), (rho, eps) => {
    const M = uniformTrapSize(rho);
    const m = minUniformCoresetSize(rho, eps);
    const info = () => `ρ=${rho} ε=${eps} M=${M} m*=${m}`;
    const e2 = work(rho).times(2).exp();
    const Md = new Exact(M);
    requireThat('M ≤ e^{2ρ} < M + 1', Md.lte(e2) && e2.lt(Md.plus(1)), info);
    requireThat('2 ≤ m* ≤ M + 1', m >= 2 && m <= M + 1, info);
    const e = exact(eps);
    requireAtMost('E(m*) ≤ ε', E(Md, m - 1), e, info);
    if (m - 2 >= 1) requireThat('E(m* − 1) > ε', E(Md, m - 2).gt(e), info, `E=${E(Md, m - 2)}`);
    requireAtMost('m* ≥ e^{2ρ}(1 − 2ε) + 2ε', e2.times(new Exact(1).minus(e.times(2))).plus(e.times(2)), new Exact(m), info);
  });
}
