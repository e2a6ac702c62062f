/**
 * Value refit of a cache (`lem:value-refit`): keys and weights fixed, the
 * values V′ chosen by regularized least squares so that A_C matches A_1 on
 * sampled ball queries.
 * @module
 */
import { euclideanNorm } from '../fast/norm.js';
import { InputError } from '../errors.js';
import { attention } from '../fast/attention.js';
import { shiftedTerms } from '../fast/terms.js';
import type { Cache, Instance } from '../types.js';
import { createRng } from './rng.js';

/** Options of {@link refitValues}. */
export interface RefitValuesOptions {
  /** Query radius ρ of the sampled queries. */
  readonly rho: number;
  /**
   * Ridge weight λ ≥ 0 of (λ/m)·‖V′ − V₀‖²_F, pulling the values toward the
   * cache's own (the subset's values: λ → ∞ keeps them). @defaultValue 1e-3
   */
  readonly lambda?: number;
  /** Sampled queries N_q. @defaultValue max(512, 4m) */
  readonly queries?: number;
  /** Fit against these queries (rows × d) instead of sampled ones. */
  readonly given?: Float64Array;
  /**
   * With `given`: the weight ω_r ≥ 0 of each of its rows in the fit term
   * (e.g. a query sample at 1/N each plus ball regularizer rows at μ/N_b).
   * @defaultValue 1/N_q each
   */
  readonly givenWeights?: Float64Array;
  /** @defaultValue 0 */
  readonly seed?: number;
  /** Logit scale. @defaultValue 1 */
  readonly scale?: number;
}

/**
 * Samples N_q fitting queries: three quarters uniform on the sphere of
 * radius ρ, one quarter uniform in direction with radius ρ·√U, and the
 * directions ±k_i/‖k_i‖ of random instance keys (where attention is
 * concentrated), the same mix the falsifier starts from.
 */
function sampleQueries(inst: Instance, count: number, rho: number, seed: number): Float64Array {
  const { d, n, K } = inst;
  const rng = createRng(seed);
  const Q = new Float64Array(count * d);
  for (let r = 0; r < count; r++) {
    const row = Q.subarray(r * d, (r + 1) * d);
    if (r % 8 === 7) {
      const i = rng.int(n);
      for (let a = 0; a < d; a++) row[a] = (r % 16 === 7 ? -1 : 1) * K[i * d + a];
    } else {
      for (let a = 0; a < d; a++) row[a] = rng.gauss();
    }
    const norm = euclideanNorm(row);
    const radius = r % 4 === 3 ? rho * Math.sqrt(rng.next()) : rho;
    if (norm > 0) for (let a = 0; a < d; a++) row[a] *= radius / norm;
  }
  return Q;
}

/**
 * Solves S X = B in place for symmetric positive definite S (m × m), B m × k,
 * by Cholesky (the normal equations of `lem:value-refit`; also the query
 * predictor's, `def:predicted-queries`).
 * @lemma lem:value-refit
 */
export function choleskySolve(S: Float64Array, B: Float64Array, m: number, k: number): void {
  for (let j = 0; j < m; j++) {
    let s = S[j * m + j];
    for (let t = 0; t < j; t++) s -= S[j * m + t] ** 2;
    if (!(s > 0)) throw new InputError('parameter', 'lambda', 'the value refit system is singular; use a larger --lambda');
    const l = Math.sqrt(s);
    S[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let x = S[i * m + j];
      for (let t = 0; t < j; t++) x -= S[i * m + t] * S[j * m + t];
      S[i * m + j] = x / l;
    }
  }
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < m; i++) {
      let x = B[i * k + c];
      for (let t = 0; t < i; t++) x -= S[i * m + t] * B[t * k + c];
      B[i * k + c] = x / S[i * m + i];
    }
    for (let i = m - 1; i >= 0; i--) {
      let x = B[i * k + c];
      for (let t = i + 1; t < m; t++) x -= S[t * m + i] * B[t * k + c];
      B[i * k + c] = x / S[i * m + i];
    }
  }
}

function queryWeights(nq: number, w: Float64Array | undefined): Float64Array {
  if (w === undefined) return new Float64Array(nq).fill(1 / nq);
  if (w.length !== nq) throw new InputError('shape', 'givenWeights', `has ${w.length} entries for ${nq} fitting queries`);
  let total = 0;
  for (let r = 0; r < nq; r++) {
    if (!(w[r] >= 0) || !Number.isFinite(w[r])) throw new InputError('parameter', `givenWeights[${r}]`, `must be a finite number ≥ 0, got ${w[r]}`);
    total += w[r];
  }
  if (!(total > 0)) throw new InputError('zero-weights', 'givenWeights', 'are all 0; at least one must be positive');
  return w;
}

/**
 * Computes the cache with the same keys and weights and values V′ minimising
 * $$J(V') = \sum_q \omega_q \lVert A_1(q) - P(q)V'\rVert^2 + \frac{\lambda}{m}\lVert V' - V_0\rVert_F^2,$$
 * ω_q = 1/N_q unless `givenWeights` are given, P_j(q) = w′_j e^{s⟨q,k′_j⟩}/Z_C(q) the cache's softmax (fixed: it does
 * not depend on V′), over sampled ball queries or `given` ones
 * (`lem:value-refit`).
 *
 * Method: the normal equations (PᵀΩP + (λ/m)I)V′ = PᵀΩA + (λ/m)V₀,
 * solved by Cholesky; O(N_q·m·(m + d + dv) + m³).
 *
 * Special cases: λ = 0 with a rank-deficient P is an {@link InputError}.
 * @lemma lem:value-refit
 * @example
 * ```ts
 * import { cacheOfCoreset, refitValues, sphereInstance, uniformCoreset } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const cache = cacheOfCoreset(inst, uniformCoreset(inst, 12));
 * const refit = refitValues(inst, cache, { rho: 1, seed: 1 }); // same keys and weights, values by ridge least squares
 * console.log(refit.m);
 * ```
 */
export function refitValues(inst: Instance, cache: Cache, options: RefitValuesOptions): Cache {
  const { m, dv } = cache;
  const lambda = options.lambda ?? 1e-3;
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new InputError('parameter', 'lambda', `must be a finite number ≥ 0, got ${lambda}`);
  const scale = options.scale ?? 1;
  const Q = options.given ?? sampleQueries(inst, options.queries ?? Math.max(512, 4 * m), options.rho, options.seed ?? 0);
  const nq = Q.length / inst.d;
  if (options.givenWeights !== undefined && options.given === undefined) throw new InputError('usage', 'givenWeights', 'apply only with given queries');
  const om = queryWeights(nq, options.givenWeights);
  const S = new Float64Array(m * m);
  const B = new Float64Array(m * dv);
  for (let r = 0; r < nq; r++) {
    const q = Q.subarray(r * inst.d, (r + 1) * inst.d);
    const { t, sum } = shiftedTerms(inst, q, cache, { scale });
    const a = attention(inst, q, null, { scale });
    for (let j = 0; j < m; j++) {
      const pj = t[j] / sum;
      if (pj === 0) continue;
      for (let l = 0; l <= j; l++) S[j * m + l] += (om[r] * pj * t[l]) / sum;
      for (let c = 0; c < dv; c++) B[j * dv + c] += om[r] * pj * a[c];
    }
  }
  const reg = lambda / m;
  for (let j = 0; j < m; j++) {
    S[j * m + j] += reg;
    for (let l = 0; l < j; l++) S[l * m + j] = S[j * m + l];
    for (let c = 0; c < dv; c++) B[j * dv + c] += reg * cache.V[j * dv + c];
  }
  choleskySolve(S, B, m, dv);
  return { ...cache, V: B };
}

/**
 * Computes J(V′) of {@link refitValues} for a cache's current values, on
 * the given fitting queries (rows × d, weights ω_q, default 1/N_q) with
 * reference values V₀.
 * @lemma lem:value-refit
 */
export function valueRefitObjective(inst: Instance, cache: Cache, V0: Float64Array, Q: Float64Array, lambda: number, scale = 1, weights?: Float64Array): number {
  const nq = Q.length / inst.d;
  const om = queryWeights(nq, weights);
  let fit = 0;
  for (let r = 0; r < nq; r++) {
    const q = Q.subarray(r * inst.d, (r + 1) * inst.d);
    const a = attention(inst, q, null, { scale });
    const b = attention(inst, q, cache, { scale });
    for (let c = 0; c < cache.dv; c++) fit += om[r] * (a[c] - b[c]) ** 2;
  }
  let reg = 0;
  for (let t = 0; t < V0.length; t++) reg += (cache.V[t] - V0[t]) ** 2;
  return fit + (lambda / cache.m) * reg;
}
