/**
 * The baselines behind the builder interface: uniform sampling and
 * sensitivity (importance) sampling, both mass-calibrated.
 * @module
 */
import { InternalError } from '../errors.js';
import type { Coreset, Instance } from '../types.js';
import { createRng, samplePermutation } from './rng.js';

/**
 * Computes a uniform random subset of `size` distinct rows with weight n/size
 * each, the unbiased estimator of Z_1(q) and N_1(q) (`def:mass-error`).
 *
 * Special cases: size ≥ n returns every row with weight 1.
 * @lemma def:weighted-set
 * @lemma prop:uniform-weights-fail
 * @example
 * ```ts
 * import { uniformCoreset, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const w = uniformCoreset(inst, 16, 7); // 16 distinct rows, seed 7, each weight n/m = 4
 * console.log(w.indices.length, w.weights[0]); // 16 4
 * ```
 */
export function uniformCoreset(inst: Instance, size: number, seed = 0): Coreset {
  const n = inst.n;
  if (size >= n) return { indices: Uint32Array.from({ length: n }, (_, i) => i), weights: new Float64Array(n).fill(1) };
  const rows = samplePermutation(createRng(seed), n, size);
  rows.sort();
  return { indices: rows, weights: new Float64Array(size).fill(n / size) };
}

/**
 * Computes sampling probabilities p_i ∝ ½/n + ½·e^{ρ‖k_i − k̄‖}/Σ_j e^{ρ‖k_j − k̄‖}:
 * a proxy of the sensitivity sup_q e^{⟨q,k_i⟩}/Z_1(q), which is largest for
 * keys far from the mean key k̄; the uniform half caps every weight 1/(m p_i)
 * at 2n/m.
 *
 * Method: max-shifted (`lem:shift-invariance`); when a distance or ρ·‖k_i − k̄‖
 * is not a finite double (keys beyond ≈ 1e154, or ρ near 1.8e308) the
 * distances are taken of the keys scaled by a power of two into [−¼, ¼] and
 * the shifted exponents ρ·(‖k_i − k̄‖ − max_j‖k_j − k̄‖) in log magnitude,
 * so every p_i is finite and ≥ ½/n.
 * @lemma def:mass-error
 * @lemma lem:shift-invariance
 */
export function sensitivityProbabilities(inst: Instance, rho: number): Float64Array {
  const { n } = inst;
  let dist = centredDistances(inst, 1);
  let logit = dist.map((x) => rho * x);
  let mx = logit.reduce((a, b) => Math.max(a, b), -Infinity);
  if (!Number.isFinite(mx)) {
    // Unit 2^{−e} with 2^e ≥ 4·max|k|: scaled distances are ≤ √d/2, exact up to subnormals.
    const big = inst.K.reduce((a, x) => Math.max(a, Math.abs(x)), 0);
    const e = big === 0 ? 0 : Math.ceil(Math.log2(big)) + 2;
    dist = centredDistances(inst, 2 ** -e);
    const dmax = dist.reduce((a, b) => Math.max(a, b), 0);
    // ρ·(δ_i − δmax)·2^e < 0 in log magnitude: overflow only ever goes to −∞ (weight 0).
    logit = dist.map((x) => (x === dmax ? 0 : -Math.exp(Math.log(rho) + Math.log(dmax - x) + e * Math.LN2)));
    mx = 0;
  }
  let z = 0;
  for (let i = 0; i < n; i++) z += Math.exp(logit[i] - mx);
  return logit.map((l) => 0.5 / n + (0.5 * Math.exp(l - mx)) / z);
}

/** ‖f·k_i − f·k̄‖ for every row (f a power of two). */
function centredDistances(inst: Instance, f: number): Float64Array {
  const { n, d, K } = inst;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mean[a] += (f * K[i * d + a]) / n;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += (f * K[i * d + a] - mean[a]) ** 2;
    dist[i] = Math.sqrt(s);
  }
  return dist;
}

/**
 * Draws allowed before giving up on `size` distinct rows: every p_i ≥ 1/(2n)
 * (the uniform half), so a given row is missed by D draws with probability
 * ≤ (1 − 1/(2n))^D ≤ e^{−D/(2n)}, and some row of n with probability
 * ≤ n·e^{−D/(2n)}. D = 2n·(ln n + 60) makes that ≤ e^{−60}: the loop ends,
 * and the cap is never reached in practice (the seed makes it deterministic).
 * @lemma def:weighted-set
 */
export function maxSensitivityDraws(n: number): number {
  return Math.ceil(2 * n * (Math.log(n) + 60));
}

/**
 * Computes an importance-sampled coreset: draws rows i.i.d. from
 * {@link sensitivityProbabilities} until `size` distinct rows are drawn (t
 * draws in all) and gives row i the Hansen–Hurwitz weight c_i/(t·p_i), c_i
 * its count, so Σ_j w_j e^{⟨q,k_j⟩} estimates Z_1(q) (`def:mass-error`).
 *
 * Special cases: size ≥ n returns every row with weight 1.
 * @lemma def:mass-error
 * @lemma def:weighted-set
 * @example
 * ```ts
 * import { sensitivityCoreset, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const w = sensitivityCoreset(inst, 16, 1, 7); // rows drawn by sensitivity at ρ = 1, seed 7
 * console.log(w.indices.length);
 * ```
 */
export function sensitivityCoreset(inst: Instance, size: number, rho: number, seed = 0): Coreset {
  const n = inst.n;
  if (size >= n) return uniformCoreset(inst, size, seed);
  const p = sensitivityProbabilities(inst, rho);
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) cdf[i] = acc += p[i];
  const rng = createRng(seed);
  if (!p.every((x) => Number.isFinite(x) && x > 0)) throw new InternalError('sensitivity probabilities are not all finite and positive');
  const count = new Map<number, number>();
  let draws = 0;
  const cap = maxSensitivityDraws(n);
  while (count.size < size) {
    if (draws >= cap) throw new InternalError(`sensitivity sampling drew ${draws} rows without ${size} distinct ones (probability ≤ e^-60)`);
    const u = rng.next() * acc;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    count.set(lo, (count.get(lo) ?? 0) + 1);
    draws++;
  }
  const indices = Uint32Array.from([...count.keys()].sort((a, b) => a - b));
  const weights = Float64Array.from(indices, (i) => (count.get(i) as number) / (draws * (p[i] / acc)));
  return { indices, weights };
}
