/**
 * The report's size sweep: the falsified error of the builder and of the
 * baselines (uniform, sensitivity, merge, halving with refitted values,
 * KIVI quantization) against their memory, in float-row equivalents.
 * @module
 */
import { cacheOfCoreset } from '../cache.js';
import { sensitivityCoreset, uniformCoreset } from '../construct/baselines.js';
import { massCalibrated } from '../construct/build.js';
import { mergeCache } from '../construct/centroids.js';
import { prepareTarget, selectFromTarget } from '../construct/pipeline.js';
import { quantizeCache, quantizedBytes } from '../construct/quantize.js';
import { refitValues } from '../construct/refit-values.js';
import type { Compressed, Coreset, Instance } from '../types.js';

/** The methods of the sweep, in legend order. */
export type SweepMethod = 'builder' | 'uniform' | 'sensitivity' | 'merge' | 'refit' | 'quantize';

/** One point: memory and the falsified error (a lower bound on E_ρ). */
export interface SweepPoint {
  /** Rows of the compressed side (a quantized cache keeps all n). */
  readonly rows: number;
  /** Bytes, counted as bench/caches.bench.ts does (weights not counted). */
  readonly bytes: number;
  /** bytes / ((d + d_v)·8): the memory of this many binary64 rows. */
  readonly memoryRows: number;
  readonly error: number;
  /** What distinguishes the point within its series (e.g. '4-bit'). */
  readonly tag?: string;
}

/** One curve of the sweep. */
export interface SweepSeries {
  readonly method: SweepMethod;
  readonly label: string;
  readonly points: readonly SweepPoint[];
  /** Why some sizes are left out, if any were. */
  readonly omitted?: string;
}

/** Options of {@link sizeSweep}. */
export interface SweepOptions {
  /** Subset and cache sizes m (rows). */
  readonly sizes: readonly number[];
  /** Bit widths of the quantized caches. @defaultValue [2, 4, 8] */
  readonly bits?: readonly number[];
  /** KIVI group size. @defaultValue 32 */
  readonly group?: number;
  /**
   * The builder's points already measured (e.g. the ε-targeted search's
   * trials against the instance): [size, error]; when given the builder is
   * not run again.
   */
  readonly builder?: ReadonlyArray<readonly [number, number]>;
  /** Subsets whose values are refitted; @defaultValue the builder's prefixes at `sizes` */
  readonly refitFrom?: readonly Coreset[];
}

/**
 * Largest size the greedy builder and the value refit are run at: the
 * greedy's cost grows faster than m² (≈ 10 s at m = 512, n = 2048 on a
 * loaded 2-core machine), the refit's like m³ (Cholesky of an m × m system).
 */
export const SWEEP_MAX_ROWS = 512;
/** Largest k-means work n·M·d·iterations of a merged cache in the sweep (≈ 2 s). */
export const MERGE_MAX_WORK = 2 ** 31;
const MERGE_ITERATIONS = 10;

/**
 * Computes the sizes of a sweep around a size m₀ of n rows: about six
 * sizes geometric from max(2, ⌊m₀/4⌋) to min(n − 1, 4m₀), distinct, < n.
 * @lemma def:eps-coreset
 */
export function sweepSizes(n: number, m0: number): number[] {
  const lo = Math.max(2, Math.floor(m0 / 4));
  const hi = Math.max(lo, Math.min(n - 1, 4 * m0));
  const out = Array.from({ length: 6 }, (_, k) => Math.round(lo * (hi / lo) ** (k / 5)));
  return [...new Set(out)].filter((m) => m >= 1 && m < n);
}

/**
 * Computes the falsified error (by `errorOf`, a lower bound on E_ρ) of the
 * builder's greedy prefixes with their refitted weights (what the ε-targeted
 * search checks, `lem:refit-monotone`), a uniform subset, a sensitivity
 * sample, a merged cache (`lem:centroid-mass`), the halving subset with
 * values refitted (`lem:value-refit`) and b-bit KIVI caches
 * (`lem:quantization-error`), each with its memory: a kept row costs
 * (d + d_v)·8 bytes, a quantized cache {@link quantizedBytes}.
 *
 * `rho` is the radius of the unscaled logits (s·ρ for a logit scale s, as
 * the builder takes it); `refitRho` and `scale` are those of the value refit.
 * @lemma def:eps-coreset
 * @lemma lem:quantization-error
 * @lemma lem:centroid-mass
 * @lemma lem:value-refit
 */
export function sizeSweep(inst: Instance, rho: number, refitRho: number, scale: number, seed: number, o: SweepOptions, errorOf: (c: Compressed) => number): SweepSeries[] {
  const { n, d, dv } = inst;
  const rowBytes = (d + dv) * 8;
  const at = (m: number, error: number, tag?: string): SweepPoint => ({ rows: m, bytes: m * rowBytes, memoryRows: m, error, ...(tag ? { tag } : {}) });
  const sizes = [...new Set(o.sizes)].filter((m) => Number.isInteger(m) && m >= 1 && m < n).sort((a, b) => a - b);
  const small = sizes.filter((m) => m <= SWEEP_MAX_ROWS);
  const tooBig = sizes.length > small.length ? `sizes above ${SWEEP_MAX_ROWS} rows left out (cost)` : undefined;
  const series: SweepSeries[] = [];
  // One greedy run to the largest size serves every smaller one (its snapshots).
  const needGreedy = small.length > 0 && (o.builder === undefined || o.refitFrom === undefined);
  const run = needGreedy ? selectFromTarget(inst, prepareTarget(inst, { rho, seed, targetCap: 8192 }, small[small.length - 1]), small[small.length - 1], true) : undefined;
  const prefixes = run === undefined ? [] : small.filter((m) => m <= run.rows.length).map((m) => massCalibrated(run.rows.subarray(0, m), run.snapshots[m - 1], n));
  // A prefix whose refit zeroed some weights keeps fewer rows than m: plot the rows it keeps.
  const builder = o.builder !== undefined ? o.builder.map(([m, e]) => at(m, e)) : prefixes.map((c) => at(c.indices.length, errorOf(c)));
  series.push({ method: 'builder', label: 'builder (halving greedy prefixes, refitted weights)', points: builder, ...(o.builder === undefined && tooBig ? { omitted: tooBig } : {}) });
  series.push({ method: 'uniform', label: 'uniform subset (weights n/m)', points: sizes.map((m) => at(m, errorOf(uniformCoreset(inst, m, seed)))) });
  series.push({ method: 'sensitivity', label: 'sensitivity sample', points: sizes.map((m) => at(m, errorOf(sensitivityCoreset(inst, m, rho, seed)))) });
  const mergeable = sizes.filter((m) => n * m * d * MERGE_ITERATIONS <= MERGE_MAX_WORK);
  series.push({
    method: 'merge',
    label: 'merged cache (k-means centroids)',
    points: mergeable.map((m) => at(m, errorOf(mergeCache(inst, { size: m, seed, iterations: MERGE_ITERATIONS })))),
    ...(mergeable.length < sizes.length ? { omitted: 'sizes whose k-means would exceed the sweep budget left out (cost)' } : {}),
  });
  series.push({
    method: 'refit',
    label: 'halving + refitted values (cache)',
    points: (o.refitFrom ?? prefixes).map((c) => at(c.indices.length, errorOf(refitValues(inst, cacheOfCoreset(inst, c), { rho: refitRho, scale, seed })))),
    ...(o.refitFrom === undefined && tooBig ? { omitted: tooBig } : {}),
  });
  const group = o.group ?? 32;
  const bitWidths = [...(o.bits ?? [2, 4, 8])].sort((a, b) => a - b);
  series.push({
    method: 'quantize',
    label: `KIVI quantized cache, ${bitWidths.join('/')}-bit left to right (all ${n} rows, group ${group})`,
    points: bitWidths.map((bits) => {
      const bytes = quantizedBytes(n, d, dv, bits, group);
      return { rows: n, bytes, memoryRows: bytes / rowBytes, error: errorOf(quantizeCache(inst, { bits, group })), tag: `${bits}-bit` };
    }),
  });
  return series;
}
