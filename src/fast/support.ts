/**
 * The support walk shared by every fast evaluation: which rows take part and
 * with what weight. Keeps the `null` = full set convention in one place.
 *
 * @module
 * @internal
 */
import type { Instance, Weighting } from '../types.js';

/** Rows and weights of a weighting, as parallel arrays. @internal */
export interface Support {
  readonly m: number;
  readonly rows: Uint32Array;
  /** `null` when every weight is 1. */
  readonly weights: Float64Array | null;
}

const fullCache = new WeakMap<Instance, Uint32Array>();

/**
 * Computes the support (rows, weights) a weighting evaluates over.
 * @lemma def:weighted-set
 * @internal
 */
export function supportOf(inst: Instance, w: Weighting): Support {
  if (w === null) {
    let rows = fullCache.get(inst);
    if (rows === undefined || rows.length !== inst.n) {
      rows = new Uint32Array(inst.n);
      for (let i = 0; i < inst.n; i++) rows[i] = i;
      fullCache.set(inst, rows);
    }
    return { m: inst.n, rows, weights: null };
  }
  return { m: w.indices.length, rows: w.indices, weights: w.weights };
}
