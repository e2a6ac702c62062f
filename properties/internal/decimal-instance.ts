/**
 * Decimal helpers on instances: exact norms, support norms.
 * @module
 * @internal
 */
import type { Decimal } from 'decimal.js';
import type { Instance, Weighting } from '../../src/types.js';
import { isCache } from '../../src/fast/support.js';
import { Exact, exactNormSquared, work } from './exact.js';

/**
 * Computes max ‖row‖ over the rows of positive weight (all rows for the
 * full set), as a decimal square root at 60 digits of the exact squares.
 * For a cache, `data` must be the cache's own buffer (see {@link supportNorms}).
 * @internal
 * @lemma lem:attention-jacobian
 */
export function supportRowNorm(data: Float64Array, cols: number, n: number, w: Weighting): Decimal {
  const rows: number[] = [];
  if (w === null) {
    for (let i = 0; i < n; i++) rows.push(i);
  } else if (isCache(w)) {
    for (let j = 0; j < w.m; j++) if (w.weights[j] > 0) rows.push(j);
  } else {
    for (let j = 0; j < w.indices.length; j++) if (w.weights[j] > 0) rows.push(w.indices[j]);
  }
  let best = new Exact(0);
  for (const i of rows) {
    const s = exactNormSquared(data, i * cols, cols);
    if (s.gt(best)) best = s;
  }
  return work(best).sqrt().toSignificantDigits(60, 0);
}

/**
 * Computes the largest key and value norms of the support.
 * @internal
 * @lemma lem:attention-jacobian
 */
export function supportNorms(inst: Instance, w: Weighting): { Rk: Decimal; Rv: Decimal } {
  const K = isCache(w) ? w.K : inst.K;
  const V = isCache(w) ? w.V : inst.V;
  return { Rk: supportRowNorm(K, inst.d, inst.n, w), Rv: supportRowNorm(V, inst.dv, inst.n, w) };
}
