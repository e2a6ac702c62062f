/**
 * Property: the Jensen lower bound on the normalised partition function holds.
 * @module
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import * as Ref from '../../src/reference/index.js';
import { jensenLogLowerBound } from '../../src/fast/partition-bounds.js';
import type { Coreset, Instance } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { ballKeyInstance } from '../arbitraries/ball-key-instance.js';
import { unitSphereInstance } from '../arbitraries/unit-sphere-instance.js';
import { weighting } from '../arbitraries/weighting.js';
import { boundaryQuery } from '../arbitraries/boundary-query.js';
import { exact } from '../internal/exact.js';
import { referenceAllowance } from '../internal/reference.js';
import { describeCase, requireThat } from '../internal/violation.js';

/** A partition-bound case. */
export interface PartitionCase {
  readonly inst: Instance;
  readonly w: Coreset;
  readonly q: Float64Array;
  readonly rho: number;
}

/**
 * Generates the property: for q on the sphere of radius ρ (or inside),
 * ln Z_ŵ(q) = ln Σ a_i e^{⟨q,k_i⟩} − ln Σ a_i, evaluated by the reference at
 * 40 digits, is ≥ jensenLogLowerBound(ρ) (`lem:partition-bounds`).
 * @lemma lem:partition-bounds
 */
export function jensenPartitionBoundHolds(): fc.IPropertyWithHooks<[PartitionCase]> {
  const shapes = { maxN: 8, maxD: 4, maxDv: 2 };
  const cases = fc.oneof(unitSphereInstance(shapes), ballKeyInstance(shapes)).chain((inst) =>
    fc.double({ min: 0.01, max: 20, noNaN: true }).chain((rho) =>
      fc.record({
        inst: fc.constant(inst),
        w: weighting(inst.n, { fullSet: false }) as fc.Arbitrary<Coreset>,
        q: boundaryQuery(inst.d, rho),
        rho: fc.constant(rho),
      }),
    ),
  );
  return fc.property(cases, ({ inst, w, q, rho }) => {
    const c = normalizeCoreset(w, inst.n);
    const lnZ = Ref.logPartition(inst, q, c, { digits: 40 });
    let W = exact(0);
    for (const x of c.weights) W = W.plus(exact(x));
    // ln of the exact weight sum at 60 digits (decimal.js's ln needs a
    // precision below its ln 10 table). The 40-digit reference ln Z is within
    // 10⁻³⁹·(1 + |ln Z|) of exact (referenceAllowance); the bound may be tight
    // (zero keys: ln Z_ŵ = 0 = bound), so only reference + allowance below
    // the bound refutes it.
    const W60 = new (Decimal.clone({ precision: 60 }))(W);
    const normalised = lnZ.minus(W60.ln()).plus(referenceAllowance(40, lnZ.abs().plus(1)));
    const bound = jensenLogLowerBound(inst, c, rho);
    requireThat('ln Z_ŵ(q) ≥ Jensen bound', normalised.gte(exact(bound)), () => describeCase(inst, q, w, `rho=${rho}`), `lnZ ${normalised.toString()} bound ${bound}`);
  });
}
