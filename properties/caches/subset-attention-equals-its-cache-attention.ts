/**
 * Property: a weighted subset and its cache (K_S, V_S, w_S) are the same
 * weighting, bit for bit in binary64 and exactly in the reference.
 * @module
 */
import fc from 'fast-check';
import { cacheOfCoreset } from '../../src/cache.js';
import { attention } from '../../src/fast/attention.js';
import { coresetError } from '../../src/fast/coreset-error.js';
import * as Ref from '../../src/reference/index.js';
import type { Coreset } from '../../src/types.js';
import { attentionCase, type AttentionCase, type AttentionCaseConstraints } from '../arbitraries/attention-case.js';
import { describeCase, requireThat } from '../internal/violation.js';

/**
 * Generates the property of `def:compressed-cache` ("a weighted subset w is
 * the cache (K_S, V_S, w_S)"): for every subset, `attention` and
 * `coresetError` of the subset and of `cacheOfCoreset` of it are equal bit
 * for bit (the same operations in the same order), and the reference's
 * attentions agree exactly.
 * @lemma def:compressed-cache
 */
export function subsetAttentionEqualsItsCacheAttention(cases: AttentionCaseConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  return fc.property(attentionCase({ ...cases, fullSet: false }), ({ instance, q, w, scale }) => {
    const c = w as Coreset;
    const C = cacheOfCoreset(instance, c);
    const info = () => describeCase(instance, q, w, `scale=${scale}`);
    const a = attention(instance, q, c, { scale });
    const b = attention(instance, q, C, { scale });
    requireThat('fast A_w = A_C bit for bit', a.every((x, t) => Object.is(x, b[t])), info, `${Array.from(a)} vs ${Array.from(b)}`);
    requireThat('fast err_w = err_C bit for bit', Object.is(coresetError(instance, q, c, { scale }), coresetError(instance, q, C, { scale })), info);
    const ra = Ref.attention(instance, q, c, { scale, digits: 25 });
    const rb = Ref.attention(instance, q, C, { scale, digits: 25 });
    requireThat('reference A_w = A_C exactly', ra.every((x, t) => x.eq(rb[t])), info);
  });
}
