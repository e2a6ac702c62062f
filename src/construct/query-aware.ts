/**
 * Query-aware building: a weighted subset fitted to a sample of the model's
 * own queries, with a ball regularizer (`def:query-distribution`,
 * `lem:query-fit-residual`).
 * @module
 */
import { InputError } from '../errors.js';
import type { Coreset, Instance } from '../types.js';
import { validateInstance, validatePositive, validateQuery } from '../validate.js';
import { solveNonNegativeQuadratic } from './refit.js';
import { createRng } from './rng.js';
import { queryFitSystem, restrictSystem, valueScale, type FitQueries } from './query-fit.js';

/** Options of {@link buildForQueries}. */
export interface QueryBuildOptions {
  /** Fit queries (rows × d, row-major), in the head's own units. */
  readonly queries: Float64Array;
  /** Number of distinct rows to keep, 1 ≤ size. */
  readonly size: number;
  /** Radius of the ball regularizer's queries (same units as `queries`). */
  readonly rho: number;
  /** Logit scale s (a head's 1/√d_h). @defaultValue 1 */
  readonly scale?: number;
  /**
   * Weight μ of the ball regularizer relative to the query sample: its
   * queries (random directions and ρ·k_i/‖k_i‖, radius ρ) together weigh μ
   * times the sample. 0 turns it off.
   * @defaultValue 0.1
   */
  readonly regularization?: number;
  /** Weight λ of the mass residual against the value residual. @defaultValue 1 */
  readonly lambda?: number;
  /** @defaultValue 0 */
  readonly seed?: number;
}

/** Result of {@link buildForQueries}. */
export interface QueryBuildResult {
  /** Weights on the full-set scale (w = 1 everywhere is the full set). */
  readonly coreset: Coreset;
  readonly size: number;
  /** The fit objective Σ residual² at the end (`lem:query-fit-residual`). */
  readonly objective: number;
}

/** NNLS sweeps after each greedy step and at the end. */
const STEP_SWEEPS = 30;
const FINAL_SWEEPS = 300;

function ballQueries(inst: Instance, rho: number, count: number, seed: number): Float64Array {
  const { n, d, K } = inst;
  const rng = createRng(seed ^ 0x51ed);
  const Q = new Float64Array(count * d);
  for (let r = 0; r < count; r++) {
    const q = Q.subarray(r * d, (r + 1) * d);
    // Even rows: a uniformly random direction; odd rows: a random key's direction (where a sup often sits).
    const i = r % 2 === 1 ? rng.int(n) : -1;
    for (let j = 0; j < d; j++) q[j] = i < 0 ? rng.gauss() : K[i * d + j];
    let s = 0;
    for (let j = 0; j < d; j++) s += q[j] * q[j];
    const f = s > 0 ? rho / Math.sqrt(s) : 0;
    for (let j = 0; j < d; j++) q[j] *= f;
  }
  return Q;
}

/**
 * Checks the options of {@link buildForQueries} against the instance and
 * returns the number of fit query rows.
 * @lemma def:query-distribution
 */
export function checkQueryOptions(inst: Instance, o: QueryBuildOptions): number {
  const { d } = inst;
  if (!(o.queries instanceof Float64Array) || o.queries.length === 0 || o.queries.length % d !== 0) {
    throw new InputError('shape', 'queries', `must be a non-empty Float64Array of rows of length d = ${d}`);
  }
  const rows = o.queries.length / d;
  for (let r = 0; r < rows; r++) validateQuery(o.queries.subarray(r * d, (r + 1) * d), d, `queries row ${r}`);
  if (!Number.isInteger(o.size) || o.size < 1) throw new InputError('parameter', 'size', `must be an integer ≥ 1, got ${o.size}`);
  validatePositive(o.rho, 'rho');
  if (o.scale !== undefined && !Number.isFinite(o.scale)) throw new InputError('parameter', 'scale', `must be finite, got ${o.scale}`);
  const mu = o.regularization ?? 0.1;
  if (!(mu >= 0) || !Number.isFinite(mu)) throw new InputError('parameter', 'regularization', `must be a finite number ≥ 0, got ${mu}`);
  if (o.lambda !== undefined) validatePositive(o.lambda, 'lambda');
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new InputError('parameter', 'seed', `must be an integer, got ${o.seed}`);
  return rows;
}

/**
 * Computes a weighted subset of `size` rows that minimises the attention
 * error on a query sample: the least-squares residuals of
 * `lem:query-fit-residual` summed over the sample (weight 1/rows each) and
 * over the ball regularizer's queries (total weight μ).
 *
 * Method: greedy matching pursuit on the normal equations (add the row
 * whose column most decreases the objective, i.e. the most negative
 * gradient entry), non-negative least squares on the kept rows after each
 * step (coordinate descent, `lem:refit-monotone`), a final longer NNLS.
 *
 * Special cases: size ≥ n returns the full set with unit weights.
 * @lemma def:query-distribution
 * @lemma lem:query-fit-residual
 * @lemma lem:refit-monotone
 * @example
 * ```ts
 * import { buildForQueries, seededRng, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const rng = seededRng(5);
 * const queries = (rows: number) => Float64Array.from({ length: rows * 4 }, () => rng.normal());
 * const r = buildForQueries(inst, { queries: queries(64), size: 12, rho: 2 }); // fitted to the model's own queries
 * console.log(r.size, r.objective);
 * ```
 */
export function buildForQueries(inst: Instance, options: QueryBuildOptions): QueryBuildResult {
  validateInstance(inst);
  checkQueryOptions(inst, options);
  const { n } = inst;
  if (options.size >= n) {
    return { coreset: { indices: Uint32Array.from({ length: n }, (_, i) => i), weights: new Float64Array(n).fill(1) }, size: n, objective: 0 };
  }
  const { G, b } = queryFitSystem(inst, fitQuerySet(inst, options), options.scale ?? 1, options.lambda ?? 1, valueScale(inst));
  return greedyNonNegative(G, b, n, options.size);
}

/**
 * Computes the weighted query set the fit is over: the sample's rows at
 * 1/rows each, then min(2·rows, max(n, rows)) ball regularizer rows at
 * μ/count each (none when μ = 0); the options are assumed checked.
 * @lemma lem:query-fit-residual
 */
export function fitQuerySet(inst: Instance, options: QueryBuildOptions): FitQueries {
  const rows = options.queries.length / inst.d;
  const mu = options.regularization ?? 0.1;
  const reg = mu > 0 ? Math.min(2 * rows, Math.max(inst.n, rows)) : 0;
  const Qreg = ballQueries(inst, options.rho, reg, options.seed ?? 0);
  const Q = new Float64Array(options.queries.length + Qreg.length);
  Q.set(options.queries, 0);
  Q.set(Qreg, options.queries.length);
  const weights = new Float64Array(rows + reg);
  weights.fill(1 / rows, 0, rows);
  if (reg > 0) weights.fill(mu / reg, rows);
  return { Q, weights };
}

/**
 * Greedy matching pursuit with NNLS refits on f(w) = wᵀGw − 2bᵀw over
 * w ≥ 0 with at most `size` non-zeros.
 * @lemma lem:refit-monotone
 */
export function greedyNonNegative(G: Float64Array, b: Float64Array, n: number, size: number): QueryBuildResult {
  const chosen: number[] = [];
  const inSet = new Uint8Array(n);
  let w: Float64Array = new Float64Array(0);
  const grad = Float64Array.from(b, (x) => -x); // Gw − b at w = 0
  for (let step = 0; step < size; step++) {
    let best = -1;
    let gain = 0;
    for (let i = 0; i < n; i++) {
      const gii = G[i * n + i];
      // Exact decrease of f from adding row i alone at its optimal step: grad_i²/G_ii when grad_i < 0.
      if (inSet[i] || !(gii > 0) || !(grad[i] < 0)) continue;
      const g = (grad[i] * grad[i]) / gii;
      if (g > gain) {
        gain = g;
        best = i;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    inSet[best] = 1;
    w = refit(G, b, n, chosen, w, STEP_SWEEPS);
    gradient(G, b, n, chosen, w, grad);
  }
  w = refit(G, b, n, chosen, w, FINAL_SWEEPS);
  const keep = chosen.map((i, k) => [i, w[k]] as const).filter(([, x]) => x > 0).sort((x, y) => x[0] - y[0]);
  gradient(G, b, n, chosen, w, grad);
  let objective = 0;
  chosen.forEach((i, k) => (objective += w[k] * (grad[i] - b[i])));
  return { coreset: { indices: Uint32Array.from(keep, ([i]) => i), weights: Float64Array.from(keep, ([, x]) => x) }, size: keep.length, objective };
}

function refit(G: Float64Array, b: Float64Array, n: number, chosen: number[], start: Float64Array, sweeps: number): Float64Array {
  const k = chosen.length;
  const { G: Gs, b: bs } = restrictSystem(G, b, n, chosen);
  const w = new Float64Array(k);
  w.set(start.subarray(0, Math.min(start.length, k)));
  return solveNonNegativeQuadratic(Gs, bs, w, sweeps).weights;
}

function gradient(G: Float64Array, b: Float64Array, n: number, chosen: number[], w: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = -b[i];
    for (let k = 0; k < chosen.length; k++) s += G[i * n + chosen[k]] * w[k];
    out[i] = s;
  }
}
