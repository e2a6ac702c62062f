/**
 * The baselines behind the builder interface: uniform sampling and
 * sensitivity (importance) sampling, both mass-calibrated.
 * @module
 */
import type { Coreset, Instance } from '../types.js';
import { createRng, samplePermutation } from './rng.js';

/**
 * Computes a uniform random subset of `size` distinct rows with weight n/size
 * each, the unbiased estimator of Z_1(q) and N_1(q) (`def:mass-error`).
 *
 * Special cases: size ≥ n returns every row with weight 1.
 * @lemma def:weighted-set
 * @lemma prop:uniform-weights-fail
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
 * @lemma def:mass-error
 */
export function sensitivityProbabilities(inst: Instance, rho: number): Float64Array {
  const { n, d, K } = inst;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mean[a] += K[i * d + a] / n;
  const logit = new Float64Array(n);
  let mx = -Infinity;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += (K[i * d + a] - mean[a]) ** 2;
    logit[i] = rho * Math.sqrt(s);
    mx = Math.max(mx, logit[i]);
  }
  let z = 0;
  for (let i = 0; i < n; i++) z += Math.exp(logit[i] - mx);
  return logit.map((l) => 0.5 / n + (0.5 * Math.exp(l - mx)) / z);
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
 */
export function sensitivityCoreset(inst: Instance, size: number, rho: number, seed = 0): Coreset {
  const n = inst.n;
  if (size >= n) return uniformCoreset(inst, size, seed);
  const p = sensitivityProbabilities(inst, rho);
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) cdf[i] = acc += p[i];
  const rng = createRng(seed);
  const count = new Map<number, number>();
  let draws = 0;
  while (count.size < size) {
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
