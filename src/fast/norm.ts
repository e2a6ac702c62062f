/**
 * The Euclidean norm of a row, without spreading it into arguments.
 * @module
 */
import { gamma } from './float-error.js';

/**
 * Computes ‖x[off..off+len)‖₂ in binary64, free of overflow and underflow:
 * the entries are scaled by a power of two 2^{−e} ≥ their largest magnitude
 * (exact outside the subnormals), squared, summed and rooted, then scaled
 * back. A replacement for `Math.hypot(...row)`, which passes every entry as
 * an argument and overflows the call stack for rows of ≈ 10⁵ entries.
 *
 * Error: relative ≤ {@link euclideanNormRelativeError}(len) =
 * γ_{len+1} (len squares and len − 1 additions, one square root), plus
 * 2^{−1074}·√len absolutely for subnormal entries.
 * @lemma lem:float-error
 */
export function euclideanNorm(x: ArrayLike<number>, off = 0, len = x.length - off): number {
  let big = 0;
  for (let j = 0; j < len; j++) big = Math.max(big, Math.abs(x[off + j]));
  if (big === 0 || !Number.isFinite(big)) return big;
  const e = Math.ceil(Math.log2(big));
  // 2^{−e} and 2^{e} as two factors each, so that neither overflows at e = ±1024.
  const down = 2 ** -Math.trunc(e / 2);
  const down2 = 2 ** -(e - Math.trunc(e / 2));
  let s = 0;
  for (let j = 0; j < len; j++) {
    const t = x[off + j] * down * down2;
    s += t * t;
  }
  return Math.sqrt(s) / down / down2;
}

/**
 * The relative rounding bound of {@link euclideanNorm} over `len` entries
 * (`lem:float-error`: γ_k = ku/(1 − ku)).
 * @lemma lem:float-error
 */
export function euclideanNormRelativeError(len: number): number {
  return gamma(len + 1);
}
