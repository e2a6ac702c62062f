/**
 * The support walk shared by every fast evaluation: which rows take part,
 * where their keys and values live, and with what weight. Keeps the `null` =
 * full set convention, and the subset-or-cache distinction, in one place:
 * a subset's rows index the instance's buffers, a cache's rows its own.
 *
 * @module
 * @internal
 */
import type { Cache, Compressed, Instance, Weighting } from '../types.js';

/** Rows, their buffers and weights, as parallel arrays. @internal */
export interface Support {
  readonly m: number;
  readonly rows: Uint32Array;
  /** `null` when every weight is 1. */
  readonly weights: Float64Array | null;
  /** Key rows (row `rows[j]` of this buffer): the instance's, or the cache's. */
  readonly K: Float64Array;
  /** Value rows, indexed like {@link Support.K}. */
  readonly V: Float64Array;
}

const fullCache = new WeakMap<Instance | Cache, Uint32Array>();

function identityRows(key: Instance | Cache, count: number): Uint32Array {
  let rows = fullCache.get(key);
  if (rows === undefined || rows.length !== count) {
    rows = new Uint32Array(count);
    for (let i = 0; i < count; i++) rows[i] = i;
    fullCache.set(key, rows);
  }
  return rows;
}

/**
 * Whether a weighting is a {@link Cache} (rows of its own) rather than a
 * subset of the instance (`def:compressed-cache`).
 * @lemma def:compressed-cache
 * @example
 * ```ts
 * import { cacheOfCoreset, isCache, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const w = { indices: new Uint32Array([1, 2]), weights: new Float64Array([1, 1]) };
 * console.log(isCache(w), isCache(cacheOfCoreset(inst, w)), isCache(null)); // false true false
 * ```
 */
export function isCache(w: Weighting): w is Cache {
  return w !== null && (w as Cache).K instanceof Float64Array && !('indices' in w);
}

/**
 * Computes the support (rows, buffers, weights) a weighting evaluates over.
 * @lemma def:weighted-set
 * @lemma def:compressed-cache
 * @internal
 */
export function supportOf(inst: Instance, w: Weighting): Support {
  if (w === null) return { m: inst.n, rows: identityRows(inst, inst.n), weights: null, K: inst.K, V: inst.V };
  if (isCache(w)) return { m: w.m, rows: identityRows(w, w.m), weights: w.weights, K: w.K, V: w.V };
  return { m: w.indices.length, rows: w.indices, weights: w.weights, K: inst.K, V: inst.V };
}

/**
 * Computes the number of rows a compressed weighting keeps (entries of a
 * subset, rows of a cache).
 * @lemma def:compressed-cache
 * @internal
 */
export function keptRows(c: Compressed): number {
  return isCache(c) ? c.m : c.indices.length;
}
