/**
 * Checks what each version-2 vector asserts about its cache: the decimal.js
 * reference at the witness or queries, the `lem:float-error` tolerance, the
 * cache's construction where it can be re-made, and the verifier's verdict
 * at the vector's (ρ, ε) (`fail` for an expected fail, not `fail` for a
 * regrouping, `certified` for a certificate pass).
 * @module
 */
import { quantizeCache } from '../../construct/quantize.js';
import { coresetError } from '../../fast/coreset-error.js';
import { coresetErrorBound, evaluationProfile } from '../../fast/float-error.js';
import { formatHexFloat } from '../../io/hex-float.js';
import * as Ref from '../../reference/index.js';
import type { Cache, Compressed, Instance } from '../../types.js';
import type { VerifyOptions, VerifyResult } from '../../verify/types.js';
import { verify } from '../../verify/verify.js';
import { inBallExact } from '../../verify/witness.js';
import { finiteHex } from './read.js';
import type { LoadedCacheVector } from './read-v2.js';
import { EXACT_TOLERANCE, type SelfCheck } from './self-check.js';

/** The verifier a v2 self-check asks (the real one unless a test substitutes). */
export type SyncVerify = (inst: Instance, c: Compressed, options: VerifyOptions) => VerifyResult;

/** The falsifier seed of the check, the one the generator used. */
export const CHECK_SEED = 1;

const query = (row: string[], where: string) => Float64Array.from(row, (s, j) => finiteHex(s, `${where}[${j}]`));
const sameData = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, t) => Object.is(x, b[t]));

/** Whether the cache is the instance's distinct (k, v) rows, each weighted by its multiplicity. */
function isRegrouping(inst: Instance, c: Cache): boolean {
  const key = (K: Float64Array, V: Float64Array, i: number) =>
    [...K.subarray(i * inst.d, (i + 1) * inst.d), ...V.subarray(i * inst.dv, (i + 1) * inst.dv)].map(formatHexFloat).join(',');
  const counts = new Map<string, number>();
  for (let i = 0; i < inst.n; i++) counts.set(key(inst.K, inst.V, i), (counts.get(key(inst.K, inst.V, i)) ?? 0) + 1);
  if (counts.size !== c.m) return false;
  for (let j = 0; j < c.m; j++) if (counts.get(key(c.K, c.V, j)) !== c.weights[j]) return false;
  return true;
}

/**
 * Checks one v2 vector's expectation; `problem` says what does not hold.
 * @lemma def:compressed-cache
 * @lemma lem:cache-float-error
 */
export function selfCheckCacheVector(v: LoadedCacheVector, check: SyncVerify = verify): SelfCheck {
  const { vector, inst, cache, rho, eps } = v;
  const { id } = vector;
  const e = vector.expect;
  const fail = (problem: string): SelfCheck => ({ id, problem });
  const made = vector.construction;
  if (made !== undefined) {
    const again = quantizeCache(inst, { bits: made.bits, group: made.group });
    if (!sameData(again.K, cache.K) || !sameData(again.V, cache.V) || !cache.weights.every((w) => w === 1)) return fail(`the cache is not the KIVI int${made.bits} cache (group ${made.group}) of the input`);
  }
  const r = check(inst, cache, { rho, eps, seed: CHECK_SEED });
  if (e.outcome === 'fail') {
    const q = query(e.witness, `${id} witness`);
    if (q.length !== inst.d) return fail(`the witness has ${q.length} entries, expected d = ${inst.d}`);
    if (!inBallExact(q, rho)) return fail(`the witness lies outside the ball of radius ρ = ${rho}`);
    const exact = Ref.coresetError(inst, q, cache);
    const atLeast = finiteHex(e.errorAtLeast, `${id} errorAtLeast`);
    const error = finiteHex(e.error, `${id} error`);
    const tolerance = finiteHex(e.tolerance, `${id} tolerance`);
    if (exact.lessThan(Ref.exactDecimal(atLeast))) return fail(`reference error ${exact.toSignificantDigits(17)} < errorAtLeast ${atLeast}`);
    if (!Object.is(Ref.toNearestDouble(exact), error)) return fail(`reference error ${exact.toSignificantDigits(17)} does not round to error ${error}`);
    if (!(atLeast > eps)) return fail(`errorAtLeast ${atLeast} does not exceed ε = ${eps}`);
    const bound = coresetErrorBound(evaluationProfile(inst, q, null), evaluationProfile(inst, q, cache));
    if (!(tolerance >= bound)) return fail(`tolerance ${tolerance} is below the lem:float-error bound ${bound} at the witness`);
    const fast = coresetError(inst, q, cache);
    if (!(Math.abs(fast - error) <= tolerance)) return fail(`the binary64 error ${fast} at the witness is farther than ${tolerance} from ${error}`);
    if (r.verdict !== 'fail') return fail(`the verifier's verdict is ${r.verdict} (lower ${r.lower}, upper ${r.upper}), the vector expects fail`);
    return { id, problem: null };
  }
  if (e.proof === 'regrouping') {
    if (!isRegrouping(inst, cache)) return fail('the cache is not the regrouping of the input (distinct (k, v) rows, weight = multiplicity)');
    for (const [k, row] of e.queries.entries()) {
      const err = Ref.coresetError(inst, query(row, `${id} queries[${k}]`), cache);
      if (err.greaterThan(EXACT_TOLERANCE)) return fail(`error ${err.toSignificantDigits(6)} at queries[${k}], expected 0`);
    }
    if (r.verdict === 'fail') return fail(`the verifier refutes an exact regrouping: error ${r.lower} at ${Array.from(r.witness).join(', ')}`);
    return { id, problem: null };
  }
  const upperAtMost = finiteHex(e.upperAtMost, `${id} upperAtMost`);
  const lower = finiteHex(e.lower, `${id} lower`);
  if (!(lower <= upperAtMost && upperAtMost <= eps)) return fail(`expected lower ${lower} ≤ upperAtMost ${upperAtMost} ≤ ε = ${eps}`);
  if (r.verdict !== 'certified') return fail(`the verifier's verdict is ${r.verdict} (lower ${r.lower}, upper ${r.upper}), the vector expects certified`);
  return { id, problem: null };
}
