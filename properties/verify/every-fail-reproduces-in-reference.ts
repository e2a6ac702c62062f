/**
 * Property: every `fail` verdict is backed by an exact witness.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../../src/reference/index.js';
import { exact, maxRowNormUp, normAtMost } from '../internal/exact.js';
import { referenceAllowance } from '../internal/reference.js';
import { verify } from '../../src/verify/verify.js';
import type { Coreset } from '../../src/types.js';
import { clusteredKeyInstance } from '../arbitraries/clustered-key-instance.js';
import { unitSphereInstance } from '../arbitraries/unit-sphere-instance.js';
import { weighting } from '../arbitraries/weighting.js';
import { describeCase, requireThat } from '../internal/violation.js';
import type { CertificateCase } from './falsified-error-never-exceeds-certificates.js';

/**
 * Generates the property: whenever `verify` says `fail`, the witness lies in
 * B_ρ exactly and the reference error there (50 digits, computed here) is
 * > ε; and `lower` never exceeds that reference value (`def:eps-coreset`).
 * @lemma def:eps-coreset
 * @lemma def:coreset-error
 */
export function everyFailReproducesInReference(): fc.IPropertyWithHooks<[CertificateCase & { eps: number }]> {
  const shapes = { maxN: 10, maxD: 5, maxDv: 3 };
  const cases = fc.oneof(unitSphereInstance(shapes), clusteredKeyInstance(shapes)).chain((i) =>
    fc.record({
      inst: fc.constant(i),
      w: weighting(i.n, { fullSet: false }) as fc.Arbitrary<Coreset>,
      rho: fc.double({ min: 0.1, max: 5, noNaN: true }),
      seed: fc.integer({ min: 0, max: 1000 }),
      eps: fc.double({ min: 1e-3, max: 0.5, noNaN: true }),
    }),
  );
  return fc.property(cases, ({ inst, w, rho, seed, eps }) => {
    const res = verify(inst, w, { rho, eps, seed, budget: 256, rkhs: 'never', bnbNodes: 500 });
    const input = (): string => describeCase(inst, res.witness, w, `rho=${rho} eps=${eps}`);
    requireThat('witness in the ball exactly', normAtMost(res.witness, rho), input);
    const ref = Ref.coresetError(inst, res.witness, w, { digits: 50 });
    // The 50-digit reference is itself within 10⁻⁴⁹·(|err| + 2R_v) of exact.
    const allow = referenceAllowance(50, ref.plus(exact(2 * maxRowNormUp(inst.V, inst.n, inst.dv))));
    requireThat('lower ≤ reference error at witness', exact(res.lower).lte(ref.plus(allow)), input, `lower ${res.lower} ref ${ref.toString()}`);
    if (res.verdict === 'fail') requireThat('fail ⇒ reference error > ε', ref.gt(exact(eps)), input, `ref ${ref.toString()}`);
  });
}
