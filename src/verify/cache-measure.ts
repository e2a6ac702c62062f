/**
 * The signed measure of a compressed cache over the union of rows
 * (`lem:cache-moment-certificate`): +1/n on the instance's rows, −ŵ′_j on the
 * cache's own, so the moment certificate reads it as it reads a subset's.
 * @module
 */
import { gamma, UNIT_ROUNDOFF } from '../fast/float-error.js';
import { jensenLogLowerBound, powerOfTwoScaled } from '../fast/partition-bounds.js';
import { unionRows } from '../fast/union.js';
import type { Cache, Instance } from '../types.js';
import { maxRowNormSquared, subsetCoefficients, type SignedMeasure } from './measure.js';

/**
 * Computes the signed measure μ = (1/n)·Σ δ_{instance rows} − Σ ŵ′_j δ_{cache rows}
 * on the n + m union rows (`lem:cache-error-identity`), with the rounding
 * bounds δ of `subsetCoefficients`, R_A over the instance's values
 * (A_1 is a convex combination of them), the Jensen bounds of
 * `lem:cache-partition-bounds` for Z_Ĉ (the cache's own rows) and Z_1, and
 * the reference coefficients 1/n on the instance rows (0 on the cache's).
 * With `center`, BOTH sets' keys are recentred at the cache's weighted mean
 * key (every logit of both sides moves by ⟨q, m⟩, `lem:shift-invariance`),
 * and `additive` carries the rounding of that shift as in `subsetMeasure`,
 * with R_v over both sets.
 * @lemma lem:cache-moment-certificate
 * @lemma lem:cache-error-identity
 * @lemma lem:cache-partition-bounds
 */
export function cacheMeasure(inst: Instance, cache: Cache, rho: number, scale = 1, center = false): SignedMeasure {
  const { n, d, dv } = inst;
  const { rows: U } = unionRows(inst, cache);
  const N = U.n;
  let K = U.K;
  let additive = 0;
  if (center) {
    const mean = new Float64Array(d);
    const wts = powerOfTwoScaled(cache.weights);
    let W = 0;
    for (let j = 0; j < cache.m; j++) W += wts[j];
    for (let j = 0; j < cache.m; j++) for (let a = 0; a < d; a++) mean[a] += (wts[j] / W) * cache.K[j * d + a];
    K = new Float64Array(N * d);
    for (let x = 0; x < N; x++) for (let a = 0; a < d; a++) K[x * d + a] = U.K[x * d + a] - mean[a];
    // Logit defect λ of the rounded shift, on both sides; each side's attention moves by ≤ R_v(e^{2ρ_sλ} − 1).
    const lambda = UNIT_ROUNDOFF * Math.sqrt(maxRowNormSquared(K, N, d)) * (1 + gamma(4));
    const rv = Math.sqrt(maxRowNormSquared(U.V, N, dv)) * (1 + gamma(2));
    const x = 2 * Math.abs(scale) * rho * lambda * (1 + gamma(3));
    additive = x <= 0.5 ? 2 * rv * x * (1 + 2 * x) * (1 + gamma(4)) : Infinity;
  }
  const shiftedInst: Instance = { n, d, dv, K: K.subarray(0, n * d), V: inst.V };
  const shiftedCache: Cache = { m: cache.m, d, dv, K: K.subarray(n * d), V: cache.V, weights: cache.weights };
  const { c, delta } = subsetCoefficients(N, cache, n);
  const opt = { scale };
  const refCoeff = new Float64Array(N);
  refCoeff.fill(1 / n, 0, n);
  return {
    rows: N,
    d,
    dv,
    K,
    V: U.V,
    c,
    delta,
    refValueRadius: Math.sqrt(maxRowNormSquared(inst.V, n, dv)) * (1 + gamma(2)),
    logZDenLower: jensenLogLowerBound(shiftedInst, shiftedCache, rho, opt),
    logZRefLower: jensenLogLowerBound(shiftedInst, null, rho, opt),
    additive,
    refCoeff,
    refDelta: UNIT_ROUNDOFF / n,
  };
}
