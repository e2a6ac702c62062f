/**
 * Batched evaluation of err_w(q)² and its gradient for many queries at once,
 * the inner loop of the falsifier.
 *
 * Why batched: for large n the cost is reading K and V; one pass over the
 * keys serves a whole block of queries (each key row is used B times while
 * it is in L1), instead of streaming 2·n·(d + dv)·8 bytes per query.
 * @module
 */
import { accumulateTransposed, crossDots } from '../fast/gemm.js';
import { gatherRows } from '../cache.js';
import { isCache } from '../fast/support.js';
import { batchKernel } from './batch-kernel.js';
import type { Cache, Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';

/** One side of the comparison (the full set, or the coreset), stored compactly. */
export interface Side {
  readonly m: number;
  /** m × d keys, row-major (the instance's own buffer for the full set). */
  readonly K: Float64Array;
  /** m × dv values. */
  readonly V: Float64Array;
  /** Weights, or null for all 1. */
  readonly w: Float64Array | null;
}

/** The two sides of an instance and a coreset, ready for {@link evalBatch}. */
export interface Pair {
  readonly d: number;
  readonly dv: number;
  readonly scale: number;
  readonly full: Side;
  readonly core: Side;
}

/**
 * Builds the {@link Pair} of `inst` and a normalised coreset: the coreset's
 * rows are copied next to each other so its pass is cache-local. A cache
 * already is such rows (`def:compressed-cache`): its buffers are the side.
 * @lemma def:coreset-error
 * @lemma def:compressed-cache
 */
export function makePair(inst: Instance, c: NormalizedCoreset | Cache, scale = 1): Pair {
  const { d, dv } = inst;
  if (isCache(c)) return { d, dv, scale, full: { m: inst.n, K: inst.K, V: inst.V, w: null }, core: { m: c.m, K: c.K, V: c.V, w: searchWeights(c.weights) } };
  const m = c.indices.length;
  const { K, V } = gatherRows(inst, c.indices);
  return { d, dv, scale, full: { m: inst.n, K: inst.K, V: inst.V, w: null }, core: { m, K, V, w: searchWeights(c.weights) } };
}

/**
 * The coreset weights for the search: as given, or, when their sum
 * overflows binary64 (1e308 on two rows), divided by 2^k ≥ 2m so that every
 * shifted sum is finite. A_w is unchanged (`lem:shift-invariance`); the
 * search only proposes witnesses, which the reference re-evaluates with the
 * weights as given.
 */
function searchWeights(w: Float64Array): Float64Array {
  let s = 0;
  for (const x of w) s += x;
  if (Number.isFinite(s)) return w;
  const f = 2 ** -(Math.ceil(Math.log2(w.length)) + 1);
  return w.map((x) => x * f);
}

/** The evaluator on this thread (`batch-kernel.ts`; the helper thread builds its own from the same source). */
const kernel = batchKernel(crossDots, accumulateTransposed);

/**
 * Computes, for each of the B queries in `Q` (B × d), f_b = err_w(q_b)² =
 * ‖A_1(q_b) − A_w(q_b)‖² into `F`, and when `G` is given the gradient
 * ∇f_b = 2(J_1 − J_w)ᵀ(A_1 − A_w) into `G` (B × d)
 * (`def:coreset-error`, `lem:attention-jacobian`); the two sides are any
 * weighted rows, a cache's J_C included (`lem:cache-jacobian`).
 *
 * Error: each attention output is within `attentionErrorBound`
 * (`lem:float-error`); the falsifier only uses these values to search, and
 * its final witness is recomputed by the reference.
 * @lemma def:coreset-error
 * @lemma lem:attention-jacobian
 * @lemma lem:cache-jacobian
 */
export function evalBatch(p: Pair, Q: Float64Array, B: number, F: Float64Array, G?: Float64Array): void {
  kernel(p, Q, B, F, G);
}
