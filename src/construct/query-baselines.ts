/**
 * Cache-eviction baselines that look at the model's own queries, at equal
 * memory (m kept rows), implemented from their papers:
 * - H2O: Z. Zhang et al., "H₂O: Heavy-Hitter Oracle for Efficient Generative
 *   Inference of Large Language Models", NeurIPS 2023 (arXiv:2306.14048):
 *   keep the rows with the largest accumulated attention ("heavy hitters")
 *   plus the most recent rows, evict the rest; kept rows keep weight 1.
 * - SnapKV: Y. Li et al., "SnapKV: LLM Knows What You are Looking for Before
 *   Generation", NeurIPS 2024 (arXiv:2404.14469): sum the attention of an
 *   observation window of the last queries over the keys, smooth it by 1-D
 *   pooling along positions, keep the top-scoring positions plus the
 *   window's own rows; weight 1.
 * Both score rows with the full set's softmax p_r (`lem:query-fit-residual`).
 * @module
 */
import { logits } from '../fast/logits.js';
import { InputError } from '../errors.js';
import type { Coreset, Instance } from '../types.js';
import { queryFitSystem, restrictSystem, valueScale } from './query-fit.js';
import { solveNonNegativeQuadratic } from './refit.js';

function softmaxRows(inst: Instance, Q: Float64Array, scale: number): Float64Array[] {
  const rows = Q.length / inst.d;
  return Array.from({ length: rows }, (_, r) => {
    const lg = logits(inst, Q.subarray(r * inst.d, (r + 1) * inst.d), { scale });
    let m = -Infinity;
    for (const x of lg) m = Math.max(m, x);
    let z = 0;
    for (let i = 0; i < lg.length; i++) z += lg[i] = Math.exp(lg[i] - m);
    for (let i = 0; i < lg.length; i++) lg[i] /= z;
    return lg;
  });
}

const unitWeights = (rows: number[]): Coreset => {
  const s = [...rows].sort((a, b) => a - b);
  return { indices: Uint32Array.from(s), weights: new Float64Array(s.length).fill(1) };
};

function topBy(score: Float64Array, k: number, exclude: Set<number>): number[] {
  return Array.from(score.keys())
    .filter((i) => !exclude.has(i))
    .sort((a, b) => score[b] - score[a] || a - b)
    .slice(0, k);
}

function checkSize(inst: Instance, size: number): void {
  if (!Number.isInteger(size) || size < 1) throw new InputError('parameter', 'size', `must be an integer ≥ 1, got ${size}`);
  if (size > inst.n) throw new InputError('parameter', 'size', `must be ≤ n = ${inst.n}, got ${size}`);
}

/**
 * Computes the accumulated attention a_i = Σ_r p_ri of each row over the fit
 * queries (H2O's heavy-hitter score).
 * @lemma def:query-distribution
 */
export function accumulatedAttention(inst: Instance, queries: Float64Array, scale = 1): Float64Array {
  const acc = new Float64Array(inst.n);
  for (const p of softmaxRows(inst, queries, scale)) for (let i = 0; i < inst.n; i++) acc[i] += p[i];
  return acc;
}

/**
 * Computes the H2O-style subset of `size` rows: the ⌈(1 − recent)·size⌉
 * heavy hitters by accumulated attention over the fit queries, then the
 * most recent (highest-index) rows not already kept; weights 1.
 * @lemma def:query-distribution
 */
export function h2oCoreset(inst: Instance, queries: Float64Array, size: number, options: { scale?: number; recent?: number } = {}): Coreset {
  checkSize(inst, size);
  const recent = options.recent ?? 0.5;
  if (!(recent >= 0 && recent <= 1)) throw new InputError('parameter', 'recent', `must be in [0, 1], got ${recent}`);
  const heavy = topBy(accumulatedAttention(inst, queries, options.scale ?? 1), Math.ceil((1 - recent) * size), new Set());
  const kept = new Set(heavy);
  for (let i = inst.n - 1; i >= 0 && kept.size < size; i--) kept.add(i);
  return unitWeights([...kept]);
}

/**
 * Computes the SnapKV-style subset of `size` rows: the window = the last w
 * fit queries (by their token positions `positions`, default row order),
 * their summed attention over all rows average-pooled with an odd kernel
 * along positions, the window's own rows kept, the rest filled by the
 * top pooled scores; weights 1.
 * @lemma def:query-distribution
 */
export function snapKvCoreset(
  inst: Instance,
  queries: Float64Array,
  size: number,
  options: { scale?: number; window?: number; kernel?: number; positions?: readonly number[] } = {},
): Coreset {
  checkSize(inst, size);
  const rows = queries.length / inst.d;
  const positions = options.positions ?? Array.from({ length: rows }, (_, r) => r);
  if (positions.length !== rows) throw new InputError('shape', 'positions', `has ${positions.length} entries for ${rows} queries`);
  const w = Math.min(options.window ?? Math.max(1, Math.floor(size / 4)), rows, size);
  const kernel = options.kernel ?? 5;
  if (!Number.isInteger(kernel) || kernel < 1 || kernel % 2 === 0) throw new InputError('parameter', 'kernel', `must be an odd integer ≥ 1, got ${kernel}`);
  const order = Array.from({ length: rows }, (_, r) => r).sort((a, b) => positions[b] - positions[a]);
  const windowRows = order.slice(0, w);
  const d = inst.d;
  const Qw = new Float64Array(w * d);
  windowRows.forEach((r, k) => Qw.set(queries.subarray(r * d, (r + 1) * d), k * d));
  const votes = accumulatedAttention(inst, Qw, options.scale ?? 1);
  const half = kernel >> 1;
  const pooled = new Float64Array(inst.n);
  for (let i = 0; i < inst.n; i++) {
    let s = 0;
    for (let t = i - half; t <= i + half; t++) if (t >= 0 && t < inst.n) s += votes[t];
    pooled[i] = s / kernel; // zero padding at the ends, as avg_pool1d with padding
  }
  const own = new Set(windowRows.map((r) => positions[r]).filter((p) => p >= 0 && p < inst.n));
  const fill = topBy(pooled, size - own.size, own);
  return unitWeights([...own, ...fill]);
}

/**
 * Computes query-fitted NNLS weights on a fixed set of rows (e.g. H2O's
 * heavy hitters): the minimiser of the `lem:query-fit-residual` objective
 * over w ≥ 0 supported on `rows`.
 * @lemma lem:query-fit-residual
 * @lemma lem:refit-monotone
 */
export function nnlsOnRows(inst: Instance, queries: Float64Array, rows: Uint32Array, options: { scale?: number; lambda?: number } = {}): Coreset {
  const n = inst.n;
  const fitRows = queries.length / inst.d;
  const { G, b } = queryFitSystem(inst, { Q: queries, weights: new Float64Array(fitRows).fill(1 / fitRows) }, options.scale ?? 1, options.lambda ?? 1, valueScale(inst));
  const k = rows.length;
  const { G: Gs, b: bs } = restrictSystem(G, b, n, rows);
  const w = solveNonNegativeQuadratic(Gs, bs, new Float64Array(k).fill(n / Math.max(k, 1)), 300).weights;
  const keep = Array.from(rows, (i, a) => [i, w[a]] as const).filter(([, x]) => x > 0);
  if (keep.length === 0) return { indices: Uint32Array.from(rows), weights: new Float64Array(k).fill(1) };
  return { indices: Uint32Array.from(keep, ([i]) => i), weights: Float64Array.from(keep, ([, x]) => x) };
}

