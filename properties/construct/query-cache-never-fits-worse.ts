/**
 * Property: the query-aware cache never fits its weighted query set worse
 * than the subset it starts from (lem:query-cache-refit).
 * @module
 */
import fc from 'fast-check';
import { fitQuerySet } from '../../src/construct/query-aware.js';
import { buildCacheForQueries } from '../../src/construct/query-cache.js';
import { cacheOfCoreset } from '../../src/cache.js';
import { coresetError } from '../../src/fast/coreset-error.js';
import type { Cache, Instance } from '../../src/types.js';
import { buildInstance } from './build-instance.js';

/**
 * Slack of comparing two binary64 evaluations of J, as `OBJECTIVE_SLACK` of
 * the value-refit property: for these small unit instances each attention
 * is within ≈ 10⁻¹⁵ of exact, so 10⁻¹⁰·(1 + J) separates rounding from a
 * real increase (the perturbations below raise J by ≥ (λ/m)‖Δ‖² ≫ that).
 */
const OBJECTIVE_SLACK = 1e-10;

/** J of `lem:query-cache-refit` evaluated independently: Σ ω_r err_C(q_r)² + (λ/m)‖V′ − V₀‖². */
function directJ(inst: Instance, c: Cache, V0: Float64Array, Q: Float64Array, om: Float64Array, lambda: number): number {
  let fit = 0;
  for (let r = 0; r < om.length; r++) fit += om[r] * coresetError(inst, Q.subarray(r * inst.d, (r + 1) * inst.d), c) ** 2;
  let reg = 0;
  for (let t = 0; t < V0.length; t++) reg += (c.V[t] - V0[t]) ** 2;
  return fit + (lambda / c.m) * reg;
}

/**
 * Generates the property of `lem:query-cache-refit`: for a random unit
 * instance, fit queries, size, μ and λ_V, the cache of
 * `buildCacheForQueries` has J ≤ J(subset) and J(V′) ≤ J(V′ + Δ) for a
 * random perturbation Δ of its values (weighted ridge optimality), both with
 * J computed from `coresetError`, not from the builder's own objective.
 * @lemma lem:query-cache-refit
 */
export function queryCacheNeverFitsWorseThanItsSubset() {
  const arb = buildInstance({ maxN: 16, maxD: 4 }).chain((inst) =>
    fc.record({
      inst: fc.constant(inst),
      qs: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: inst.d * 2, maxLength: inst.d * 10 }).filter((a) => a.length % inst.d === 0),
      size: fc.integer({ min: 1, max: inst.n - 1 }),
      mu: fc.constantFrom(0, 0.1, 1),
      lambda: fc.double({ min: 1e-3, max: 1, noNaN: true }),
      jitter: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 }),
    }),
  );
  return fc.property(arb, ({ inst, qs, size, mu, lambda, jitter }) => {
    const queries = Float64Array.from(qs);
    const options = { queries, size, rho: 2, regularization: mu, valueLambda: lambda, seed: 1 };
    const r = buildCacheForQueries(inst, options);
    const { Q, weights } = fitQuerySet(inst, options);
    const subset = cacheOfCoreset(inst, r.coreset);
    const J0 = directJ(inst, subset, subset.V, Q, weights, lambda);
    const J1 = directJ(inst, r.cache, subset.V, Q, weights, lambda);
    if (!(J1 <= J0 + OBJECTIVE_SLACK * (1 + J0))) throw new Error(`J(cache) = ${J1} > J(subset) = ${J0} (n=${inst.n}, size=${size}, μ=${mu}, λ=${lambda})`);
    if (r.cache.V === subset.V || r.cache.V.every((x, t) => x === subset.V[t])) return;
    let big = 0;
    for (const x of r.cache.V) big = Math.max(big, Math.abs(x));
    const h = 0.03 * (1 + big);
    const moved = { ...r.cache, V: r.cache.V.map((x, t) => x + h * jitter[t % jitter.length]) };
    const J2 = directJ(inst, moved, subset.V, Q, weights, lambda);
    if (!(J1 <= J2 + OBJECTIVE_SLACK * (1 + J2))) throw new Error(`J(V′) = ${J1} > J(V′ + Δ) = ${J2}: the values are not the weighted ridge optimum`);
  });
}
