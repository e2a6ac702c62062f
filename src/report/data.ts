/**
 * The numbers behind the report's plots: the verdict, the error along the
 * witness ray, the falsified error per radius, the per-query errors and the
 * size–error curves of the builder and the uniform baseline.
 * @module
 */
import { paperSizeScale } from '../bounds.js';
import { buildCoreset } from '../construct/build.js';
import { uniformCoreset } from '../construct/baselines.js';
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

/** The falsifier budget per point of the ρ and size curves: small, so a report takes seconds; a lower bound at any budget. */
export const REPORT_BUDGET = 256;
/** Points on the witness ray, t ∈ [0, ρ]. */
const RAY_POINTS = 41;
/** The ρ grid: ρ·k/8 for k = 1 … 10, i.e. up to 1.25ρ. */
const RHO_STEPS = 8;
const RHO_BEYOND = 10;
/** Sizes of the size–error curve: geometric from max(2, n/64) to n/2. */
const SIZE_POINTS = 6;

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
  readonly builder: ReadonlyArray<readonly [number, number]>;
  readonly uniform: ReadonlyArray<readonly [number, number]>;
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

/** The sizes of the size–error curve for n rows. */
function curveSizes(n: number): number[] {
  const lo = Math.max(2, n / 64);
  const hi = Math.max(lo, n / 2);
  const out = Array.from({ length: SIZE_POINTS }, (_, k) => Math.round(lo * (hi / lo) ** (k / (SIZE_POINTS - 1))));
  return [...new Set(out)].filter((m) => m >= 1 && m < n);
}

/**
 * Computes the report's data: `verify()` with the given options, the error
 * along the witness ray, the falsified error on a grid of radii up to 1.25ρ,
 * with queries their errors and `verifyQueryStats` (`lem:query-sample-bound`),
 * and the falsified error of the builder and of a uniform subset at a few
 * sizes, with √d·e^{sρ}/ε (`thm:upper-bound`). Deterministic for a seed.
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
  const verdict = verify(inst, compressed, {
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
  const builder: Array<[number, number]> = [];
  const uniform: Array<[number, number]> = [];
  for (const m of curveSizes(inst.n)) {
    // A build for the ball of the scaled logits: s·⟨q, k⟩ with ‖q‖ ≤ ρ is ⟨q′, k⟩ with ‖q′‖ ≤ sρ.
    builder.push([m, falsifiedError(inst, buildCoreset(inst, { rho: rho * scale, size: m, seed }).coreset, rho, scale, seed)]);
    uniform.push([m, falsifiedError(inst, uniformCoreset(inst, m, seed), rho, scale, seed)]);
  }
  return { input, verdict, ray, byRadius, ...(queries ? { queries } : {}), builder, uniform, given: falsifiedError(inst, compressed, rho, scale, seed), sizeScale: paperSizeScale(inst.d, rho * scale, eps) };
}
