/**
 * Property: the value refit never raises its own ridge objective.
 * @module
 */
import fc from 'fast-check';
import { quantizeCache } from '../../src/construct/quantize.js';
import { refitValues, valueRefitObjective } from '../../src/construct/refit-values.js';
import type { Coreset } from '../../src/types.js';
import { cacheOfCoreset } from '../../src/cache.js';
import { attentionCase } from '../arbitraries/attention-case.js';
import { interiorQuery } from '../arbitraries/interior-query.js';
import { describeCase, requireThat } from '../internal/violation.js';

/**
 * Slack of comparing two binary64 evaluations of J: each of its N·dv squared
 * differences of attentions has relative rounding far below 10⁻¹² (every
 * attention is within `attentionErrorBound` ≈ 10⁻¹⁵·R_v for these small,
 * ordinary cases), so 10⁻¹⁰·(1 + J) separates rounding from a real increase
 * (the perturbations below raise J by ≥ (λ/m)‖Δ‖² ≥ 10⁻⁷·(1 + J) or more).
 */
const OBJECTIVE_SLACK = 1e-10;

/**
 * Generates the property of `lem:value-refit`: for a subset cache (or its
 * 4-bit quantization) and fitting queries in B_ρ, the refitted values V′
 * satisfy J(V′) ≤ J(V₀) and J(V′) ≤ J(V′ + Δ) for a random perturbation Δ
 * of size 0.03·(1 + max|V′|), up to `OBJECTIVE_SLACK`.
 * @lemma lem:value-refit
 */
export function valueRefitMinimisesItsObjective() {
  const arb = attentionCase({ fullSet: false, largeLogits: false, extremeWeights: false, maxN: 8 }).chain((c) =>
    fc.record({
      c: fc.constant(c),
      Q: fc.array(interiorQuery(c.instance.d, c.rho), { minLength: 1, maxLength: 12 }),
      lambda: fc.double({ min: 1e-3, max: 1, noNaN: true }),
      quantized: fc.boolean(),
      jitter: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 8 * 3, maxLength: 8 * 3 }),
    }),
  );
  return fc.property(arb, ({ c, Q, lambda, quantized, jitter }) => {
    const { instance, scale } = c;
    const subset = cacheOfCoreset(instance, c.w as Coreset);
    const start = quantized ? { ...quantizeCache({ n: subset.m, d: subset.d, dv: subset.dv, K: subset.K, V: subset.V }, { bits: 4, group: 4 }), weights: subset.weights } : subset;
    const given = new Float64Array(Q.length * instance.d);
    Q.forEach((q, r) => given.set(q, r * instance.d));
    const fit = refitValues(instance, start, { rho: c.rho, lambda, given, scale });
    const J0 = valueRefitObjective(instance, start, start.V, given, lambda, scale);
    const J1 = valueRefitObjective(instance, fit, start.V, given, lambda, scale);
    const info = () => describeCase(instance, undefined, fit, `λ=${lambda} quantized=${quantized} J0=${J0} J1=${J1}`);
    requireThat('J(V′) ≤ J(V₀)', J1 <= J0 + OBJECTIVE_SLACK * (1 + J0), info);
    let big = 0;
    for (const x of fit.V) big = Math.max(big, Math.abs(x));
    const h = 0.03 * (1 + big);
    const moved = { ...fit, V: fit.V.map((x, t) => x + h * jitter[t % jitter.length]) };
    const J2 = valueRefitObjective(instance, moved, start.V, given, lambda, scale);
    requireThat('J(V′) ≤ J(V′ + Δ)', J1 <= J2 + OBJECTIVE_SLACK * (1 + J2), info, `J(V′+Δ) = ${J2}`);
  });
}
