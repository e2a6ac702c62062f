/**
 * The max-shifted terms a_i·e^{ℓ_i − t} of one side in BigInt fixed point,
 * with the ℓ¹ error θ·Z that `lem:exact-fixed-point-logits` charges them,
 * and the side's attention output from them.
 * @module
 * @internal
 */
import { Decimal } from 'decimal.js';
import { InternalError } from '../../errors.js';
import { bitLength53, exponentOf, mantissaOf, shift } from './dyadic.js';
import { expFixedReduced, expFixedUlps, ln2Fixed, REDUCED_MAX, taylorDegree } from './exp.js';

/** Working precisions in bits (see `lem:exact-fixed-point-logits`). */
export interface Bits {
  /** Target: θ ≤ 2^{−F}. */
  readonly F: number;
  /** Fractional bits of the reduced argument r and of e^r. */
  readonly Fr: number;
  /** Fractional bits of the values below 2^{eR}. */
  readonly Fv: number;
  /** Extra fractional bits of the quotient N/Z. */
  readonly Fq: number;
}

/** One side's rows: indices into the logits and values, and their weights (null: all 1). */
export interface SideRows {
  readonly count: number;
  readonly row: (j: number) => number;
  readonly weight: (j: number) => number;
}

/** A side's terms T̃_j·2^σ ≈ a_j·e^{ℓ_j − t} (only the kept rows), and θ. */
export interface SideTerms {
  readonly rows: readonly number[];
  readonly T: readonly bigint[];
  /** Upper bound on Σ_j |T̃_j·2^σ − a_j e^{ℓ_j − t}| / Σ_j a_j e^{ℓ_j − t} (dropped rows included). */
  readonly theta: Decimal;
}

/** Decimal arithmetic that rounds every operation up: all bound quantities are positive. */
export const UP = Decimal.clone({ precision: 20, rounding: Decimal.ROUND_UP, toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 });

/** |x| ≥ 2^{XMAX_LOG2} makes a term negligible for every double weight (a ≤ 2^{1024}, e^{−2^20} < 2^{−1.5·10⁶}). */
const XMAX_LOG2 = 20;

/**
 * Computes the kept terms of one side and θ (`lem:exact-fixed-point-logits`).
 * ℓ_j = L[row]·2^{e0} exactly; t is the exact maximum over the rows of
 * positive weight. A row is dropped when an upper bound on log2 of its term
 * is below the largest lower bound minus G = W; every other term is
 * α·e^{r}·2^{β+k} (a = α·2^β, e^{x} = 2^k e^{r}) truncated at 2^σ,
 * σ = ⌊max hi⌋ − W.
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function sideTerms(L: readonly bigint[], e0: number, side: SideRows, bits: Bits): SideTerms {
  const { Fr } = bits;
  const W = bits.F + Math.ceil(Math.log2(side.count + 1)) + 6;
  let t: bigint | null = null;
  for (let j = 0; j < side.count; j++) {
    const a = side.weight(j);
    if (!(a >= 0)) throw new InternalError(`fixed-point terms: weight ${a} of row ${side.row(j)} is not ≥ 0`);
    if (a === 0) continue;
    const l = L[side.row(j)];
    if (t === null || l > t) t = l;
  }
  if (t === null) throw new InternalError('fixed-point terms: no row of positive weight');
  const limit = XMAX_LOG2 - e0 >= 0 ? 1n << BigInt(XMAX_LOG2 - e0) : 0n;
  const rows: number[] = [];
  const xs: bigint[] = [];
  const xd: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let maxLo = -Infinity;
  let positive = 0;
  for (let j = 0; j < side.count; j++) {
    const a = side.weight(j);
    if (a === 0) continue;
    positive++;
    const X = L[side.row(j)] - t;
    if (X !== 0n && -X >= limit) continue; // |x| ≥ 2^20: dropped (counted below)
    const Xf = shift(X, e0 + Fr);
    const x = Number(shift(Xf, 30 - Fr)) / 2 ** 30;
    const be = exponentOf(a);
    const al = mantissaOf(a, be);
    const bl = bitLength53(al);
    const xl = x * Math.LOG2E;
    rows.push(side.row(j));
    xs.push(Xf);
    xd.push(x);
    lo.push(be + bl - 2 + xl);
    hi.push(be + bl + 1 + xl);
    alpha.push(al);
    beta.push(be);
    if (lo[lo.length - 1] > maxLo) maxLo = lo[lo.length - 1];
  }
  let maxHi = -Infinity;
  for (let j = 0; j < rows.length; j++) if (hi[j] >= maxLo - W && hi[j] > maxHi) maxHi = hi[j];
  const sigma = Math.floor(maxHi) - W;
  const LN2 = ln2Fixed(Fr);
  const J = taylorDegree(Fr);
  const rmax = BigInt(Math.floor(REDUCED_MAX * 2 ** 30)) << BigInt(Fr - 30);
  const keptRows: number[] = [];
  const T: bigint[] = [];
  let kmax = 0;
  for (let j = 0; j < rows.length; j++) {
    if (hi[j] < maxLo - W) continue;
    const k = Math.round(xd[j] / Math.LN2);
    const r = xs[j] - BigInt(k) * LN2;
    if (r > rmax || -r > rmax) throw new InternalError(`fixed-point exp: reduced argument beyond ${REDUCED_MAX}`);
    kmax = Math.max(kmax, Math.abs(k));
    const S = expFixedReduced(r, Fr, J);
    keptRows.push(rows[j]);
    T.push(shift(BigInt(alpha[j]) * S, beta[j] + k - Fr - sigma));
  }
  const dropped = positive - keptRows.length;
  // η: relative error of a kept term before its truncation at 2^σ (see the proof).
  const eta = new UP(2 * (1 + 2 * kmax) + 3 * expFixedUlps(J)).times(UP.pow(2, -Fr));
  const trunc = new UP(keptRows.length).times(UP.pow(2, sigma - Math.floor(maxLo)));
  const drop = new UP(dropped).times(UP.pow(2, -W));
  return { rows: keptRows, T, theta: eta.plus(trunc).plus(drop) };
}

/**
 * Computes Ã_c = ⌊(Σ_j T̃_j ṽ_jc)·2^{Fq} / Σ_j T̃_j⌋ (truncated toward 0),
 * ṽ_jc = ⌊v_jc·2^{−τ}⌋: the side's attention output in units of 2^{τ−Fq}.
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function sideAttention(terms: SideTerms, V: Float64Array, dv: number, tau: number, Fq: number): bigint[] {
  const N: bigint[] = new Array<bigint>(dv).fill(0n);
  let Z = 0n;
  for (let j = 0; j < terms.rows.length; j++) {
    const Tj = terms.T[j];
    if (Tj === 0n) continue;
    Z += Tj;
    const base = terms.rows[j] * dv;
    for (let c = 0; c < dv; c++) {
      const v = V[base + c];
      if (v === 0) continue;
      const e = exponentOf(v);
      N[c] += Tj * shift(BigInt(mantissaOf(v, e)), e - tau);
    }
  }
  if (Z === 0n) throw new InternalError('fixed-point attention: all kept terms truncated to 0');
  return N.map((x) => (x << BigInt(Fq)) / Z);
}
