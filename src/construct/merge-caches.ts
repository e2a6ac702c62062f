/**
 * Composing caches of disjoint shards with (ε, δ) accounting
 * (`lem:cache-merge`): the rows and weights are concatenated, never
 * renormalised, so the masses add.
 * @module
 */
import { validateCache } from '../cache.js';
import { InputError } from '../errors.js';
import type { Cache } from '../types.js';
import { mergeAccounting } from './merge.js';

/** A cache with its (ε, δ) accounting relative to the shard it summarises. */
export interface AccountedCache {
  readonly cache: Cache;
  /** Bound (or measured value) on E(C | a). */
  readonly eps: number;
  /** Bound (or measured value) on δ(C | a) (`def:cache-mass-error`). */
  readonly delta: number;
}

/**
 * Computes the cache C₁ ⊔ … ⊔ C_k of the shards' caches (rows and weights
 * concatenated in shard order) with the accounting of `lem:cache-merge`:
 * ε = max_j ε_j + ½R_v(δ₍₁₎ + δ₍₂₎), δ = max_j δ_j, where `valueBound` is R_v,
 * a bound on the value norms of every shard's cache.
 *
 * Special cases: shards of different d or dv are rejected, naming the shard.
 * @lemma lem:cache-merge
 * @example
 * ```ts
 * import { concatCaches } from 'attn-coreset';
 *
 * const row = (k: number[], v: number) => ({ m: 1, d: 2, dv: 1, K: new Float64Array(k), V: new Float64Array([v]), weights: new Float64Array([3]) });
 * const merged = concatCaches([{ cache: row([1, 0], 1), eps: 0.01, delta: 0 }, { cache: row([0, 1], -1), eps: 0.01, delta: 0 }], 1);
 * console.log(merged.cache.m, merged.eps); // 2 0.01
 * ```
 */
export function concatCaches(shards: readonly AccountedCache[], valueBound: number): AccountedCache {
  const acc = mergeAccounting(shards, valueBound);
  const { d, dv } = shards[0].cache;
  let m = 0;
  shards.forEach((s, j) => {
    if (s.cache.d !== d || s.cache.dv !== dv) {
      throw new InputError('shape', `shards[${j}]`, `has d = ${s.cache.d}, dv = ${s.cache.dv}; shard 0 has d = ${d}, dv = ${dv}`);
    }
    validateCache(s.cache, d, dv, `shards[${j}]`);
    m += s.cache.m;
  });
  const K = new Float64Array(m * d);
  const V = new Float64Array(m * dv);
  const weights = new Float64Array(m);
  let at = 0;
  for (const { cache } of shards) {
    K.set(cache.K, at * d);
    V.set(cache.V, at * dv);
    weights.set(cache.weights, at);
    at += cache.m;
  }
  return { cache: { m, d, dv, K, V, weights }, ...acc };
}
