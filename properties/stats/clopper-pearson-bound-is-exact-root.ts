/**
 * Property: exceedUpper is the Clopper–Pearson root, rounded up, to 2 ulps.
 * @module
 */
import fc from 'fast-check';
import { exceedUpper } from '../../src/stats/clopper-pearson.js';
import { binomialCdfAtMost } from '../internal/exact-binomial.js';

const prev = (x: number): number => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  v.setBigUint64(0, v.getBigUint64(0) - 1n);
  return v.getFloat64(0);
};

/** Bounds of the generated cases. */
export interface ExactRootConstraints {
  /** @defaultValue 60 */
  readonly maxN?: number;
}

/**
 * Generates the property of `lem:query-sample-bound` (its Clopper–Pearson
 * part): for k < N the double b = exceedUpper(k, N, 1 − δ) has, in exact
 * rational arithmetic, P(Bin(N, b) ≤ k) ≤ δ (so b ≥ p_U: a valid bound) and
 * P(Bin(N, b⁻⁻) ≤ k) > δ with b⁻⁻ two doubles below b (so b − p_U < 2 ulps).
 * For k = N, b = 1.
 * @lemma lem:query-sample-bound
 */
export function clopperPearsonBoundIsExactRoot(constraints: ExactRootConstraints = {}): fc.IPropertyWithHooks<[[number, number, number]]> {
  const maxN = constraints.maxN ?? 60;
  const cases = fc.integer({ min: 1, max: maxN }).chain((N) => fc.tuple(fc.constant(N), fc.integer({ min: 0, max: N }), fc.constantFrom(0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999)));
  return fc.property(cases, ([N, k, confidence]) => {
    const b = exceedUpper(k, N, confidence);
    if (k === N) {
      if (b !== 1) throw new Error(`exceedUpper(${k}, ${N}, ${confidence}) = ${b}, expected 1`);
      return;
    }
    const delta = 1 - confidence; // exact: confidence ∈ [0.5, 1) (Sterbenz)
    if (!binomialCdfAtMost(k, N, b, delta)) throw new Error(`exceedUpper(${k}, ${N}, ${confidence}) = ${b}: P(Bin ≤ k) > δ there, not an upper bound`);
    if (binomialCdfAtMost(k, N, prev(prev(b)), delta)) throw new Error(`exceedUpper(${k}, ${N}, ${confidence}) = ${b}: already P(Bin ≤ k) ≤ δ two ulps below`);
  });
}
