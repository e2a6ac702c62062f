/**
 * Making a witness exact: its norm checked against ρ without rounding, its
 * error recomputed by the reference, so a `fail` is never a rounding artefact.
 * @module
 */
import { UNIT_ROUNDOFF } from '../fast/float-error.js';
import { InternalError } from '../errors.js';

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
  const parts = Array.from(q, split);
  const r = split(rho);
  let emin = 2 * r.exp;
  for (const p of parts) if (p.mant !== 0n) emin = Math.min(emin, 2 * p.exp);
  let sum = 0n;
  for (const p of parts) if (p.mant !== 0n) sum += (p.mant * p.mant) << BigInt(2 * p.exp - emin);
  const rr = (r.mant * r.mant) << BigInt(2 * r.exp - emin);
  return sum <= rr;
}

/**
 * Returns `q` itself when ‖q‖ ≤ ρ holds exactly, else its projection onto
 * the ball, nudged by factors (1 − 4u) until ‖q‖ ≤ ρ holds exactly (a float
 * projection can land a few ulps outside, and a witness mapped back from the
 * key span carries that map's rounding). The witness's error is always
 * re-evaluated at the returned point, so projecting never overstates it.
 * @lemma def:query-ball
 */
export function intoBall(q: Float64Array, rho: number): Float64Array {
  if (inBallExact(q, rho)) return q;
  let big = 0;
  for (const v of q) big = Math.max(big, Math.abs(v));
  let s = 0;
  for (const v of q) s += (v / big) ** 2;
  const norm = big * Math.sqrt(s);
  let x = q.map((v) => (v / norm) * rho);
  for (let t = 0; t < 64; t++) {
    if (inBallExact(x, rho)) return x;
    x = x.map((v) => v * (1 - 4 * UNIT_ROUNDOFF));
  }
  throw new InternalError(`witness of norm ${norm} cannot be brought inside ρ = ${rho}`);
}
