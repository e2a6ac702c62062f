/**
 * Property: err_w(q) is the Euclidean distance of A_1(q) and A_w(q).
 * @module
 */
import fc from 'fast-check';
import { coresetError } from '../src/fast/coreset-error.js';
import * as Ref from '../src/reference/index.js';
import type { Coreset } from '../src/types.js';
import { attentionCase, type AttentionCase, type AttentionCaseConstraints } from './arbitraries/attention-case.js';
import { supportNorms } from './internal/decimal-instance.js';
import { Exact, work } from './internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireThat, requireWithin } from './internal/violation.js';

/** Constraints of {@link coresetErrorIsDistanceOfAttentions}. */
export interface DistanceConstraints {
  /** @defaultValue { fullSet: false } */
  readonly cases?: AttentionCaseConstraints;
  /** @defaultValue 30 */
  readonly digits?: number;
}

/**
 * Generates the property of `def:coreset-error`: err_w(q) ≥ 0, it is at most
 * 2·R_v (two convex combinations of rows of norm ≤ R_v), and the reference
 * err_w(q) equals ‖A_1(q) − A_w(q)‖₂ of two reference attentions; the fast
 * err_w(q) is finite and non-negative for every input (its closeness to the
 * reference is `fastCoresetErrorWithinFloatErrorOfReference`).
 * @lemma def:coreset-error
 */
export function coresetErrorIsDistanceOfAttentions(constraints: DistanceConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(attentionCase({ fullSet: false, ...constraints.cases }), ({ instance, q, w, scale }) => {
    const c = w as Coreset;
    const info = () => describeCase(instance, q, w, `scale=${scale}`);
    const err = Ref.coresetError(instance, q, c, { scale, digits });
    const A1 = Ref.attention(instance, q, null, { scale, digits });
    const Aw = Ref.attention(instance, q, c, { scale, digits });
    let s = new Exact(0);
    for (let t = 0; t < instance.dv; t++) s = s.plus(A1[t].minus(Aw[t]).pow(2));
    const Rv = supportNorms(instance, null).Rv;
    requireThat('reference err ≥ 0', !err.isNegative(), info);
    requireWithin('reference err = ‖A_1 − A_w‖', err, work(s).sqrt(), referenceAllowance(digits, Rv.times(4)).times(Math.sqrt(instance.dv)), info);
    requireThat('reference err ≤ 2R_v', err.lte(Rv.times(2).plus(referenceAllowance(digits, Rv.times(2)))), info, `err=${err} R_v=${Rv}`);
    const fast = coresetError(instance, q, c, { scale });
    requireThat('fast err ≥ 0 and finite', fast >= 0 && Number.isFinite(fast), info, `got ${fast}`);
  });
}
