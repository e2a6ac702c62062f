/**
 * The coreset error over a query sample, with certified per-query bounds,
 * and its statistics (`def:query-distribution`, `lem:query-sample-bound`).
 * @module
 */
import { coresetError } from '../fast/coreset-error.js';
import { coresetErrorBound, evaluationProfile, gamma } from '../fast/float-error.js';
import { InputError } from '../errors.js';
import { queryStats, type QuerySample, type QueryStats } from '../stats/query-stats.js';
import { validateCache } from '../cache.js';
import { isCache } from '../fast/support.js';
import type { Cache, Compressed, Instance } from '../types.js';
import { normalizeCoreset, validateInstance, validateQuery, type NormalizedCoreset } from '../validate.js';

/**
 * Computes err_w(q_r) in binary64 for every query row, and for each a
 * certified upper bound on the exact error, (êrr_r + coresetErrorBound_r)
 * rounded up (`def:coreset-error`, `lem:float-error`; for a cache with its
 * own norms, `lem:cache-float-error`).
 * @lemma def:query-distribution
 * @lemma lem:float-error
 * @lemma lem:cache-float-error
 */
export function querySampleErrors(inst: Instance, c: NormalizedCoreset | Cache, Q: Float64Array, scale: number): QuerySample {
  const d = inst.d;
  const rows = Q.length / d;
  const errors = new Float64Array(rows);
  const uppers = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const q = Q.subarray(r * d, (r + 1) * d);
    const e = coresetError(inst, q, c, { scale });
    const b = coresetErrorBound(evaluationProfile(inst, q, null, { scale }), evaluationProfile(inst, q, c, { scale }));
    errors[r] = e;
    uppers[r] = (e + b) * (1 + gamma(2));
  }
  return { errors, uppers };
}

/** Options of {@link verifyQueryStats}. */
export interface QueryStatsOptions {
  /** Error threshold ε > 0 of the exceedance count. */
  readonly eps: number;
  /** Confidence 1 − δ of the bounds. @defaultValue 0.95 */
  readonly confidence?: number;
  /** Logit scale (a head's 1/√d_h). @defaultValue 1 */
  readonly scale?: number;
}

/**
 * Computes the statistics of `coreset`'s (a subset's or a cache's) error on a held-out query sample
 * and the `lem:query-sample-bound` bounds for the distribution it was drawn
 * from (valid when the rows are i.i.d. draws, see `def:query-distribution`).
 *
 * Special cases: no query rows, a row of the wrong length or a non-finite
 * entry is an {@link InputError}.
 * @lemma def:query-distribution
 * @lemma lem:query-sample-bound
 * @example
 * ```ts
 * import { seededRng, sphereInstance, uniformCoreset, verifyQueryStats } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const rng = seededRng(2);
 * const Q = Float64Array.from({ length: 100 * 4 }, () => rng.normal()); // 100 queries, row-major
 * const s = verifyQueryStats(inst, uniformCoreset(inst, 16), Q, { eps: 0.1, confidence: 0.95 });
 * // exceedUpper: a one-sided Clopper–Pearson bound on P(err > ε) for queries like these
 * console.log(s.n, s.exceeding, s.max, s.p99, s.exceedUpper);
 * ```
 */
export function verifyQueryStats(inst: Instance, coreset: Compressed, queries: Float64Array, options: QueryStatsOptions): QueryStats {
  validateInstance(inst);
  const { eps } = options;
  if (!(eps > 0) || !Number.isFinite(eps)) throw new InputError('parameter', 'eps', `must be a finite number > 0, got ${eps}`);
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new InputError('parameter', 'confidence', `must be in (0, 1), got ${confidence}`);
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale)) throw new InputError('parameter', 'scale', `must be finite, got ${scale}`);
  if (!(queries instanceof Float64Array)) throw new InputError('format', 'queries', 'must be a Float64Array');
  if (queries.length === 0 || queries.length % inst.d !== 0) throw new InputError('shape', 'queries', `has ${queries.length} entries: need a positive multiple of d = ${inst.d}`);
  for (let r = 0; r < queries.length / inst.d; r++) validateQuery(queries.subarray(r * inst.d, (r + 1) * inst.d), inst.d, `queries row ${r}`);
  let c: NormalizedCoreset | Cache;
  if (isCache(coreset)) {
    validateCache(coreset, inst.d, inst.dv);
    c = coreset;
  } else {
    c = normalizeCoreset(coreset, inst.n);
  }
  return queryStats(querySampleErrors(inst, c, queries, scale), eps, confidence);
}
