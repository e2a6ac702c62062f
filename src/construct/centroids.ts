/**
 * Merged caches: clusters of rows folded into centroids carrying their
 * count (`lem:centroid-mass`), the standard token-merging baseline.
 * @module
 */
import { InputError } from '../errors.js';
import type { Cache, Instance } from '../types.js';
import { createRng } from './rng.js';

/** Options of {@link mergeCache}. */
export interface MergeCacheOptions {
  /** Number of centroids M (1 ≤ M; M ≥ n returns every row with weight 1). */
  readonly size: number;
  /** @defaultValue 0 */
  readonly seed?: number;
  /** Lloyd iterations after k-means++ seeding. @defaultValue 10 */
  readonly iterations?: number;
}

function dist2(K: Float64Array, i: number, C: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let a = 0; a < d; a++) s += (K[i * d + a] - C[j * d + a]) ** 2;
  return s;
}

/**
 * Computes a merged cache (`def:compressed-cache`): the rows are clustered
 * by key (seeded k-means++, then Lloyd iterations; an emptied cluster is
 * re-seeded at the row farthest from its centroid), and each cluster
 * becomes one row (mean key, mean value, weight = its count). The weights
 * sum to n, and Z_C ≤ Z_1 everywhere with
 * ln Z_1 − ln Z_C ≤ ρ_s·max_i ‖k_i − k̄_{c(i)}‖ (`lem:centroid-mass`).
 * @lemma lem:centroid-mass
 * @lemma def:compressed-cache
 * @example
 * ```ts
 * import { mergeCache, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const merged = mergeCache(inst, { size: 8, seed: 1 }); // 8 centroid rows, weights = cluster counts
 * console.log(merged.m, merged.weights.reduce((s, x) => s + x, 0)); // 8 64
 * ```
 */
export function mergeCache(inst: Instance, options: MergeCacheOptions): Cache {
  return mergeClusters(inst, options).cache;
}

/**
 * Computes {@link mergeCache}'s cache together with its clustering:
 * `assign[i]` is the cache row that row i was folded into.
 * @lemma lem:centroid-mass
 */
export function mergeClusters(inst: Instance, options: MergeCacheOptions): { cache: Cache; assign: Uint32Array } {
  const { n, d, dv, K, V } = inst;
  const size = options.size;
  if (!Number.isInteger(size) || size < 1) throw new InputError('parameter', 'size', `must be a positive integer, got ${size}`);
  const M = Math.min(size, n);
  const rng = createRng(options.seed ?? 0);
  const C = new Float64Array(M * d);
  const near = new Float64Array(n).fill(Infinity);
  // k-means++: first centre uniform, then proportional to squared distance.
  let pick = rng.int(n);
  for (let j = 0; j < M; j++) {
    C.set(K.subarray(pick * d, (pick + 1) * d), j * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      near[i] = Math.min(near[i], dist2(K, i, C, j, d));
      total += near[i];
    }
    if (total === 0) {
      pick = rng.int(n);
      continue;
    }
    let r = rng.next() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= near[i];
      if (r < 0) {
        pick = i;
        break;
      }
    }
  }
  const assign = new Uint32Array(n);
  const count = new Float64Array(M);
  const iterations = options.iterations ?? 10;
  for (let it = 0; it <= iterations; it++) {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bd = Infinity;
      for (let j = 0; j < M; j++) {
        const e = dist2(K, i, C, j, d);
        if (e < bd) {
          bd = e;
          best = j;
        }
      }
      assign[i] = best;
      near[i] = bd;
    }
    if (it === iterations) break;
    C.fill(0);
    count.fill(0);
    for (let i = 0; i < n; i++) {
      count[assign[i]]++;
      for (let a = 0; a < d; a++) C[assign[i] * d + a] += K[i * d + a];
    }
    for (let j = 0; j < M; j++) {
      if (count[j] === 0) {
        let far = 0;
        for (let i = 1; i < n; i++) if (near[i] > near[far]) far = i;
        C.set(K.subarray(far * d, (far + 1) * d), j * d);
        near[far] = 0;
      } else {
        for (let a = 0; a < d; a++) C[j * d + a] /= count[j];
      }
    }
  }
  // Fold each (final) cluster: mean key, mean value, weight = count; empty clusters are dropped.
  const Ks = new Float64Array(M * d);
  const Vs = new Float64Array(M * dv);
  count.fill(0);
  for (let i = 0; i < n; i++) {
    const j = assign[i];
    count[j]++;
    for (let a = 0; a < d; a++) Ks[j * d + a] += K[i * d + a];
    for (let a = 0; a < dv; a++) Vs[j * dv + a] += V[i * dv + a];
  }
  const keep: number[] = [];
  const rowOf = new Int32Array(M).fill(-1);
  for (let j = 0; j < M; j++) {
    if (count[j] > 0) {
      rowOf[j] = keep.length;
      keep.push(j);
    }
  }
  const m = keep.length;
  const out: Cache = { m, d, dv, K: new Float64Array(m * d), V: new Float64Array(m * dv), weights: new Float64Array(m) };
  keep.forEach((j, t) => {
    for (let a = 0; a < d; a++) out.K[t * d + a] = Ks[j * d + a] / count[j];
    for (let a = 0; a < dv; a++) out.V[t * dv + a] = Vs[j * dv + a] / count[j];
    out.weights[t] = count[j];
  });
  return { cache: out, assign: assign.map((j) => rowOf[j]) };
}
