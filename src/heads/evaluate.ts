/**
 * One head of a many-heads run: split its own queries, build query-aware on
 * the fit half, score on the held-out half (`lem:query-sample-bound`).
 * @module
 */
import { uniformCoreset } from '../construct/baselines.js';
import { buildForQueries } from '../construct/query-aware.js';
import { createRng } from '../construct/rng.js';
import { coresetError } from '../fast/coreset-error.js';
import { euclideanNorm, euclideanNormRelativeError } from '../fast/norm.js';
import { InputError } from '../errors.js';
import type { QueryStats } from '../stats/query-stats.js';
import type { Coreset, Instance } from '../types.js';
import { verifyQueryStats } from '../verify/query-sample.js';
import { readHeadSource, type HeadSource } from './sources.js';

/** Options of a many-heads run (the same for every head). */
export interface HeadRunOptions {
  /** Kept rows as a fraction of n (rounded, ≥ 1). */
  readonly fraction: number;
  /** ε of the held-out statistics. */
  readonly eps: number;
  /** @defaultValue 0.95 */
  readonly confidence?: number;
  /** Logit scale when the head has none of its own. @defaultValue 1 */
  readonly scale?: number;
  /** @defaultValue 0.1 */
  readonly regularization?: number;
  /** Seed of the split and the construction. @defaultValue 0 */
  readonly seed?: number;
}

/** One JSON line of a many-heads run. */
export type HeadReport =
  | {
      readonly head: string;
      readonly ok: true;
      readonly n: number;
      readonly d: number;
      readonly size: number;
      readonly scale: number;
      readonly fit: number;
      readonly heldOut: QueryStats;
      /** Held-out max and mean of a uniform random subset of the same size (seed as given). */
      readonly uniform: { readonly max: number; readonly mean: number };
    }
  | { readonly head: string; readonly ok: false; readonly error: string };

/** {@link fitHead}'s result: the report and what it was computed from. */
export interface HeadFit {
  readonly report: HeadReport & { readonly ok: true };
  /** The query-aware subset and the uniform one of the same size. */
  readonly coreset: Coreset;
  readonly uniform: Coreset;
  /** The held-out queries (rows × d). */
  readonly heldOut: Float64Array;
}

/**
 * Evaluates one head already in memory: a seeded random half of its queries
 * fits {@link buildForQueries} (ρ of the regularizer = the largest fit-query
 * norm), the other half gives the held-out statistics.
 * @lemma lem:query-sample-bound
 * @lemma lem:query-fit-residual
 */
export function evaluateHead(name: string, instance: Instance, queries: Float64Array, scale: number, o: HeadRunOptions): HeadReport {
  return fitHead(name, instance, queries, scale, o).report;
}

/**
 * Computes {@link evaluateHead}'s report together with the subsets and the
 * held-out queries behind it (for the report's per-head plots).
 * @lemma lem:query-sample-bound
 * @lemma lem:query-fit-residual
 */
export function fitHead(name: string, instance: Instance, queries: Float64Array, scale: number, o: HeadRunOptions): HeadFit {
  const { n, d } = instance;
  const rows = queries.length / d;
  if (rows < 2) throw new InputError('shape', `${name} queries`, `has ${rows} rows; a fit half and a held-out half need ≥ 2`);
  const rng = createRng(o.seed ?? 0);
  const perm = Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const pick = (idx: number[]): Float64Array => {
    const Q = new Float64Array(idx.length * d);
    idx.forEach((t, k) => Q.set(queries.subarray(t * d, (t + 1) * d), k * d));
    return Q;
  };
  const fit = pick(perm.slice(0, rows >> 1));
  const test = pick(perm.slice(rows >> 1));
  let rq = 0;
  // euclideanNorm, rounded up by its error bound: no argument spread of a d-long row.
  for (let r = 0; r < rows >> 1; r++) rq = Math.max(rq, euclideanNorm(fit, r * d, d) * (1 + euclideanNormRelativeError(d)));
  const size = Math.max(1, Math.round(o.fraction * n));
  const built = buildForQueries(instance, { queries: fit, size, rho: rq > 0 ? rq : 1, scale, regularization: o.regularization ?? 0.1, seed: o.seed ?? 0 });
  const heldOut = verifyQueryStats(instance, built.coreset, test, { eps: o.eps, confidence: o.confidence ?? 0.95, scale });
  const u = uniformCoreset(instance, size, o.seed ?? 0);
  let max = 0;
  let sum = 0;
  for (let r = 0; r < test.length / d; r++) {
    const e = coresetError(instance, test.subarray(r * d, (r + 1) * d), u, { scale });
    max = Math.max(max, e);
    sum += e;
  }
  return {
    report: { head: name, ok: true, n, d, size: built.size, scale, fit: rows >> 1, heldOut, uniform: { max, mean: sum / (test.length / d) } },
    coreset: built.coreset,
    uniform: u,
    heldOut: test,
  };
}

/**
 * Reads and evaluates one head; any failure (a file that does not parse, a
 * shape mismatch) becomes a report with `ok: false` and the message, so the
 * other heads still run.
 * @lemma lem:query-sample-bound
 */
export function runHead(h: HeadSource, o: HeadRunOptions): HeadReport {
  try {
    const { instance, queries } = readHeadSource(h);
    return evaluateHead(h.name, instance, queries, h.scale ?? o.scale ?? 1, o);
  } catch (e) {
    return { head: h.name, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
