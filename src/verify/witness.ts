/**
 * Making a witness exact: its norm checked against ρ without rounding, its
 * error recomputed by the reference, so a `fail` is never a rounding artefact.
 * @module
 */
import { Decimal } from 'decimal.js';
import { gamma } from '../fast/float-error.js';
import { euclideanNorm } from '../fast/norm.js';
import { exactDecimal } from '../reference/exact.js';

const view = new DataView(new ArrayBuffer(8));

/** x = mant·2^exp exactly, mant a BigInt (x finite). */
function split(x: number): { mant: bigint; exp: number } {
  if (x === 0) return { mant: 0n, exp: 0 };
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  return { mant: bits >> 63n ? -mant : mant, exp };
}

/**
 * Decides ‖q‖² ≤ ρ² exactly for the doubles in `q` and `rho`
 * (`def:query-ball`).
 *
 * Method: every double is M·2^E with integer M; squares and their sum are
 * integers times 2^{2·Emin}, compared as BigInts. No rounding anywhere.
 * @lemma def:query-ball
 */
export function inBallExact(q: Float64Array, rho: number): boolean {
  const { sum, rr } = exactSquares(q, rho);
  return sum <= rr;
}

/** ‖q‖² and ρ², both as integers times 2^{emin}, exactly. */
function exactSquares(q: Float64Array, rho: number): { sum: bigint; rr: bigint; emin: number } {
  const parts = Array.from(q, split);
  const r = split(rho);
  let emin = 2 * r.exp;
  for (const p of parts) if (p.mant !== 0n) emin = Math.min(emin, 2 * p.exp);
  let sum = 0n;
  for (const p of parts) if (p.mant !== 0n) sum += (p.mant * p.mant) << BigInt(2 * p.exp - emin);
  const rr = (r.mant * r.mant) << BigInt(2 * r.exp - emin);
  return { sum, rr, emin };
}

/**
 * Describes by how much ‖q‖ exceeds ρ, with enough digits to show it even
 * when the rounded norm prints as ρ ("has norm 1 > ρ = 1" helps no one):
 * the exact norm to 25 significant digits and ‖q‖ − ρ to 3.
 * @lemma def:query-ball
 */
export function describeNormExcess(q: Float64Array, rho: number): string {
  const { sum, emin } = exactSquares(q, rho);
  const D = Decimal.clone({ precision: 40 });
  const norm = D.sqrt(new D(sum.toString()).times(new D(2).pow(emin)));
  const excess = norm.minus(exactDecimal(rho, D));
  return `has norm ${norm.toSignificantDigits(25).toString()} > ρ = ${rho} (exceeds it by ${excess.toSignificantDigits(3).toString()})`;
}

/**
 * Returns `q` itself when ‖q‖ ≤ ρ holds exactly, else a multiple of it with
 * ‖·‖ ≤ ρ exactly (a float projection can land a few ulps outside, and a
 * witness mapped back from the key span carries that map's rounding). The
 * witness's error is always re-evaluated at the returned point, so
 * projecting never overstates it.
 *
 * Method: x = (q/N̂)·ρ·(1 − 2γ_{d+4}) with N̂ = {@link euclideanNorm}(q). N̂ is
 * within γ_{d+1} of ‖q‖ relatively, and the division, the product and the
 * factor add three roundings, so ‖x‖ ≤ ρ(1+u)³(1 − 2γ_{d+4})/(1 − γ_{d+1}) ≤ ρ
 * (`lem:float-error`): the first candidate is inside, which the exact test
 * confirms. Should it not be (the bound is the proof; this is the fallback),
 * the gap doubles each step, and rounding to nearest never increases a
 * magnitude that is multiplied by a factor < 1, so after at most 52 steps
 * the factor reaches ½ repeatedly and finally 0: the loop always returns a
 * point of the ball (0 at the very worst).
 * @lemma def:query-ball
 * @lemma lem:float-error
 */
export function intoBall(q: Float64Array, rho: number): Float64Array {
  if (inBallExact(q, rho)) return q;
  const norm = euclideanNorm(q);
  const first = 1 - 2 * gamma(q.length + 4);
  let x = q.map((v) => (v / norm) * rho * first);
  for (let gap = 2 * gamma(q.length + 4); gap < 1; gap *= 2) {
    if (inBallExact(x, rho)) return x;
    const f = 1 - gap;
    x = x.map((v) => v * f);
  }
  return inBallExact(x, rho) ? x : new Float64Array(q.length);
}
