/**
 * Property: fast logits are within γ_{d+1}·|s|‖q‖‖k_i‖ of the reference.
 * @module
 */
import fc from 'fast-check';
import { gamma } from '../src/fast/float-error.js';
import { logits } from '../src/fast/logits.js';
import * as Ref from '../src/reference/index.js';
import { attentionCase, type AttentionCase, type AttentionCaseConstraints } from './arbitraries/attention-case.js';
import { exact, exactNormSquared, work } from './internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireWithin } from './internal/violation.js';

/** Constraints of the fast-vs-reference ladder properties. */
export interface LadderConstraints {
  /** Generator of the evaluation inputs. @defaultValue {} (every family) */
  readonly cases?: AttentionCaseConstraints;
  /** Reference digits. @defaultValue 30 */
  readonly digits?: number;
}

/**
 * The absolute allowance for products that underflow, from
 * proofs/lem-float-error.md §1: each of the d products (and the scaling)
 * loses at most 2⁻¹⁰⁷⁵ when it lands below the subnormal range, so the
 * logit is off by a further (d + 1)(1 + |s|)·2⁻¹⁰⁷⁵. (The `logits` doc
 * comment omits this term; reported.)
 * @internal
 * @lemma lem:float-error
 */
export function logitUnderflowAllowance(d: number, scale: number): number {
  return (d + 1) * (1 + Math.abs(scale)) * 2 ** -1074;
}

/**
 * Generates the property: every computed logit ℓ̂_i = fl(s·⟨q,k_i⟩) is within
 * γ_{d+1}·|s|·‖q‖·‖k_i‖ + `logitUnderflowAllowance` of the reference
 * (`lem:float-error`, claim 1 of its proof), for logits up to ±5000.
 * @lemma lem:float-error
 * @lemma def:attention
 */
export function fastLogitsWithinFloatErrorOfReference(constraints: LadderConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(attentionCase(constraints.cases), ({ instance, q, scale }) => {
    const fast = logits(instance, q, { scale });
    const ref = Ref.logits(instance, q, { scale, digits });
    const qn = work(exactNormSquared(q)).sqrt();
    for (let i = 0; i < instance.n; i++) {
      const kn = work(exactNormSquared(instance.K, i * instance.d, instance.d)).sqrt();
      const size = qn.times(kn).times(exact(Math.abs(scale)));
      const tol = size.times(exact(gamma(instance.d + 1))).plus(referenceAllowance(digits, size)).plus(exact(logitUnderflowAllowance(instance.d, scale)));
      requireWithin(`logit ${i} within γ_{d+1}|s|‖q‖‖k_i‖ + underflow allowance`, fast[i], ref[i], tol, () => describeCase(instance, q, undefined, `scale=${scale}`));
    }
  });
}
