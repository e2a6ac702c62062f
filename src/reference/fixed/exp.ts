/**
 * A certified exponential in BigInt fixed point (`lem:exact-fixed-point-logits`):
 * e^{x} = 2^k·e^{r}, r = x − k·ln 2, |r| < 0.36, e^{r} by its Taylor
 * polynomial with every truncation counted.
 * @module
 * @internal
 */

/** |r| after the reduction is below this (ln 2 / 2 + slack), checked at run time. */
export const REDUCED_MAX = 0.36;

const ln2Cache = new Map<number, bigint>();

/**
 * Returns L with 0 ≤ ln 2·2^F − L < 2, from ln 2 = Σ_{j≥1} 1/(j·2^j) at
 * P = F + g bits, g = ⌈log2(F + 8)⌉ + 2: each of the P terms
 * ⌊2^P/(j·2^j)⌋ is at most 1 below its exact value and the tail after P
 * terms is below 1, so the sum is below ln 2·2^P by less than P + 1 ≤ 2^g,
 * i.e. by less than one unit of 2^{−F}; the final floor shift loses less
 * than one more.
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function ln2Fixed(F: number): bigint {
  let L = ln2Cache.get(F);
  if (L === undefined) {
    const g = Math.ceil(Math.log2(F + 8)) + 2;
    const P = F + g;
    const one = 1n << BigInt(P);
    let s = 0n;
    for (let j = 1; j <= P; j++) s += one / (BigInt(j) << BigInt(j));
    L = s >> BigInt(g);
    ln2Cache.set(F, L);
  }
  return L;
}

/**
 * The Taylor degree J with REDUCED_MAX^{J+1}/(J+1)!·e^{REDUCED_MAX} ≤ 2^{−F}
 * (computed in log2 with a 2-bit margin against the rounding of the doubles).
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function taylorDegree(F: number): number {
  let log2Term = Math.log2(Math.exp(REDUCED_MAX));
  let j = 0;
  while (log2Term > -F - 2) {
    j++;
    log2Term += Math.log2(REDUCED_MAX / j);
  }
  // log2Term now bounds the term of order j; the remainder after degree J = j − 1 is below e^{0.36} times it.
  return j - 1;
}

/**
 * Error, in units of 2^{−F}, of {@link expFixedReduced}: at most 4J + 2
 * (see there).
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function expFixedUlps(J: number): number {
  return 4 * J + 2;
}

/**
 * Computes S with |S − e^{r·2^{−F}}·2^F| ≤ 4J + 2 for an integer r with
 * |r| ≤ REDUCED_MAX·2^F and J = {@link taylorDegree}(F).
 *
 * Method: t_0 = 2^F, t_j = trunc(⌊t_{j−1}·r / 2^F⌋ / j), S = Σ_{j≤J} t_j.
 * The exact terms are τ_j = ρ^j/j!·2^F (ρ = r·2^{−F}); each step errs by
 * < 1 (the floor) / j + 1 (the truncation) ≤ 2 on top of the inherited
 * |t_{j−1} − τ_{j−1}|·|ρ|/j ≤ 0.36·that, so |t_j − τ_j| ≤ 2/(1 − 0.36) < 4;
 * the J + 1 terms err by < 4J + 1 (t_0 is exact) and the Taylor remainder by
 * ≤ 1 (the choice of J).
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function expFixedReduced(r: bigint, F: number, J: number): bigint {
  const BF = BigInt(F);
  let t = 1n << BF;
  let s = t;
  for (let j = 1; j <= J && t !== 0n; j++) {
    t = ((t * r) >> BF) / BigInt(j);
    s += t;
  }
  return s;
}
