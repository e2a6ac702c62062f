/**
 * Exact binomial probabilities in rational arithmetic (BigInt), independent
 * of the decimal.js code they check: a double p is the dyadic rational
 * M/2^E, so P(Bin(N, p) ≤ k) is an exact fraction.
 * @module
 */

/** A double as an exact fraction num/2^exp (num ≥ 0 integer). */
export interface Dyadic {
  readonly num: bigint;
  readonly exp: bigint;
}

const view = new DataView(new ArrayBuffer(8));

/**
 * The exact dyadic value of a finite double x ≥ 0.
 * @lemma lem:query-sample-bound
 */
export function dyadic(x: number): Dyadic {
  if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`dyadic: ${x}`);
  if (x === 0) return { num: 0n, exp: 0n };
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const mant = biased === 0 ? bits & ((1n << 52n) - 1n) : (bits & ((1n << 52n) - 1n)) | (1n << 52n);
  const e = biased === 0 ? -1074 : biased - 1075;
  return e >= 0 ? { num: mant << BigInt(e), exp: 0n } : { num: mant, exp: BigInt(-e) };
}

/** Σ_{j ≤ k} C(N, j) a^j (2^e − a)^{N−j} for p = a/2^e: P(Bin(N, p) ≤ k) = sum/2^{eN}. */
function cdfNumerator(k: number, N: number, p: number): { sum: bigint; e: bigint } {
  const { num: a, exp: e } = dyadic(p);
  const b = (1n << e) - a;
  let sum = 0n;
  let c = 1n;
  for (let j = 0; j <= Math.min(k, N); j++) {
    if (j > 0) c = (c * BigInt(N - j + 1)) / BigInt(j);
    sum += c * a ** BigInt(j) * b ** BigInt(N - j);
  }
  return { sum, e };
}

/**
 * Whether P(Bin(N, p) ≤ k) ≤ t exactly (p, t doubles in [0, 1]).
 * @lemma lem:query-sample-bound
 */
export function binomialCdfAtMost(k: number, N: number, p: number, t: number): boolean {
  const { sum, e } = cdfNumerator(k, N, p);
  const { num: tn, exp: te } = dyadic(t);
  // sum/2^{eN} ≤ tn/2^{te}  ⇔  sum·2^{te} ≤ tn·2^{eN}.
  return sum << te <= tn << (e * BigInt(N));
}

/**
 * Whether P(Bin(N, p) ≤ k) ≥ confidence exactly (a double).
 * @lemma lem:query-sample-bound
 */
export function binomialCdfAtLeastConfidence(k: number, N: number, p: number, confidence: number): boolean {
  const { sum, e } = cdfNumerator(k, N, p);
  const { num: cn, exp: ce } = dyadic(confidence);
  return sum << ce >= cn << (e * BigInt(N));
}
