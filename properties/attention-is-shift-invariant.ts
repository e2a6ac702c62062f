/**
 * Property: A is unchanged by a common logit shift and a common weight scale.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../src/reference/index.js';
import type { Coreset, Instance } from '../src/types.js';
import { attentionCase, type AttentionCase, type AttentionCaseConstraints } from './arbitraries/attention-case.js';
import { supportNorms } from './internal/decimal-instance.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireWithin } from './internal/violation.js';

/** Constraints of {@link attentionIsShiftInvariant}. */
export interface ShiftInvarianceConstraints {
  /** @defaultValue { extremeWeights: false, largeLogits: false } */
  readonly cases?: AttentionCaseConstraints;
  /** Largest |c| of the logit shift. @defaultValue 50 */
  readonly maxShift?: number;
  /** @defaultValue 30 */
  readonly digits?: number;
}

function appendColumn(inst: Instance): Instance {
  const { n, d, K } = inst;
  const L = new Float64Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    L.set(K.subarray(i * d, (i + 1) * d), i * (d + 1));
    L[i * (d + 1) + d] = 1;
  }
  return { ...inst, d: d + 1, K: L };
}

/**
 * Generates the property of `lem:shift-invariance`, checked in the reference:
 * with keys (k_i, 1) and query (q, c) every logit moves by s·c, and with
 * weights λ·a (λ = 2^j, exact in binary64) every weight scales by λ; A_a(q)
 * is unchanged, to the reference's own precision.
 * @lemma lem:shift-invariance
 */
export function attentionIsShiftInvariant(constraints: ShiftInvarianceConstraints = {}): fc.IPropertyWithHooks<[AttentionCase, number, number]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  const m = constraints.maxShift ?? 50;
  const cases = attentionCase({ extremeWeights: false, largeLogits: false, ...constraints.cases });
  return fc.property(cases, fc.double({ min: -m, max: m, noNaN: true }), fc.integer({ min: -60, max: 60 }), ({ instance, q, w, scale }, c, j) => {
    const shifted = appendColumn(instance);
    const q2 = Float64Array.from([...q, c]);
    const base: Coreset = w ?? { indices: Uint32Array.from({ length: instance.n }, (_, i) => i), weights: new Float64Array(instance.n).fill(1) };
    const w2: Coreset = { indices: base.indices, weights: base.weights.map((x) => x * 2 ** j) };
    const a = Ref.attention(instance, q, w, { scale, digits });
    const b = Ref.attention(shifted, q2, w2, { scale, digits });
    const { Rv } = supportNorms(instance, w);
    for (let t = 0; t < instance.dv; t++) {
      const tol = referenceAllowance(digits, Rv).times(2);
      requireWithin(`A[${t}] after logit shift ${c}·s and weight scale 2^${j}`, b[t], a[t], tol, () => describeCase(instance, q, w, `scale=${scale}`));
    }
  });
}
