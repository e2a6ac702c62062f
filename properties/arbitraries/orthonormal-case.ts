/**
 * Arbitrary: the orthonormal family with a weighted set that omits one key.
 * @module
 */
import fc from 'fast-check';
import { orthonormalInstance } from '../../src/families/orthonormal.js';
import type { Coreset, Instance } from '../../src/types.js';

/** Constraints of {@link orthonormalCase}. */
export interface OrthonormalCaseConstraints {
  /** @defaultValue 2 */
  readonly minN?: number;
  /** @defaultValue 10 */
  readonly maxN?: number;
  /** @defaultValue 0.01 */
  readonly minRho?: number;
  /** @defaultValue 8 */
  readonly maxRho?: number;
}

/** An orthonormal instance, ρ, an omitted index and a weighted set without it. */
export interface OrthonormalCase {
  readonly instance: Instance;
  readonly rho: number;
  readonly omitted: number;
  readonly coreset: Coreset;
}

/**
 * Generates keys = values = e_1..e_n (`prop:orthonormal-floor`), ρ, an index
 * i and a weighted set with positive weights of any magnitude on a non-empty
 * subset of the other rows (repeats allowed): every such set misses key i.
 * @lemma prop:orthonormal-floor
 */
export function orthonormalCase(constraints: OrthonormalCaseConstraints = {}): fc.Arbitrary<OrthonormalCase> {
  const n = fc.integer({ min: Math.max(2, constraints.minN ?? 2), max: constraints.maxN ?? 10 });
  return fc
    .tuple(n, fc.double({ min: constraints.minRho ?? 0.01, max: constraints.maxRho ?? 8, noNaN: true }))
    .chain(([size, rho]) =>
      fc.integer({ min: 0, max: size - 1 }).chain((omitted) => {
        const others = Array.from({ length: size }, (_, i) => i).filter((i) => i !== omitted);
        const entry = fc.tuple(fc.constantFrom(...others), fc.double({ min: 1e-3, max: 1e3, noNaN: true }));
        return fc.array(entry, { minLength: 1, maxLength: 2 * size }).map((es) => ({
          instance: orthonormalInstance(size),
          rho,
          omitted,
          coreset: { indices: Uint32Array.from(es.map((e) => e[0])), weights: Float64Array.from(es.map((e) => e[1])) },
        }));
      }),
    );
}
