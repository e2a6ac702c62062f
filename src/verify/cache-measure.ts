/**
 * The signed measure of a compressed cache over the union of rows
 * (`lem:cache-moment-certificate`): +1/n on the instance's rows, −ŵ′_j on the
 * cache's own, so the moment certificate reads it as it reads a subset's.
 * @module
 */
import { gamma, UNIT_ROUNDOFF } from '../fast/float-error.js';
import { jensenLogLowerBound } from '../fast/partition-bounds.js';
import { unionRows } from '../fast/union.js';
import type { Cache, Instance } from '../types.js';
import { maxRowNormSquared, meanKey, recentredKeys, subsetCoefficients, type SignedMeasure } from './measure.js';

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
    // BOTH sets' keys shift by the cache's mean key; R_v of the additive is over both sets.
    const shift = recentredKeys(U.K, N, d, meanKey(cache.K, d, null, cache.weights), U.V, dv, rho, scale);
    K = shift.K;
    additive = shift.additive;
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
