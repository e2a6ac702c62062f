/**
 * Property: the pointwise content of lem:merge holds for built shard coresets.
 * @module
 */
import fc from 'fast-check';
import { buildCoreset } from '../../src/construct/build.js';
import { mergeCoresets } from '../../src/construct/merge.js';
import { gamma } from '../../src/fast/float-error.js';
import type { Coreset, Instance } from '../../src/types.js';
import { errAt, logRatio } from '../internal/merge-terms.js';
import { describeCase, requireAtMost } from '../internal/violation.js';
import { buildInstance, type BuildInstanceConstraints } from './build-instance.js';

function sub(inst: Instance, rows: number[]): Instance {
  const { d, dv } = inst;
  const K = new Float64Array(rows.length * d);
  const V = new Float64Array(rows.length * dv);
  rows.forEach((r, j) => {
    K.set(inst.K.subarray(r * d, (r + 1) * d), j * d);
    V.set(inst.V.subarray(r * dv, (r + 1) * dv), j * dv);
  });
  return { n: rows.length, d, dv, K, V };
}

/**
 * Generates the property of `lem:merge` (part 1, pointwise): split the rows
 * into two shards a₁, a₂, build a coreset w_j of each shard (any method),
 * merge them with `mergeCoresets`; at every sampled query q of the ball
 * (random directions and radii, ±ρk_i/‖k_i‖),
 * err(q) ≤ max_j err_j(q) + ½R_v(|h₁(q)| + |h₂(q)|), h_j = ln Z_{w_j} − ln Z_{a_j},
 * where err is w₁+w₂ against the full set and err_j is w_j against a_j, up
 * to the `lem:float-error` bounds of every evaluation.
 * @lemma lem:merge
 */
export function mergeAccountingHolds(c: BuildInstanceConstraints = {}) {
  return fc.property(
    buildInstance({ minN: 8, maxN: 60, ...c }),
    fc.double({ min: 0.1, max: 0.9, noNaN: true }),
    fc.constantFrom<'halving' | 'uniform' | 'sensitivity'>('halving', 'uniform', 'sensitivity'),
    fc.double({ min: 0.25, max: 4, noNaN: true }),
    fc.integer({ min: 0, max: 1000 }),
    (inst, frac, method, rho, seed) => {
      const cut = Math.min(inst.n - 1, Math.max(1, Math.round(frac * inst.n)));
      const parts = [Array.from({ length: cut }, (_, i) => i), Array.from({ length: inst.n - cut }, (_, i) => cut + i)];
      const shards = parts.map((rows) => {
        const r = buildCoreset(sub(inst, rows), { rho, size: Math.max(1, Math.floor(rows.length / 2)), method, seed });
        const coreset: Coreset = { indices: Uint32Array.from(r.coreset.indices, (j) => rows[j]), weights: r.coreset.weights };
        return { coreset, eps: 0, delta: 0 };
      });
      const merged = mergeCoresets(shards, 1).coreset;
      const full: Coreset = { indices: Uint32Array.from({ length: inst.n }, (_, i) => i), weights: new Float64Array(inst.n).fill(1) };
      const a = parts.map((rows): Coreset => ({ indices: Uint32Array.from(rows), weights: new Float64Array(rows.length).fill(1) }));
      let rv = 0;
      for (let i = 0; i < inst.n; i++) {
        let s = 0;
        for (let t = 0; t < inst.dv; t++) s += inst.V[i * inst.dv + t] ** 2;
        rv = Math.max(rv, Math.sqrt(s));
      }
      const queries: Float64Array[] = [];
      for (let i = 0; i < inst.n; i++) {
        for (const sgn of [1, -1]) queries.push(inst.K.slice(i * inst.d, (i + 1) * inst.d).map((x) => sgn * rho * x));
      }
      let state = seed + 1;
      const rand = (): number => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
      for (let t = 0; t < 32; t++) {
        const q = Float64Array.from({ length: inst.d }, () => rand() - 0.5);
        const norm = Math.hypot(...q) || 1;
        const r = rho * rand();
        queries.push(q.map((x) => (x / norm) * r));
      }
      for (const q of queries) {
        const e = errAt(inst, q, full, merged);
        const e1 = errAt(inst, q, a[0], shards[0].coreset);
        const e2 = errAt(inst, q, a[1], shards[1].coreset);
        const h1 = logRatio(inst, q, a[0], shards[0].coreset);
        const h2 = logRatio(inst, q, a[1], shards[1].coreset);
        const rhs = Math.max(e1.err + e1.slack, e2.err + e2.slack) + 0.5 * rv * (h1.h + h1.slack + h2.h + h2.slack);
        requireAtMost('err(q) ≤ max_j err_j(q) + ½R_v(|h₁|+|h₂|)', e.err - e.slack, rhs * (1 + gamma(8)), () =>
          describeCase(inst, q, merged, `method=${method} rho=${rho} cut=${cut} seed=${seed}`),
        );
      }
    },
  );
}
