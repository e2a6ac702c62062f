/**
 * Property: the full set, written as a weighted set, has error exactly 0.
 * @module
 */
import fc from 'fast-check';
import { coresetError } from '../src/fast/coreset-error.js';
import * as Ref from '../src/reference/index.js';
import { attentionCase, type AttentionCase, type AttentionCaseConstraints } from './arbitraries/attention-case.js';
import { describeCase, requireThat } from './internal/violation.js';

/** Constraints of {@link fullSetCoresetErrorIsZero}. */
export interface FullSetConstraints {
  /** @defaultValue {} */
  readonly cases?: AttentionCaseConstraints;
}

/**
 * Generates the property of `def:coreset-error` and `def:weighted-set`: the
 * weighted set {i: 1 for every row} is the full set, so err_w(q) = 0 exactly,
 * in the fast path (same operations in the same order as `null`) and in the
 * reference.
 * @lemma def:coreset-error
 * @lemma def:weighted-set
 */
export function fullSetCoresetErrorIsZero(constraints: FullSetConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  return fc.property(attentionCase(constraints.cases), ({ instance, q, scale }) => {
    const all = { indices: Uint32Array.from({ length: instance.n }, (_, i) => i), weights: new Float64Array(instance.n).fill(1) };
    const info = () => describeCase(instance, q, null, `scale=${scale}`);
    const fast = coresetError(instance, q, all, { scale });
    requireThat('fast err of the full set is 0', fast === 0, info, `got ${fast}`);
    const ref = Ref.coresetError(instance, q, all, { scale, digits: 20 });
    requireThat('reference err of the full set is 0', ref.isZero(), info, `got ${ref}`);
  });
}
