/**
 * `buildCoreset`: a weighted coreset of a given size by any method.
 * @module
 */
import { InputError } from '../errors.js';
import type { Coreset, Instance } from '../types.js';
import { validateInstance, validatePositive } from '../validate.js';
import { sensitivityCoreset, uniformCoreset } from './baselines.js';
import { defaultKernelScale, halvingPipeline } from './pipeline.js';
import { BUILD_METHODS, type BuildResult, type SizedBuildOptions } from './types.js';

/**
 * Checks the options shared by every builder; throws {@link InputError}.
 * @lemma def:query-ball
 * @internal
 */
export function checkBuildOptions(o: { rho: number; method?: string; seed?: number }): void {
  validatePositive(o.rho, 'rho');
  if (o.method !== undefined && !(BUILD_METHODS as readonly string[]).includes(o.method)) {
    throw new InputError('parameter', 'method', `must be one of ${BUILD_METHODS.join(', ')}, got ${JSON.stringify(o.method)}`);
  }
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new InputError('parameter', 'seed', `must be an integer, got ${o.seed}`);
}

/**
 * Computes a mass-calibrated weighted coreset of `size` distinct rows
 * (`def:weighted-set`, `def:mass-error`): weights sum to about n, so
 * Σ_j w_j e^{⟨q,k_j⟩} tracks Z_1(q).
 *
 * Method: 'halving' (default) — blocked kernel halving by the self-balancing
 * walk in κ_s, greedy selection and a non-negative RKHS refit
 * (`lem:halving-accounting`, `lem:refit-monotone`), then the sup-aware
 * refinement against falsified queries (`lem:sup-refinement`); 'uniform' and
 * 'sensitivity' — the sampling baselines.
 *
 * Special cases: size ≥ n returns the full set with unit weights (error 0).
 *
 * @example
 * ```ts
 * import { buildCoreset, coresetError, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const { coreset, size, method } = buildCoreset(inst, { rho: 1, size: 16 }); // kernel halving + refit
 * const uniform = buildCoreset(inst, { rho: 1, size: 16, method: 'uniform', seed: 3 });
 * const q = new Float64Array([1, 0, 0, 0]);
 * console.log(size, method, coresetError(inst, q, coreset), coresetError(inst, q, uniform.coreset));
 * ```
 * @lemma def:weighted-set
 * @lemma lem:halving-accounting
 * @lemma lem:refit-monotone
 * @lemma lem:sup-refinement
 */
export function buildCoreset(inst: Instance, options: SizedBuildOptions): BuildResult {
  const t0 = performance.now();
  validateInstance(inst);
  checkBuildOptions(options);
  const { rho, size } = options;
  if (!Number.isInteger(size) || size < 1) throw new InputError('parameter', 'size', `must be an integer ≥ 1, got ${size}`);
  if (options.kernelScale !== undefined) validatePositive(options.kernelScale, 'kernelScale');
  const method = options.method ?? 'halving';
  const seed = options.seed ?? 0;
  const done = (coreset: Coreset, extra: Partial<BuildResult> = {}): BuildResult => ({
    coreset,
    method,
    size: coreset.indices.length,
    rho,
    seed,
    ...extra,
    seconds: (performance.now() - t0) / 1000,
  });
  if (size >= inst.n || method === 'uniform') return done(uniformCoreset(inst, size, seed));
  if (method === 'sensitivity') return done(sensitivityCoreset(inst, size, rho, seed));
  const kernelScale = options.kernelScale ?? defaultKernelScale(rho);
  const r = halvingPipeline(inst, size, { rho, seed, kernelScale, ...(options.refine !== undefined ? { refine: options.refine } : {}) });
  return done(massCalibrated(r.rows, r.weights, inst.n), { kernelScale, halvingBound: r.halvingBound });
}

/**
 * Keeps positive weights, sorted by row, scaled so that Σ w = n: then
 * Z_w(0) = Z_1(0) exactly (mass calibration, `def:mass-error`), and A_w is
 * unchanged by the common factor (`lem:shift-invariance`).
 * @lemma def:mass-error
 * @lemma lem:shift-invariance
 */
export function massCalibrated(rows: Uint32Array, w: Float64Array, n: number): Coreset {
  const keep: number[] = [];
  let total = 0;
  for (let j = 0; j < rows.length; j++) {
    if (w[j] > 0) {
      keep.push(j);
      total += w[j];
    }
  }
  if (keep.length === 0) return { indices: rows.slice(0, 1), weights: Float64Array.of(n) };
  const order = keep.sort((a, b) => rows[a] - rows[b]);
  return { indices: Uint32Array.from(order, (j) => rows[j]), weights: Float64Array.from(order, (j) => (w[j] / total) * n) };
}
