/**
 * Arbitrary: a compressed cache of an instance, of the kinds shipped
 * compressors produce (`def:compressed-cache`).
 * @module
 */
import fc from 'fast-check';
import type { Cache, Coreset, Instance } from '../../src/types.js';
import { attentionCase, type AttentionCaseConstraints } from '../arbitraries/attention-case.js';

/** How a generated cache was made. */
export type CacheKind = 'quantized' | 'centroids' | 'free';

/** An attention case whose compressed side is a cache. */
export interface CacheCase {
  readonly instance: Instance;
  readonly q: Float64Array;
  readonly cache: Cache;
  readonly kind: CacheKind;
  /** ‖q‖ ≤ rho holds exactly. */
  readonly rho: number;
  readonly scale: number;
}

/** Rounds x to a multiple of 2^{−bits} (exact in binary64 for |x| < 2^{50−bits}). */
const grid = (x: number, bits: number): number => Math.round(x * 2 ** bits) / 2 ** bits;

/**
 * The subset's rows with every entry rounded to a grid of step 2^{−bits}
 * (a cache of the kind `def:compressed-cache` allows).
 * @lemma def:compressed-cache
 */
export function quantized(inst: Instance, w: Coreset, bits: number): Cache {
  const { d, dv } = inst;
  const m = w.indices.length;
  const K = new Float64Array(m * d);
  const V = new Float64Array(m * dv);
  for (let j = 0; j < m; j++) {
    const i = w.indices[j];
    for (let a = 0; a < d; a++) K[j * d + a] = grid(inst.K[i * d + a], bits);
    for (let a = 0; a < dv; a++) V[j * dv + a] = grid(inst.V[i * dv + a], bits);
  }
  return { m, d, dv, K, V, weights: Float64Array.from(w.weights) };
}

/** Rows grouped by i mod g, each group folded into its key and value means with weight = its count. */
function centroids(inst: Instance, g: number): Cache {
  const { n, d, dv } = inst;
  const m = Math.min(g, n);
  const K = new Float64Array(m * d);
  const V = new Float64Array(m * dv);
  const weights = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const j = i % m;
    weights[j] += 1;
    for (let a = 0; a < d; a++) K[j * d + a] += inst.K[i * d + a];
    for (let a = 0; a < dv; a++) V[j * dv + a] += inst.V[i * dv + a];
  }
  for (let j = 0; j < m; j++) {
    for (let a = 0; a < d; a++) K[j * d + a] /= weights[j];
    for (let a = 0; a < dv; a++) V[j * dv + a] /= weights[j];
  }
  return { m, d, dv, K, V, weights };
}

/**
 * Generates a free cache of m ≤ 6 rows: keys with entries in [−1, 1], values
 * in [−2, 2], weights in [0, 10] with the first at least ½ (not all 0; zeros
 * allowed elsewhere).
 */
function free(d: number, dv: number): fc.Arbitrary<Cache> {
  const entry = (r: number) => fc.double({ min: -r, max: r, noNaN: true });
  return fc.integer({ min: 1, max: 6 }).chain((m) =>
    fc
      .tuple(
        fc.array(entry(1), { minLength: m * d, maxLength: m * d }),
        fc.array(entry(2), { minLength: m * dv, maxLength: m * dv }),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })), { minLength: m, maxLength: m }),
      )
      .map(([k, v, w]) => {
        const weights = Float64Array.from(w);
        weights[0] = Math.max(weights[0], 0.5);
        return { m, d, dv, K: Float64Array.from(k), V: Float64Array.from(v), weights };
      }),
  );
}

/**
 * Generates an instance, a query of B_ρ and a cache of it: the instance's
 * subset rows quantized to 2, 4 or 8 fractional bits (a quantized cache),
 * centroids of groups of rows weighted by their counts (a merged cache), or
 * rows unrelated to the instance (`def:compressed-cache`). Inputs of the
 * cache versions of the lemmas (`lem:cache-float-error`).
 * @lemma def:compressed-cache
 * @lemma lem:cache-float-error
 */
export function cacheCase(constraints: AttentionCaseConstraints = {}): fc.Arbitrary<CacheCase> {
  return attentionCase({ ...constraints, fullSet: false }).chain((c) => {
    const { instance } = c;
    const w = c.w as Coreset;
    const kinds = fc.oneof(
      fc.constantFrom(2, 4, 8).map((bits) => ({ cache: quantized(instance, w, bits), kind: 'quantized' as const })),
      fc.integer({ min: 1, max: instance.n }).map((g) => ({ cache: centroids(instance, g), kind: 'centroids' as const })),
      free(instance.d, instance.dv).map((cache) => ({ cache, kind: 'free' as const })),
    );
    return kinds.map(({ cache, kind }) => ({ instance, q: c.q, cache, kind, rho: c.rho, scale: c.scale }));
  });
}
