/**
 * Power iteration for the top right singular vector of a small matrix.
 * @module
 * @internal
 */

/**
 * Computes an estimate of the top right singular vector of the rows × cols
 * matrix J (row-major) by 30 power iterations on JᵀJ, in binary64. Any
 * vector is a valid input to an inequality ‖Jx‖ ≤ L‖x‖; this one makes the
 * check nearly sharp.
 * @internal
 * @lemma lem:attention-jacobian
 */
export function unitVectorOf(J: Float64Array, rows: number, cols: number): number[] {
  let x = Array.from({ length: cols }, (_, a) => 1 + a / (cols + 1));
  for (let it = 0; it < 30; it++) {
    const y = Array.from({ length: rows }, (_, c) => x.reduce((s, t, a) => s + J[c * cols + a] * t, 0));
    const z = Array.from({ length: cols }, (_, a) => y.reduce((s, t, c) => s + J[c * cols + a] * t, 0));
    const r = Math.sqrt(z.reduce((s, t) => s + t * t, 0));
    if (!(r > 0) || !Number.isFinite(r)) return x;
    x = z.map((t) => t / r);
  }
  return x;
}
