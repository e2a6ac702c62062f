/**
 * Property: the pointwise content of lem:cache-merge for caches of two shards.
 * @module
 */
import fc from 'fast-check';
import { concatCaches } from '../../src/construct/merge-caches.js';
import { gamma } from '../../src/fast/float-error.js';
import type { Cache, Coreset, Instance } from '../../src/types.js';
import { interiorQuery } from '../arbitraries/interior-query.js';
import { unitSphereInstance } from '../arbitraries/unit-sphere-instance.js';
import { errAt, logRatio } from '../internal/merge-terms.js';
import { describeCase, requireAtMost } from '../internal/violation.js';

/** Centroids of rows[i] grouped by position mod g, weight = count, entries rounded to 2^{−bits}. */
function shardCache(inst: Instance, rows: number[], g: number, bits: number): Cache {
  const { d, dv } = inst;
  const m = Math.min(g, rows.length);
  const K = new Float64Array(m * d);
  const V = new Float64Array(m * dv);
  const weights = new Float64Array(m);
  rows.forEach((r, t) => {
    const j = t % m;
    weights[j] += 1;
    for (let a = 0; a < d; a++) K[j * d + a] += inst.K[r * d + a];
    for (let a = 0; a < dv; a++) V[j * dv + a] += inst.V[r * dv + a];
  });
  const round = (x: number): number => Math.round(x * 2 ** bits) / 2 ** bits;
  for (let j = 0; j < m; j++) {
    for (let a = 0; a < d; a++) K[j * d + a] = round(K[j * d + a] / weights[j]);
    for (let a = 0; a < dv; a++) V[j * dv + a] = round(V[j * dv + a] / weights[j]);
  }
  return { m, d, dv, K, V, weights };
}

/**
 * Generates the property of `lem:cache-merge` (part 1, pointwise): split the
 * rows into two shards, summarise each by a merged-and-quantized cache,
 * concatenate them with {@link concatCaches}; at a query of the ball,
 * err(q) ≤ max_j err_j(q) + ½R_v(|h₁| + |h₂|), h_j = ln Z_{C_j} − ln Z_{a_j}, with
 * R_v the largest value norm of both caches, up to the `lem:float-error`
 * bounds of every evaluation.
 * @lemma lem:cache-merge
 */
export function cacheMergeAccountingHolds() {
  const arb = unitSphereInstance({ minN: 2, maxN: 12, maxD: 4, maxDv: 3 }).chain((instance) =>
    fc.record({
      instance: fc.constant(instance),
      cut: fc.integer({ min: 1, max: instance.n - 1 }),
      g: fc.integer({ min: 1, max: 4 }),
      bits: fc.constantFrom(2, 4, 8),
      rho: fc.double({ min: 0.1, max: 4, noNaN: true }),
    }).chain((c) => interiorQuery(instance.d, c.rho).map((q) => ({ ...c, q }))),
  );
  return fc.property(arb, ({ instance, cut, g, bits, rho, q }) => {
    const parts = [Array.from({ length: cut }, (_, i) => i), Array.from({ length: instance.n - cut }, (_, i) => cut + i)];
    const caches = parts.map((rows) => shardCache(instance, rows, g, bits));
    let rv = 0;
    for (const c of caches) for (let j = 0; j < c.m; j++) rv = Math.max(rv, Math.hypot(...c.V.subarray(j * c.dv, (j + 1) * c.dv)) * (1 + gamma(c.dv + 2)));
    const merged = concatCaches(caches.map((cache) => ({ cache, eps: 0, delta: 0 })), Math.max(rv, 1e-300)).cache;
    const a = parts.map((rows): Coreset => ({ indices: Uint32Array.from(rows), weights: new Float64Array(rows.length).fill(1) }));
    const e = errAt(instance, q, null, merged);
    const e1 = errAt(instance, q, a[0], caches[0]);
    const e2 = errAt(instance, q, a[1], caches[1]);
    const h1 = logRatio(instance, q, a[0], caches[0]);
    const h2 = logRatio(instance, q, a[1], caches[1]);
    const rhs = Math.max(e1.err + e1.slack, e2.err + e2.slack) + 0.5 * rv * (h1.h + h1.slack + h2.h + h2.slack);
    requireAtMost('err(q) ≤ max_j err_j(q) + ½R_v(|h₁|+|h₂|)', e.err - e.slack, rhs * (1 + gamma(8)), () => describeCase(instance, q, merged, `cut=${cut} g=${g} bits=${bits} rho=${rho}`));
  });
}
