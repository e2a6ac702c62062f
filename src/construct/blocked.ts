/**
 * Compress++-style blocked halving: the walk runs inside blocks of bounded
 * size, so a round over p rows costs O(p·B·(d+dv)) instead of O(p²·(d+dv)).
 * @module
 */
import type { Instance } from '../types.js';
import { halve, type HalveOptions } from './halving.js';
import type { Rng } from './rng.js';

/** One round of {@link halveBlocked}: kept rows, carried odd row, and accounting. */
export interface BlockedRound {
  /** Rows kept from pairs; each now carries twice its input weight. */
  readonly kept: Uint32Array;
  /** The unpaired row of an odd input (keeps its input weight), else −1. */
  readonly carried: number;
  /** Σ_b ‖ψ_{r,b}‖ over blocks: bounds ‖ψ_r‖ by the triangle inequality. */
  readonly psiNormBound: number;
}

/**
 * Halves `rows` by the self-balancing walk inside consecutive blocks of at
 * most `block` rows (an even number). An odd input leaves its last row
 * unpaired: it is returned as `carried` and is not part of `kept`.
 *
 * Method: ψ_r = Σ_b ψ_{r,b}, the blocks' signed sums; so ‖ψ_r‖ ≤ Σ_b ‖ψ_{r,b}‖,
 * the per-round term of `lem:halving-accounting`.
 * @lemma lem:halving-accounting
 * @lemma thm:kernel-halving
 */
export function halveBlocked(inst: Instance, rows: Uint32Array, rng: Rng, block: number, options: HalveOptions): BlockedRound {
  const even = rows.length - (rows.length % 2);
  const B = Math.max(2, block - (block % 2));
  const kept = new Uint32Array(even / 2);
  let psi = 0;
  for (let start = 0; start < even; start += B) {
    const end = Math.min(even, start + B);
    const h = halve(inst, rows.subarray(start, end), rng, options);
    kept.set(h.kept, start / 2);
    psi += Math.sqrt(Math.max(0, h.psiNormSq));
  }
  return { kept, carried: rows.length % 2 === 1 ? rows[rows.length - 1] : -1, psiNormBound: psi };
}
