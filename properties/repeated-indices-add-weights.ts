/**
 * Property: a multiset weighting equals the weighting with summed weights.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../src/reference/index.js';
import { normalizeCoreset } from '../src/validate.js';
import type { Coreset } from '../src/types.js';
import { attentionCase, type AttentionCase, type AttentionCaseConstraints } from './arbitraries/attention-case.js';
import { supportNorms } from './internal/decimal-instance.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireThat, requireWithin } from './internal/violation.js';

/** Constraints of {@link repeatedIndicesAddWeights}. */
export interface MultisetConstraints {
  /** @defaultValue { fullSet: false, extremeWeights: false } */
  readonly cases?: AttentionCaseConstraints;
  /** @defaultValue 30 */
  readonly digits?: number;
}

/**
 * Generates the property of `def:weighted-set`: splitting every weight of a
 * weighted set into two entries with the same index (a multiset) leaves
 * A_w(q) unchanged in the reference, `normalizeCoreset` merges the entries
 * back to distinct increasing indices with the summed weights (binary64
 * sums; the split halves are exact), counts the repeats, and its size is the
 * number of distinct indices with positive weight.
 * @lemma def:weighted-set
 */
export function repeatedIndicesAddWeights(constraints: MultisetConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(attentionCase({ fullSet: false, extremeWeights: false, ...constraints.cases }), ({ instance, q, w, scale }) => {
    const c = w as Coreset;
    const info = () => describeCase(instance, q, w, `scale=${scale}`);
    // Halving is exact for normal weights, so the split multiset has exactly the same sums.
    const split: Coreset = {
      indices: Uint32Array.from([...c.indices, ...c.indices]),
      weights: Float64Array.from([...c.weights, ...c.weights].map((x) => x / 2)),
    };
    const a = Ref.attention(instance, q, c, { scale, digits });
    const b = Ref.attention(instance, q, split, { scale, digits });
    const { Rv } = supportNorms(instance, c);
    for (let t = 0; t < instance.dv; t++) requireWithin(`A[${t}] of the split multiset`, b[t], a[t], referenceAllowance(digits, Rv).times(2), info);
    const merged = normalizeCoreset(split, instance.n);
    const distinct = new Set<number>();
    const sums = new Map<number, number>();
    for (let j = 0; j < c.indices.length; j++) sums.set(c.indices[j], (sums.get(c.indices[j]) ?? 0) + c.weights[j]);
    for (const [i, s] of sums) if (s > 0) distinct.add(i);
    requireThat('size = distinct indices of positive weight', merged.indices.length === distinct.size, info, `got ${merged.indices.length}, want ${distinct.size}`);
    requireThat('repeats counted', merged.repeated === split.indices.length - sums.size, info, `got ${merged.repeated}`);
    for (let j = 0; j < merged.indices.length; j++) {
      if (j > 0) requireThat('indices increase', merged.indices[j] > merged.indices[j - 1], info);
      const want = sums.get(merged.indices[j]) ?? NaN;
      // Both sums add the same halves of the same weights; the merged sum of
      // 2k halves equals the k-term sum up to the order of the additions.
      requireWithin(`merged weight of row ${merged.indices[j]}`, merged.weights[j], want, Math.abs(want) * 2 * c.indices.length * 2 ** -53, info);
    }
  });
}
