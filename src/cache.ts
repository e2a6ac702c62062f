/**
 * Compressed caches (`def:compressed-cache`): validation, and the subset as
 * its special case. Nothing is repaired: every problem is an
 * {@link InputError} naming the row and column.
 * @module
 */
import { InputError } from './errors.js';
import type { Cache, Coreset, Instance } from './types.js';
import { validateCoreset, validateMat } from './validate.js';

/**
 * Checks a cache against the instance's key and value dimensions: m ≥ 1,
 * K′ of shape m × d, V′ of shape m × dv, finite entries (row and column
 * named), weights finite, ≥ 0 and not all 0 (`def:compressed-cache`).
 *
 * @example
 * ```ts
 * import { validateCache } from 'attn-coreset';
 *
 * // One row of a compressed cache for d = 2, dv = 1: new keys, values, weights.
 * validateCache({ m: 1, d: 2, dv: 1, K: new Float64Array([0.6, 0.8]), V: new Float64Array([1]), weights: new Float64Array([1]) }, 2, 1);
 * ```
 * @lemma def:compressed-cache
 */
export function validateCache(c: Cache, d: number, dv: number, name = 'cache'): void {
  if (!Number.isInteger(c.m) || c.m < 0) throw new InputError('shape', `${name}.m`, `${c.m} is not a non-negative integer`);
  if (c.m === 0) throw new InputError('empty', name, 'has no rows (m = 0); a cache needs at least one row');
  if (!(c.K instanceof Float64Array)) throw new InputError('format', `${name} keys`, 'must be a Float64Array');
  if (!(c.V instanceof Float64Array)) throw new InputError('format', `${name} values`, 'must be a Float64Array');
  if (!(c.weights instanceof Float64Array)) throw new InputError('format', `${name} weights`, 'must be a Float64Array');
  if (c.d !== d) throw new InputError('shape', `${name} keys`, `have dimension ${c.d}, the instance's keys have d = ${d}`);
  if (c.dv !== dv) throw new InputError('shape', `${name} values`, `have dimension ${c.dv}, the instance's values have dv = ${dv}`);
  validateMat({ rows: c.m, cols: d, data: c.K }, `${name} keys`);
  validateMat({ rows: c.m, cols: dv, data: c.V }, `${name} values`);
  if (c.weights.length !== c.m) throw new InputError('shape', `${name} weights`, `has ${c.weights.length} entries, the cache has m = ${c.m} rows`);
  let positive = false;
  for (let j = 0; j < c.m; j++) {
    const w = c.weights[j];
    if (!Number.isFinite(w)) throw new InputError('not-finite', `${name} weights[${j}]`, `is ${w}`);
    if (w < 0) throw new InputError('negative-weight', `${name} weights[${j}]`, `is ${w}; weights must be ≥ 0`);
    if (w > 0) positive = true;
  }
  if (!positive) throw new InputError('zero-weights', `${name} weights`, 'are all 0; at least one must be positive');
}

/**
 * Computes the cache (K_S, V_S, w_S) of a weighted subset: its rows copied
 * out of the instance, in the subset's order, weights kept
 * (`def:compressed-cache`: a weighted subset is this cache, and
 * A_w = A_C for it at every query).
 * @lemma def:compressed-cache
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { attention, cacheOfCoreset, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const w = { indices: new Uint32Array([0, 5, 9]), weights: new Float64Array([1, 2, 1]) };
 * const cache = cacheOfCoreset(inst, w); // the same rows as a Cache {m, d, dv, K, V, weights}
 * const q = new Float64Array([0.5, 0, 0, 0.5]);
 * assert.deepEqual(attention(inst, q, cache), attention(inst, q, w)); // bit for bit
 * ```
 */
export function cacheOfCoreset(inst: Instance, c: Coreset): Cache {
  validateCoreset(c, inst.n);
  const { K, V } = gatherRows(inst, c.indices);
  return { m: c.indices.length, d: inst.d, dv: inst.dv, K, V, weights: Float64Array.from(c.weights) };
}

/**
 * Computes the keys and values of the given instance rows, copied next to
 * each other in that order (K_S, V_S of `def:compressed-cache`).
 * @lemma def:compressed-cache
 * @internal
 */
export function gatherRows(inst: Instance, indices: Uint32Array): { K: Float64Array; V: Float64Array } {
  const { d, dv } = inst;
  const m = indices.length;
  const K = new Float64Array(m * d);
  const V = new Float64Array(m * dv);
  for (let j = 0; j < m; j++) {
    const i = indices[j];
    K.set(inst.K.subarray(i * d, (i + 1) * d), j * d);
    V.set(inst.V.subarray(i * dv, (i + 1) * dv), j * dv);
  }
  return { K, V };
}
