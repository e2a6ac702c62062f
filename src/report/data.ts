/**
 * The numbers behind the report's plots: the verdict, the error along the
 * witness ray, the falsified error per radius, the per-query errors and the
 * size–error curves of the builder and the baselines.
 * @module
 */
import { paperSizeScale } from '../bounds.js';
import { coresetError } from '../fast/coreset-error.js';
import { isCache } from '../fast/support.js';
import { euclideanNorm } from '../fast/norm.js';
import type { QueryStats } from '../stats/query-stats.js';
import type { Cache, Compressed, Instance } from '../types.js';
import { normalizeCoreset, type NormalizedCoreset } from '../validate.js';
import { makePair } from '../verify/batch.js';
import { falsify } from '../verify/falsify.js';
import { querySampleErrors, verifyQueryStats } from '../verify/query-sample.js';
import type { VerifyResult } from '../verify/types.js';
import { verify } from '../verify/verify.js';
import { sizeSweep, sweepSizes, type SweepOptions, type SweepSeries } from './sweep.js';

/** The falsifier budget per point of the ρ and size curves: small, so a report takes seconds; a lower bound at any budget. */
export const REPORT_BUDGET = 256;
/** Points on the witness ray, t ∈ [0, ρ]. */
const RAY_POINTS = 41;
/** The ρ grid: ρ·k/8 for k = 1 … 10, i.e. up to 1.25ρ. */
const RHO_STEPS = 8;
const RHO_BEYOND = 10;

/** Inputs of {@link reportData}: those of `verify`. */
export interface ReportInput {
  readonly inst: Instance;
  readonly compressed: Compressed;
  /** Rows the compressed side keeps (distinct indices, or cache rows). */
  readonly size: number;
  readonly rho: number;
  readonly eps: number;
  /** @defaultValue 1 */
  readonly scale?: number;
  /** @defaultValue 0 */
  readonly seed?: number;
  readonly budget?: number;
  readonly queries?: Float64Array;
  /** @defaultValue 'queries' with queries, else 'ball' */
  readonly scope?: 'ball' | 'queries';
  /** @defaultValue 0.95 */
  readonly confidence?: number;
  /** The verdict of these inputs when already computed (as by the demo's build); else `verify()` runs. */
  readonly verdict?: VerifyResult;
  /** The size sweep; @defaultValue `{ sizes: sweepSizes(n, size) }` */
  readonly sweep?: SweepOptions;
}

/** Everything the report draws. */
export interface ReportData {
  readonly input: ReportInput;
  readonly verdict: VerifyResult;
  /** [t, err(t·q* / ‖q*‖)] for t ∈ [0, ρ]. */
  readonly ray: ReadonlyArray<readonly [number, number]>;
  /** [ρ′, largest error found in B_ρ′]. */
  readonly byRadius: ReadonlyArray<readonly [number, number]>;
  readonly queries?: { readonly errors: Float64Array; readonly stats: QueryStats };
  /** Size against falsified error: the builder and the baselines. */
  readonly sweep: readonly SweepSeries[];
  /** The input's own falsified error over B_ρ, comparable with the curves. */
  readonly given: number;
  /** √d·e^{sρ}/ε (s the logit scale: the radius of the unscaled ball). */
  readonly sizeScale: number;
}

const checked = (inst: Instance, c: Compressed): NormalizedCoreset | Cache => (isCache(c) ? c : normalizeCoreset(c, inst.n));

/**
 * Computes the falsifier's lower bound on E_ρ(w) = sup over B_ρ of err_w
 * (`def:eps-coreset`, `def:coreset-error`) with a budget of
 * {@link REPORT_BUDGET} evaluations: the largest binary64 error found.
 * @lemma def:eps-coreset
 * @lemma def:coreset-error
 */
export function falsifiedError(inst: Instance, c: Compressed, rho: number, scale: number, seed: number): number {
  const k = checked(inst, c);
  return falsify(makePair(inst, k, scale), { rho, budget: REPORT_BUDGET, seed, coreRows: isCache(k) ? null : k.indices }).error;
}

/**
 * Computes err_w(t·q/‖q‖) (`def:coreset-error`) at evenly spaced t ∈ [0, ρ];
 * a zero q is replaced by the first axis.
 * @lemma def:coreset-error
 */
export function rayErrors(inst: Instance, c: Compressed, q: Float64Array, rho: number, scale: number): Array<[number, number]> {
  const norm = euclideanNorm(q);
  const u = norm > 0 ? q.map((x) => x / norm) : Float64Array.from({ length: inst.d }, (_, a) => (a === 0 ? 1 : 0));
  return Array.from({ length: RAY_POINTS }, (_, k) => {
    const t = (rho * k) / (RAY_POINTS - 1);
    return [t, coresetError(inst, u.map((x) => x * t), c, { scale })];
  });
}

/**
 * Computes the report's data: `verify()` with the given options, the error
 * along the witness ray, the falsified error on a grid of radii up to 1.25ρ,
 * with queries their errors and `verifyQueryStats` (`lem:query-sample-bound`),
 * and the falsified error of the builder and the baselines at a few sizes
 * ({@link sizeSweep}), with √d·e^{sρ}/ε (`thm:upper-bound`). Deterministic
 * for a seed.
 * @lemma def:eps-coreset
 * @lemma def:coreset-error
 * @lemma lem:query-sample-bound
 * @lemma thm:upper-bound
 */
export function reportData(input: ReportInput): ReportData {
  const { inst, compressed, rho, eps } = input;
  const scale = input.scale ?? 1;
  const seed = input.seed ?? 0;
  const scope = input.scope ?? (input.queries === undefined ? 'ball' : 'queries');
  const verdict = input.verdict ?? verify(inst, compressed, {
    rho,
    eps,
    seed,
    scope,
    scale,
    ...(input.budget !== undefined ? { budget: input.budget } : {}),
    ...(input.queries !== undefined ? { queries: input.queries } : {}),
  });
  const k = checked(inst, compressed);
  const ray = rayErrors(inst, compressed, verdict.witness, rho, scale);
  const byRadius = Array.from({ length: RHO_BEYOND }, (_, j): [number, number] => {
    const r = (rho * (j + 1)) / RHO_STEPS;
    return [r, falsifiedError(inst, compressed, r, scale, seed)];
  });
  const queries =
    input.queries === undefined
      ? undefined
      : {
          errors: querySampleErrors(inst, k, input.queries, scale).errors,
          stats: verifyQueryStats(inst, compressed, input.queries, { eps, scale, confidence: input.confidence ?? 0.95 }),
        };
  const errorOf = (c: Compressed): number => falsifiedError(inst, c, rho, scale, seed);
  // The builder takes the ball of the scaled logits: s·⟨q, k⟩ with ‖q‖ ≤ ρ is ⟨q′, k⟩ with ‖q′‖ ≤ sρ.
  const sweep = sizeSweep(inst, rho * scale, rho, scale, seed, input.sweep ?? { sizes: sweepSizes(inst.n, input.size) }, errorOf);
  return { input, verdict, ray, byRadius, ...(queries ? { queries } : {}), sweep, given: errorOf(compressed), sizeScale: paperSizeScale(inst.d, rho * scale, eps) };
}
