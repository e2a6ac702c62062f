/**
 * Property: ε-targeted sizes stay within the calibrated constant of emp:size-constant.
 * @module
 */
import fc from 'fast-check';
import { buildForEps, SIZE_CONSTANT } from '../../src/construct/targeted.js';
import { clusteredInstance, sphereInstance } from '../../src/families/index.js';
import { describeCase, requireAtMost } from '../internal/violation.js';

/**
 * Generates the check of `emp:size-constant` on the families it was
 * calibrated on (isotropic and clustered unit instances), at a size the
 * suite can afford (n = 512, d = 8, ρ = 1, ε = 0.1 — the bound
 * C·√d·e^ρ/ε is then about 23 rows): the ε-targeted halving size is
 * ≤ SIZE_CONSTANT·√d·e^ρ/ε. An empirical claim: a failure means the
 * recorded constant no longer describes this implementation.
 * @lemma emp:size-constant
 */
export function sizeWithinEmpiricalConstant() {
  return fc.property(fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (clustered, seed) => {
    const shape = { n: 512, d: 8, dv: 8, seed };
    const inst = clustered ? clusteredInstance(shape) : sphereInstance(shape);
    const rho = 1;
    const eps = 0.1;
    const r = buildForEps(inst, { rho, eps, budget: 1024 });
    requireAtMost('size / (√d e^ρ/ε)', r.boundRatio, SIZE_CONSTANT, () => describeCase(inst, undefined, r.coreset, `clustered=${clustered} seed=${seed} size=${r.size}`));
  });
}
