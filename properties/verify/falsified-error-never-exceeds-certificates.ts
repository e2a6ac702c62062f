/**
 * Property: a value the falsifier finds (recomputed exactly) never exceeds
 * a certified upper bound.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../../src/reference/index.js';
import type { Coreset, Instance } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { makePair } from '../../src/verify/batch.js';
import { branchAndBound } from '../../src/verify/branch-and-bound.js';
import { falsify } from '../../src/verify/falsify.js';
import { rkhsCertificate } from '../../src/verify/rkhs.js';
import { keySpan } from '../../src/verify/span.js';
import { intoBall } from '../../src/verify/witness.js';
import { ballKeyInstance } from '../arbitraries/ball-key-instance.js';
import { clusteredKeyInstance } from '../arbitraries/clustered-key-instance.js';
import { lowRankKeyInstance } from '../arbitraries/low-rank-key-instance.js';
import { nearDuplicateKeyInstance } from '../arbitraries/near-duplicate-key-instance.js';
import { unitSphereInstance } from '../arbitraries/unit-sphere-instance.js';
import { weighting } from '../arbitraries/weighting.js';
import { describeCase, requireAtMost } from '../internal/violation.js';

/** A verification case: instance, coreset, radius, seed. */
export interface CertificateCase {
  readonly inst: Instance;
  readonly w: Coreset;
  readonly rho: number;
  readonly seed: number;
}

/**
 * Generates certificate cases: an instance from the unit-sphere, ball-key,
 * clustered, near-duplicate and low-rank families, a weighted set (not the
 * full set), ρ ∈ [0.05, 5] and a falsifier seed.
 * @lemma lem:rkhs-certificate
 */
export function certificateCase(shapes: { maxN: number; maxD: number; maxDv: number }): fc.Arbitrary<CertificateCase> {
  const inst = fc.oneof(unitSphereInstance(shapes), ballKeyInstance(shapes), clusteredKeyInstance(shapes), nearDuplicateKeyInstance(shapes), lowRankKeyInstance(shapes));
  return inst.chain((i) =>
    fc.record({
      inst: fc.constant(i),
      w: weighting(i.n, { fullSet: false }) as fc.Arbitrary<Coreset>,
      rho: fc.double({ min: 0.05, max: 5, noNaN: true }),
      seed: fc.integer({ min: 0, max: 1000 }),
    }),
  );
}

/**
 * Generates the property: for any instance and weighted set, the reference
 * error at the falsifier's witness (an exact point of B_ρ) is ≤ the RKHS
 * certificate (`lem:rkhs-certificate`, `lem:certificate-rounding`) and, when
 * the keys span ≤ 3 dimensions, ≤ the branch-and-bound's upper bound
 * (`lem:branch-and-bound`).
 * @lemma lem:rkhs-certificate
 * @lemma lem:certificate-rounding
 * @lemma lem:branch-and-bound
 */
export function falsifiedErrorNeverExceedsCertificates(): fc.IPropertyWithHooks<[CertificateCase]> {
  const cases = certificateCase({ maxN: 10, maxD: 4, maxDv: 3 });
  return fc.property(cases, ({ inst: I, w, rho, seed }) => {
    const c = normalizeCoreset(w, I.n);
    const f = falsify(makePair(I, c), { rho, budget: 256, seed, coreRows: c.indices });
    const q = intoBall(f.query, rho);
    const exactErr = Ref.coresetError(I, q, c, { digits: 40 });
    const input = (): string => describeCase(I, q, w, `rho=${rho}`);
    const cert = rkhsCertificate(I, c, rho);
    if (Number.isFinite(cert.upper)) requireAtMost('reference error at witness ≤ RKHS certificate', exactErr, cert.upper, input);
    if (keySpan(I).rank <= 3) {
      const bb = branchAndBound(I, c, rho, { tolerance: 1e-2, maxNodes: 2000 });
      requireAtMost('reference error at witness ≤ branch-and-bound upper', exactErr, bb.upper, input);
    }
  });
}
