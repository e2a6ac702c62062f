/**
 * Starting queries of the falsifier: where a coreset's error is likely
 * large, plus random points so the search is not only where we looked.
 * @module
 */
import { crossDots } from '../fast/gemm.js';
import type { Pair } from './batch.js';
import type { Rng } from './rng.js';

/** What `structuredStarts` needs besides the pair. */
export interface StartContext {
  readonly pair: Pair;
  /** Instance rows of the coreset side, increasing (from normalizeCoreset); `null` for a cache, whose rows are its own (every instance row counts as dropped). */
  readonly coreRows: Uint32Array | null;
  readonly rho: number;
  readonly rng: Rng;
}

/** Scales row `r` of `X` (length d) to norm ρ; a zero row stays zero. */
function toSphere(X: Float64Array, r: number, d: number, rho: number): void {
  let s = 0;
  for (let a = 0; a < d; a++) s += X[r * d + a] ** 2;
  if (s === 0) return;
  const f = rho / Math.sqrt(s);
  for (let a = 0; a < d; a++) X[r * d + a] *= f;
}

/**
 * Computes `count` random queries: a quarter uniform inside B_ρ (radius
 * ρ·U^{1/2}, denser near the sphere than the centre), the rest uniform on the
 * sphere of radius ρ, where err_w usually peaks (`def:query-ball`).
 * @lemma def:query-ball
 */
export function randomStarts(d: number, rho: number, count: number, rng: Rng): Float64Array {
  const X = new Float64Array(count * d);
  for (let r = 0; r < count; r++) {
    for (let a = 0; a < d; a++) X[r * d + a] = rng.gaussian();
    toSphere(X, r, d, rho);
    if (r % 4 === 3) {
      const f = Math.sqrt(rng.next());
      for (let a = 0; a < d; a++) X[r * d + a] *= f;
    }
  }
  return X;
}

/**
 * Computes structured starts (at most `count`), each of norm ρ:
 * ±ρ·D/‖D‖ for the signed embedding difference D = Σ ĉ_i k_i (`lem:error-identity`);
 * ρ·k̂_i for the heaviest coreset keys (they stand in for many dropped
 * ones); and ρ·k̂_i for the dropped keys farthest from every coreset key
 * (largest 1 − max_j ⟨k̂_i, k̂_j⟩), which near q = ρk̂_i carry a share the
 * coreset cannot reproduce (`prop:orthonormal-floor` is the extreme case).
 * Dropped keys are ranked on a random sample of at most `probe` of them,
 * so the cost is O(probe·m·d) whatever n is.
 * @lemma lem:error-identity
 * @lemma prop:orthonormal-floor
 */
export function structuredStarts(ctx: StartContext, count: number, probe: number): Float64Array {
  const { pair, coreRows, rho, rng } = ctx;
  const { d, full, core } = pair;
  const n = full.m;
  const m = core.m;
  const out: number[][] = [];
  const push = (src: Float64Array, off: number, sign: number): void => {
    if (out.length >= count) return;
    const row = Array.from(src.subarray(off, off + d), (x) => sign * x);
    let s = 0;
    for (const x of row) s += x * x;
    if (s === 0) return;
    const f = rho / Math.sqrt(s);
    out.push(row.map((x) => x * f));
  };
  // Normalised weights ŵ and the discrepancy direction D = Σ ĉ_i k_i.
  let W = 0;
  for (let j = 0; j < m; j++) W += core.w === null ? 1 : core.w[j];
  const D = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) D[a] += full.K[i * d + a] / n;
  for (let j = 0; j < m; j++) {
    const wj = (core.w === null ? 1 : core.w[j]) / W;
    for (let a = 0; a < d; a++) D[a] -= wj * core.K[j * d + a];
  }
  push(D, 0, 1);
  push(D, 0, -1);
  // Heaviest coreset keys, and their antipodes (a heavy key's mass is wrong
  // where its neighbours were dropped, on either side).
  const heavy = Array.from({ length: m }, (_, j) => j).sort((a, b) => (core.w === null ? 0 : core.w[b] - core.w[a]));
  const nHeavy = Math.min(m, Math.ceil(count / 4));
  for (let t = 0; t < nHeavy; t++) push(core.K, heavy[t] * d, 1);
  // Isolated dropped keys.
  const norms = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += core.K[j * d + a] ** 2;
    norms[j] = Math.sqrt(s) || 1;
  }
  const isCore = new Uint8Array(n);
  if (coreRows !== null) for (const i of coreRows) isCore[i] = 1;
  const dropped = coreRows === null ? n : n - m;
  const sample: number[] = [];
  if (dropped > 0) {
    if (dropped <= probe) {
      for (let i = 0; i < n; i++) if (!isCore[i]) sample.push(i);
    } else {
      // Rejection sampling: at least half the rows are dropped here on
      // average draws, and a bounded number of tries keeps the cost fixed.
      for (let t = 0; t < probe * 4 && sample.length < probe; t++) {
        const i = rng.int(n);
        if (!isCore[i]) sample.push(i);
      }
    }
  }
  // The sample × coreset dot products by tiled products, 256 sample rows at
  // a time (each entry the same sum over a, in the same order, as a plain
  // dot product, so the ranking is unchanged).
  const scored: Array<{ i: number; best: number }> = [];
  const rowsPer = 256;
  const S = new Float64Array(Math.min(rowsPer, sample.length) * d);
  const dots = new Float64Array(Math.min(rowsPer, sample.length) * m);
  for (let t0 = 0; t0 < sample.length; t0 += rowsPer) {
    const part = sample.slice(t0, t0 + rowsPer);
    part.forEach((i, t) => S.set(full.K.subarray(i * d, (i + 1) * d), t * d));
    crossDots(S, 0, part.length, core.K, 0, m, d, dots, 0, m);
    part.forEach((i, t) => {
      let s = 0;
      for (let a = 0; a < d; a++) s += full.K[i * d + a] ** 2;
      const ni = Math.sqrt(s) || 1;
      let best = -Infinity;
      for (let j = 0; j < m; j++) best = Math.max(best, dots[t * m + j] / (ni * norms[j]));
      scored.push({ i, best });
    });
  }
  scored.sort((a, b) => a.best - b.best);
  for (const { i } of scored) push(full.K, i * d, 1);
  for (let t = nHeavy; t < m && out.length < count; t++) push(core.K, heavy[t] * d, -1);
  const X = new Float64Array(out.length * d);
  out.forEach((row, r) => X.set(row, r * d));
  return X;
}
