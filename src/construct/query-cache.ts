/**
 * The query-aware cache (`lem:query-cache-refit`): the query-aware subset,
 * then its values refitted by ridge least squares on the same weighted
 * query set, alternating with weight re-solves that are kept only when they
 * lower the fitted objective.
 * @module
 */
import { attention } from '../fast/attention.js';
import { logits } from '../fast/logits.js';
import { InputError } from '../errors.js';
import { cacheOfCoreset } from '../cache.js';
import type { Cache, Coreset, Instance } from '../types.js';
import { buildForQueries, checkQueryOptions, fitQuerySet, type QueryBuildOptions } from './query-aware.js';
import { valueScale, type FitQueries } from './query-fit.js';
import { refitValues, valueRefitObjective } from './refit-values.js';
import { solveNonNegativeQuadratic } from './refit.js';

/** Options of {@link buildCacheForQueries}. */
export interface QueryCacheOptions extends QueryBuildOptions {
  /** Ridge weight λ_V ≥ 0 of (λ_V/m)‖V′ − V₀‖²_F (`lem:value-refit`). @defaultValue 1e-3 */
  readonly valueLambda?: number;
  /** Weight re-solve / value refit rounds after the first refit. @defaultValue 3 */
  readonly alternations?: number;
}

/** Result of {@link buildCacheForQueries}. */
export interface QueryCacheResult {
  /** Kept keys, refitted values, weights (full-set scale). */
  readonly cache: Cache;
  /** The query-aware subset it started from. */
  readonly coreset: Coreset;
  /** Instance rows of the cache's rows, in order. */
  readonly indices: Uint32Array;
  readonly size: number;
  /** J of `lem:query-cache-refit` for the subset (V′ = V₀) and for the cache. */
  readonly subsetObjective: number;
  readonly objective: number;
}

const WEIGHT_SWEEPS = 300;

/**
 * Computes NNLS weights for fixed cache rows (instance rows `idx`, values
 * `V1`) on the residual objective of `lem:query-fit-residual` with the
 * full set's softmax p_{r,idx_j}.
 */
function resolveWeights(inst: Instance, idx: Uint32Array, V1: Float64Array, fit: FitQueries, scale: number, lambda: number, start: Float64Array): Float64Array {
  const { d, dv } = inst;
  const m = idx.length;
  const rows = fit.Q.length / d;
  const G = new Float64Array(m * m);
  const b = new Float64Array(m);
  const inv = 1 / valueScale(inst) ** 2;
  const l2 = lambda * lambda;
  const p = new Float64Array(m);
  const u = new Float64Array(m * dv);
  for (let r = 0; r < rows; r++) {
    const q = fit.Q.subarray(r * d, (r + 1) * d);
    const lg = logits(inst, q, { scale });
    let mx = -Infinity;
    for (const x of lg) mx = Math.max(mx, x);
    let z = 0;
    for (const x of lg) z += Math.exp(x - mx);
    const A = attention(inst, q, null, { scale });
    for (let j = 0; j < m; j++) {
      p[j] = Math.exp(lg[idx[j]] - mx) / z;
      for (let c = 0; c < dv; c++) u[j * dv + c] = V1[j * dv + c] - A[c];
    }
    const om = fit.weights[r];
    for (let j = 0; j < m; j++) {
      if (p[j] === 0) continue;
      b[j] += om * l2 * p[j];
      for (let l = 0; l < m; l++) {
        let s = 0;
        for (let c = 0; c < dv; c++) s += u[j * dv + c] * u[l * dv + c];
        G[j * m + l] += om * p[j] * p[l] * (s * inv + l2);
      }
    }
  }
  return solveNonNegativeQuadratic(G, b, Float64Array.from(start), WEIGHT_SWEEPS).weights;
}

/**
 * Computes a cache of `size` rows fitted to a query sample: the kept rows
 * and weights of {@link buildForQueries}, then values V′ minimising
 * $$J(V', w) = \sum_r\omega_r\lVert A_{\mathbf 1}(q_r) - A_C(q_r)\rVert^2 + \frac{\lambda_V}{m}\lVert V' - V_0\rVert_F^2$$
 * over the same weighted query set (sample at 1/N each, ball regularizer at
 * μ in total) by {@link refitValues}; then `alternations` rounds of NNLS
 * weights on the residual objective with the refitted values followed by a
 * value refit, each round kept only when it lowers J. So J(cache) ≤
 * J(subset) (`lem:query-cache-refit`); nothing is claimed off the fit set.
 *
 * Special cases: size ≥ n gives the full set (J = 0 is kept).
 * @lemma lem:query-cache-refit
 * @lemma lem:value-refit
 * @lemma lem:query-fit-residual
 * @example
 * ```ts
 * import { buildCacheForQueries, seededRng, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const rng = seededRng(5);
 * const queries = (rows: number) => Float64Array.from({ length: rows * 4 }, () => rng.normal());
 * const r = buildCacheForQueries(inst, { queries: queries(64), size: 12, rho: 2 }); // values refitted
 * console.log(r.cache.m, r.objective <= r.subsetObjective);
 * ```
 */
export function buildCacheForQueries(inst: Instance, options: QueryCacheOptions): QueryCacheResult {
  checkQueryOptions(inst, options);
  const valueLambda = options.valueLambda ?? 1e-3;
  if (!(valueLambda >= 0) || !Number.isFinite(valueLambda)) throw new InputError('parameter', 'valueLambda', `must be a finite number ≥ 0, got ${valueLambda}`);
  const alternations = options.alternations ?? 3;
  if (!Number.isInteger(alternations) || alternations < 0) throw new InputError('parameter', 'alternations', `must be an integer ≥ 0, got ${alternations}`);
  const scale = options.scale ?? 1;
  const sub = buildForQueries(inst, options);
  const subset = cacheOfCoreset(inst, sub.coreset);
  const V0 = subset.V;
  const fit = fitQuerySet(inst, options);
  const J = (c: Cache) => valueRefitObjective(inst, c, V0, fit.Q, valueLambda, scale, fit.weights);
  const refit = (c: Cache) => refitValues(inst, c, { rho: options.rho, lambda: valueLambda, given: fit.Q, givenWeights: fit.weights, scale });
  const subsetObjective = J(subset);
  let best = subset;
  let bestJ = subsetObjective;
  let cur = refit(subset);
  let curJ = J(cur);
  for (let round = 0; ; round++) {
    if (!(curJ <= bestJ)) break;
    best = cur;
    bestJ = curJ;
    if (round >= alternations) break;
    const w = resolveWeights(inst, sub.coreset.indices, best.V, fit, scale, options.lambda ?? 1, best.weights);
    if (!w.some((x) => x > 0)) break;
    cur = refit({ ...best, V: V0, weights: w });
    curJ = J(cur);
  }
  return { cache: best, coreset: sub.coreset, indices: sub.coreset.indices, size: best.m, subsetObjective, objective: bestJ };
}
