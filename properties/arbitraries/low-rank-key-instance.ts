/**
 * Arbitrary: keys spanning a low-dimensional subspace.
 * @module
 */
import fc from 'fast-check';
import type { Instance } from '../../src/types.js';
import { instanceOf, normalize, unitVector } from '../internal/rows.js';
import { shape, type ShapeConstraints } from '../internal/shape.js';

/** Constraints of {@link lowRankKeyInstance}. */
export interface LowRankKeyInstanceConstraints extends ShapeConstraints {
  /** Largest dimension of the span of the keys. @defaultValue 3 */
  readonly maxRank?: number;
}

/**
 * Generates unit keys in the span of r ≤ min(d, maxRank) random orthonormal
 * directions of R^d (d ≥ 2), unit values: the case the branch-and-bound
 * certificate handles (`lem:branch-and-bound`) and where the query ball
 * collapses to an r-dimensional one (`def:query-ball`).
 * @lemma def:query-ball
 * @lemma lem:branch-and-bound
 */
export function lowRankKeyInstance(constraints: LowRankKeyInstanceConstraints = {}): fc.Arbitrary<Instance> {
  return shape({ minN: 2, ...constraints }, 2).chain(({ n, d, dv }) =>
    fc.integer({ min: 1, max: Math.min(d - 1, constraints.maxRank ?? 3) }).chain((r) =>
      fc
        .tuple(
          fc.array(unitVector(d), { minLength: r, maxLength: r }),
          fc.array(unitVector(r), { minLength: n, maxLength: n }),
          fc.array(unitVector(dv), { minLength: n, maxLength: n }),
        )
        .map(([raw, coeff, values]) => {
          const basis = orthonormalize(raw);
          const keys = coeff.map((c) => {
            const k = basis[0].map((_, a) => basis.reduce((s, b, j) => s + (c[j] ?? 0) * b[a], 0));
            // A combination that cancels to 0 (dependent fallback basis) becomes the first basis vector.
            return k.some((t) => t !== 0) ? normalize(k) : basis[0];
          });
          return instanceOf(keys, values);
        }),
    ),
  );
}

function orthonormalize(vs: readonly number[][]): number[][] {
  const out: number[][] = [];
  for (const v of vs) {
    let x = v.slice();
    for (const b of out) {
      const c = x.reduce((s, t, a) => s + t * b[a], 0);
      x = x.map((t, a) => t - c * b[a]);
    }
    const r = Math.sqrt(x.reduce((s, t) => s + t * t, 0));
    out.push(r > 1e-8 ? x.map((t) => t / r) : v);
  }
  return out;
}
