/**
 * Property: the full set, and exact reweightings of duplicated rows, never fail.
 * @module
 */
import fc from 'fast-check';
import type { Coreset, Instance } from '../../src/types.js';
import { verify } from '../../src/verify/verify.js';
import { unitSphereInstance } from '../arbitraries/unit-sphere-instance.js';
import { describeCase, requireThat } from '../internal/violation.js';

/** An instance whose rows repeat, and a weighted set equal to it as a measure. */
export interface DuplicateCase {
  readonly inst: Instance;
  readonly w: Coreset;
  readonly rho: number;
  readonly eps: number;
}

/**
 * Generates the property: if a weighted set puts, on every group of
 * identical rows, total weight equal to the group's size (dyadic splits, so
 * the sums are exact in binary64), it defines the same measure as the full
 * set, E(w) = 0, and `verify` never says `fail`, for any ε > 0
 * (`def:eps-coreset`, `lem:shift-invariance`).
 * @lemma def:eps-coreset
 */
export function fullSetAndDuplicateReweightingsNeverFail(): fc.IPropertyWithHooks<[DuplicateCase]> {
  const cases = unitSphereInstance({ maxN: 5, maxD: 4, maxDv: 3 }).chain((base) =>
    fc
      .record({
        mult: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: base.n, maxLength: base.n }),
        quarters: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: base.n, maxLength: base.n }),
        rho: fc.double({ min: 0.05, max: 6, noNaN: true }),
        eps: fc.double({ min: 1e-12, max: 0.5, noNaN: true }),
        scale: fc.constantFrom(1, 2, 1 / 8),
      })
      .map(({ mult, quarters, rho, eps, scale }) => {
        const { d, dv } = base;
        const K: number[] = [];
        const V: number[] = [];
        const idx: number[] = [];
        const wts: number[] = [];
        let row = 0;
        for (let i = 0; i < base.n; i++) {
          const first = row;
          for (let t = 0; t < mult[i]; t++) {
            K.push(...base.K.subarray(i * d, (i + 1) * d));
            V.push(...base.V.subarray(i * dv, (i + 1) * dv));
            row++;
          }
          // Group weight mult[i] (times a common scale), split over the first and last copy.
          const a = Math.min(quarters[i] / 4, mult[i]);
          const b = mult[i] - a;
          if (a > 0) {
            idx.push(first);
            wts.push(a * scale);
          }
          if (b > 0) {
            idx.push(row - 1);
            wts.push(b * scale);
          }
        }
        const inst: Instance = { n: row, d, dv, K: Float64Array.from(K), V: Float64Array.from(V) };
        return { inst, w: { indices: Uint32Array.from(idx), weights: Float64Array.from(wts) }, rho, eps };
      }),
  );
  return fc.property(cases, ({ inst, w, rho, eps }) => {
    const res = verify(inst, w, { rho, eps, budget: 128, bnbNodes: 200 });
    requireThat('verdict is not fail', res.verdict !== 'fail', () => describeCase(inst, res.witness, w, `rho=${rho} eps=${eps}`), `lower ${res.lower}`);
  });
}
