/**
 * The union of an instance's n rows and a cache's m rows, the support of
 * the signed measure μ = (1/n)·Σ δ_{(k_i,v_i)} − Σ ŵ′_j δ_{(k′_j,v′_j)} of
 * `lem:cache-error-identity`. For a subset the union is the instance itself
 * (its rows are instance rows), so subset code paths are unchanged.
 * @module
 */
import type { Compressed, Instance } from '../types.js';
import { isCache } from './support.js';

/** Rows of the instance (first `n`) followed by the cache's rows. */
export interface UnionRows {
  /** The rows as an instance of N = n + m rows (the instance itself for a subset). */
  readonly rows: Instance;
  /** How many leading rows are the instance's (n). */
  readonly instanceRows: number;
}

const unions = new WeakMap<Instance, WeakMap<object, UnionRows>>();

/**
 * Computes the union rows of an instance and a subset or cache
 * (`lem:cache-error-identity`): for a subset, the instance (its measure
 * merges on the instance's own rows); for a cache, the n instance rows
 * followed by the m cache rows (cached per pair of objects).
 * @lemma lem:cache-error-identity
 */
export function unionRows(inst: Instance, c: Compressed): UnionRows {
  if (!isCache(c)) return { rows: inst, instanceRows: inst.n };
  let byCache = unions.get(inst);
  if (byCache === undefined) {
    byCache = new WeakMap();
    unions.set(inst, byCache);
  }
  let hit = byCache.get(c);
  if (hit === undefined) {
    const { n, d, dv } = inst;
    const K = new Float64Array((n + c.m) * d);
    const V = new Float64Array((n + c.m) * dv);
    K.set(inst.K, 0);
    K.set(c.K, n * d);
    V.set(inst.V, 0);
    V.set(c.V, n * dv);
    hit = { rows: { n: n + c.m, d, dv, K, V }, instanceRows: n };
    byCache.set(c, hit);
  }
  return hit;
}

/**
 * Computes the un-normalised weight the compressed side puts on each union
 * row: a subset's weights spread over the instance's rows (repeated indices
 * add), or 0 on instance rows and w′_j on cache row j; and their total.
 * @lemma lem:cache-error-identity
 */
export function sideWeightsOnUnion(inst: Instance, c: Compressed): { dense: Float64Array; total: number } {
  const u = unionRows(inst, c);
  const dense = new Float64Array(u.rows.n);
  let total = 0;
  if (isCache(c)) {
    for (let j = 0; j < c.m; j++) {
      dense[u.instanceRows + j] = c.weights[j];
      total += c.weights[j];
    }
  } else {
    for (let j = 0; j < c.indices.length; j++) {
      dense[c.indices[j]] += c.weights[j];
      total += c.weights[j];
    }
  }
  return { dense, total };
}
