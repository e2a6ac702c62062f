/**
 * The smallest query-aware coreset whose held-out bound holds at ε
 * (`lem:query-sample-bound` on a held-out sample).
 * @module
 */
import { InputError } from '../errors.js';
import { exceedUpper } from '../stats/clopper-pearson.js';
import type { QueryStats } from '../stats/query-stats.js';
import type { Cache, Instance } from '../types.js';
import { verifyQueryStats } from '../verify/query-sample.js';
import { buildForQueries, checkQueryOptions, greedyNonNegative, querySystem, type QueryBuildResult } from './query-aware.js';
import { buildCacheForQueries, buildCacheFromSubset, type QueryCacheOptions } from './query-cache.js';

/** Options of {@link buildForHeldOut}. */
export interface HeldOutBuildOptions extends Omit<QueryCacheOptions, 'size'> {
  /**
   * Build caches ({@link buildCacheForQueries}, values refitted with
   * `valueLambda`) instead of weighted subsets. @defaultValue false
   */
  readonly refitValues?: boolean;
  /** Held-out queries (rows × d), never used by the fit. */
  readonly holdout: Float64Array;
  /** Error threshold ε > 0. */
  readonly eps: number;
  /** Confidence 1 − δ of the held-out bound. @defaultValue 0.95 */
  readonly confidence?: number;
  /**
   * The bound holds when exceedUpper ≤ this. @defaultValue exceedUpper(0, N,
   * confidence): no held-out query may exceed ε (certified).
   */
  readonly maxExceed?: number;
}

/** One size tried by {@link buildForHeldOut}. */
export interface HeldOutTrial {
  readonly size: number;
  readonly exceeding: number;
  readonly exceedUpper: number;
  readonly holds: boolean;
}

/** Result of {@link buildForHeldOut}. */
export interface HeldOutBuildResult extends QueryBuildResult {
  /** With `refitValues`: the cache (its rows are `coreset`'s, values refitted); the statistics are the cache's. */
  readonly cache?: Cache;
  /** Held-out statistics of the returned coreset. */
  readonly stats: QueryStats;
  readonly trials: readonly HeldOutTrial[];
  /** The exceedance level the search held the bound to. */
  readonly maxExceed: number;
  /** Whether the returned size meets it (false only if even the full set does not). */
  readonly holds: boolean;
}

/**
 * Computes the smallest size m (found by doubling, then bisection, as the
 * fit is close to monotone in m) whose query-aware coreset
 * ({@link buildForQueries} on `queries`, or with `refitValues` the cache of
 * {@link buildCacheForQueries}) has held-out exceedUpper ≤
 * maxExceed at ε (`lem:query-sample-bound`); m = n (the full set, error 0)
 * always qualifies.
 *
 * Special cases: an empty holdout, a bad ε, confidence or maxExceed is an
 * {@link InputError}.
 * @lemma lem:query-sample-bound
 * @lemma lem:query-fit-residual
 * @lemma lem:query-cache-refit
 * @example
 * ```ts
 * import { buildForHeldOut, seededRng, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const rng = seededRng(5);
 * const queries = (rows: number) => Float64Array.from({ length: rows * 4 }, () => rng.normal());
 * const r = buildForHeldOut(inst, { queries: queries(64), holdout: queries(64), eps: 0.05, rho: 2 });
 * // the smallest size whose held-out bound holds at ε, with its statistics
 * console.log(r.holds, r.stats.exceedUpper, r.trials.length);
 * ```
 */
export function buildForHeldOut(inst: Instance, options: HeldOutBuildOptions): HeldOutBuildResult {
  const { d, n } = inst;
  if (!(options.holdout instanceof Float64Array) || options.holdout.length === 0 || options.holdout.length % d !== 0) {
    throw new InputError('shape', 'holdout', `must be a non-empty Float64Array of rows of length d = ${d}`);
  }
  const N = options.holdout.length / d;
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new InputError('parameter', 'confidence', `must be in (0, 1), got ${confidence}`);
  const maxExceed = options.maxExceed ?? exceedUpper(0, N, confidence);
  if (!(maxExceed > 0 && maxExceed <= 1)) throw new InputError('parameter', 'maxExceed', `must be in (0, 1], got ${maxExceed}`);
  const trials: HeldOutTrial[] = [];
  const results = new Map<number, { r: QueryBuildResult; s: QueryStats; cache?: Cache }>();
  // The fit system does not depend on m: built once, the greedy run per size on it (as buildForQueries would).
  let system: ReturnType<typeof querySystem> | undefined;
  const subsetOf = (m: number): QueryBuildResult => {
    if (m >= n) return buildForQueries(inst, { ...options, size: m });
    checkQueryOptions(inst, { ...options, size: m });
    system ??= querySystem(inst, { ...options, size: m });
    return greedyNonNegative(system.G, system.b, n, m);
  };
  const attempt = (m: number): boolean => {
    let r: QueryBuildResult;
    let cache: Cache | undefined;
    if (options.refitValues) {
      const c = buildCacheFromSubset(inst, { ...options, size: m }, subsetOf(m));
      r = { coreset: c.coreset, size: c.size, objective: c.objective };
      cache = c.cache;
    } else r = subsetOf(m);
    const s = verifyQueryStats(inst, cache ?? r.coreset, options.holdout, { eps: options.eps, confidence, scale: options.scale ?? 1 });
    const holds = s.exceedUpper <= maxExceed;
    trials.push({ size: m, exceeding: s.exceeding, exceedUpper: s.exceedUpper, holds });
    results.set(m, { r, s, ...(cache ? { cache } : {}) });
    return holds;
  };
  let lo = 0;
  let hi = 1;
  while (hi < n && !attempt(hi)) {
    lo = hi;
    hi = Math.min(n, 2 * hi);
  }
  if (hi >= n && !results.has(n)) attempt(n);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (attempt(mid)) hi = mid;
    else lo = mid;
  }
  const best = results.get(hi)!;
  return { ...best.r, ...(best.cache ? { cache: best.cache } : {}), stats: best.s, trials, maxExceed, holds: best.s.exceedUpper <= maxExceed };
}
