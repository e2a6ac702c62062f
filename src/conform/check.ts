/**
 * Checks one answer of an implementation against its case: a valid weighted
 * set (`def:weighted-set`), within the size claim, and an ε-coreset as far as
 * the verifier can tell (`def:eps-coreset`).
 * @module
 */
import { InputError } from '../errors.js';
import type { Cache, Compressed, Coreset } from '../types.js';
import { decodeCacheResponse } from './cache-response.js';
import { normalizeCoreset, validateCoreset } from '../validate.js';
import type { VerifyOptions, VerifyResult } from '../verify/types.js';
import type { ConformCase } from './cases.js';
import type { Failure } from './failure.js';
import { isCacheResponse, type ResponseMessage, type SubsetResponseMessage } from './protocol.js';

/** The verifier the harness calls (`verify` of `src/verify`, or a stand-in). */
export type VerifyFn = (inst: ConformCase['inst'], coreset: Compressed, options: VerifyOptions) => VerifyResult | Promise<VerifyResult>;

/**
 * Converts a schema-valid response to a {@link Coreset} for an instance of
 * `n` rows, or a `invalid-coreset` failure naming the entry.
 * @lemma def:weighted-set
 */
export function toCoreset(msg: SubsetResponseMessage, n: number): Coreset | Failure {
  const { indices, weights } = msg;
  if (indices.length !== weights.length) {
    return { reason: 'invalid-coreset', message: `response has ${indices.length} indices but ${weights.length} weights` };
  }
  // Range-check before the Uint32Array conversion, which would wrap 2³² + i to i.
  for (let j = 0; j < indices.length; j++) {
    if (indices[j] >= n) return { reason: 'invalid-coreset', message: `response.indices[${j}] is ${indices[j]}, but the instance has rows 0..${n - 1}` };
  }
  const c: Coreset = { indices: Uint32Array.from(indices), weights: Float64Array.from(weights) };
  try {
    validateCoreset(c, n, 'response');
    // Repeated indices whose weights sum past binary64 (1e308 twice) are a
    // weighting no double holds: a failed case, not a harness error.
    normalizeCoreset(c, n, 'response');
  } catch (e) {
    if (e instanceof InputError) return { reason: 'invalid-coreset', message: e.message };
    throw e;
  }
  return c;
}

/**
 * Converts a schema-valid response to what the verifier checks, in the form
 * the session negotiated (`subset` for every protocol-1 implementation): a
 * {@link Coreset}, a decoded {@link Cache}, or a failure — `schema` for a
 * response of the other form, else as {@link toCoreset} /
 * `decodeCacheResponse` say.
 * @lemma def:compressed-cache
 */
export function toCompressed(msg: ResponseMessage, form: 'subset' | 'cache', inst: ConformCase['inst']): Compressed | Failure {
  if (isCacheResponse(msg) !== (form === 'cache')) {
    const sent = isCacheResponse(msg) ? 'a cache (keys, values, weights)' : 'a subset (indices, weights)';
    const why = form === 'subset' ? 'the hello did not declare protocol 2 with "response": "cache"' : 'the hello declared "response": "cache"';
    return { reason: 'schema', message: `response is ${sent}, but ${why}` };
  }
  return isCacheResponse(msg) ? decodeCacheResponse(msg, inst.d, inst.dv) : toCoreset(msg, inst.n);
}

/** The size a check counts: distinct indices of positive weight, or a cache's row count m. */
function sizeOf(c: Compressed, n: number): number {
  return 'indices' in c ? normalizeCoreset(c, n, 'response').indices.length : (c as Cache).m;
}

/** What the checks found for one answer. */
export interface AnswerCheck {
  readonly failure?: Failure;
  /** Distinct indices of positive weight (a subset), or rows m (a cache). */
  readonly size: number;
  readonly verify?: VerifyResult;
}

/**
 * Checks a weighted set against the case: size ≤ `maxSize` (when given),
 * then the verifier's verdict at the case's (ρ, ε). A `fail` verdict is a
 * `not-eps-coreset` failure quoting the witness error.
 * @lemma def:eps-coreset
 */
export async function checkAnswer(
  c: ConformCase,
  coreset: Compressed,
  verify: VerifyFn,
  options: { readonly maxSize?: number; readonly budget?: number; readonly seed?: number },
): Promise<AnswerCheck> {
  const size = sizeOf(coreset, c.inst.n);
  if (options.maxSize === 0) {
    return { size, failure: { reason: 'size-claim', message: 'the size claim is NaN or below 1 at this case: no weighted set can meet it (a claim of the implementation, not of its answer)' } };
  }
  if (options.maxSize !== undefined && size > options.maxSize) {
    return { size, failure: { reason: 'size-claim', message: `${'indices' in coreset ? `support of ${size} points` : `cache of ${size} rows`} exceeds the claimed maximum ${options.maxSize}` } };
  }
  const vopts: VerifyOptions = { rho: c.rho, eps: c.eps, seed: options.seed ?? 0, ...(options.budget !== undefined ? { budget: options.budget } : {}) };
  const result = await verify(c.inst, coreset, vopts);
  if (result.verdict === 'fail') {
    return {
      size,
      verify: result,
      failure: { reason: 'not-eps-coreset', message: `error ${result.lower.toPrecision(6)} > ε = ${c.eps} at the witness query (ρ = ${c.rho})` },
    };
  }
  return { size, verify: result };
}
