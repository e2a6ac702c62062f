/**
 * Property: the binary64 moment certificate is ≥ its decimal twin, order by order.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../../src/reference/index.js';
import type { Coreset } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { subsetMeasure } from '../../src/verify/measure.js';
import { momentCertificate } from '../../src/verify/moment.js';
import { ballKeyInstance } from '../arbitraries/ball-key-instance.js';
import { nearDuplicateKeyInstance } from '../arbitraries/near-duplicate-key-instance.js';
import { unitSphereInstance } from '../arbitraries/unit-sphere-instance.js';
import { weighting } from '../arbitraries/weighting.js';
import { describeCase, requireAtMost } from '../internal/violation.js';
import type { CertificateCase } from '../verify/falsified-error-never-exceeds-certificates.js';

/**
 * Generates the property: at the orders the binary64 certificate chose, every
 * per-order bound (√λ_max certified by Cholesky, or √trace) is ≥ the 60-digit
 * decimal value computed from the exact inputs by `Ref.momentCertificate`
 * (Jacobi eigenvalues), and so is the certificate, for any block size of
 * the pass over pairs and chunk of columns (small ones reach its
 * off-diagonal panels and chunk sums)
 * (`lem:moment-rounding`, `lem:certified-eigenvalue`).
 * @lemma lem:moment-rounding
 * @lemma lem:moment-certificate
 * @lemma lem:certified-eigenvalue
 */
export function momentCertificateBoundsExactEvaluation(): fc.IPropertyWithHooks<[CertificateCase & { split: boolean; block: number; chunk: number }]> {
  const shapes = { maxN: 6, maxD: 3, maxDv: 2 };
  const cases = fc.oneof(unitSphereInstance(shapes), ballKeyInstance(shapes), nearDuplicateKeyInstance(shapes)).chain((i) =>
    fc.record({
      inst: fc.constant(i),
      w: weighting(i.n, { fullSet: false, extreme: false }) as fc.Arbitrary<Coreset>,
      rho: fc.double({ min: 0.05, max: 3, noNaN: true }),
      seed: fc.constant(0),
      split: fc.boolean(),
      block: fc.constantFrom(1, 2, 3, 32),
      chunk: fc.constantFrom(1, 2, 5, 512),
    }),
  );
  return fc.property(cases, ({ inst, w, rho, split, block, chunk }) => {
    const c = normalizeCoreset(w, inst.n);
    const fast = momentCertificate(subsetMeasure(inst, c, rho), rho, { split, block, chunk, orders: { spectral: 4, frobenius: 8 } });
    const ref = Ref.momentCertificate(Ref.subsetMeasure(inst, c, rho), rho, { orders: fast.orders, split, jointWeights: fast.jointWeights, refCentre: fast.refCentre });
    const input = (): string => describeCase(inst, undefined, w, `rho=${rho} split=${split} block=${block} chunk=${chunk}`);
    for (const key of ['U', 'V', 'one'] as const) {
      ref.terms[key].forEach((v, t) => requireAtMost(`decimal ${key} order ${t} ≤ binary64 bound`, v, fast.terms[key][t], input));
    }
    // The twin computes lem:moment-certificate's bound; the directional form is checked against errors.
    if (ref.upper.isFinite()) requireAtMost('decimal certificate ≤ binary64 certificate', ref.upper, fast.globalUpper, input);
  });
}
