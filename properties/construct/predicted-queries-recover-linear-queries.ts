/**
 * Property: when every query is exactly linear in its row's key and value,
 * the query predictor recovers the other rows' queries up to the ridge's
 * shrinkage (def:predicted-queries).
 * @module
 */
import fc from 'fast-check';
import { predictQueries } from '../../src/construct/query-predict.js';
import { createRng } from '../../src/construct/rng.js';
import type { Instance } from '../../src/types.js';

/**
 * Rounding slack, relative to ‖W‖_F·‖x‖: the normal equations of a
 * p × p system (p ≤ 10) with condition ≤ p·10³ (the `MIN_EIGEN` floor below)
 * solved by Cholesky lose at most ≈ p²·cond·2⁻⁵³ ≈ 10⁻¹⁰ relative; 10⁻⁸ leaves
 * a factor 100 for the accumulation of XᵀX and XᵀQ.
 */
const ROUNDING_SLACK = 1e-8;
/** Lower bound t on σ_min(XᵀX) used by the bound, as a share of tr(XᵀX)/p; draws whose XᵀX − tI is not positive definite are skipped. */
const MIN_EIGEN = 1e-3;

/** Whether S − t·I (p × p, symmetric) is positive definite: Cholesky succeeds. */
function positiveDefinite(S: Float64Array, p: number, t: number): boolean {
  const L = Float64Array.from(S);
  for (let j = 0; j < p; j++) L[j * p + j] -= t;
  for (let j = 0; j < p; j++) {
    let s = L[j * p + j];
    for (let k = 0; k < j; k++) s -= L[j * p + k] ** 2;
    if (!(s > 0)) return false;
    const l = Math.sqrt(s);
    L[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let x = L[i * p + j];
      for (let k = 0; k < j; k++) x -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = x / l;
    }
  }
  return true;
}

/**
 * Generates the property of `def:predicted-queries`: Gaussian keys and
 * values, queries q_i = Wᵀ(k_i, v_i, 1) for a random W, a random set of fit
 * rows (at least 4p of them, p = d + dv + 1); the predictor's query for every
 * other row is within (λ/(t + λ))·‖W‖_F·‖x_i‖ (+ rounding) of the true one,
 * where λ = γ·tr(XᵀX)/p for the ridge γ it chose and t ≤ σ_min(XᵀX) (ridge
 * bias: Ŵ − W = −λ(XᵀX + λI)⁻¹W); and it predicts exactly the rows without
 * a fit query, in increasing order.
 * @lemma def:predicted-queries
 */
export function predictedQueriesRecoverLinearQueries() {
  const arb = fc.record({
    d: fc.integer({ min: 1, max: 5 }),
    dv: fc.integer({ min: 1, max: 4 }),
    extra: fc.integer({ min: 0, max: 40 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
  return fc.property(arb, ({ d, dv, extra, seed }) => {
    const p = d + dv + 1;
    const rng = createRng(seed);
    const N = Math.max(10, 4 * p) + extra;
    const n = N + 1 + rng.int(N);
    const inst: Instance = { n, d, dv, K: Float64Array.from({ length: n * d }, () => rng.gauss()), V: Float64Array.from({ length: n * dv }, () => rng.gauss()) };
    const W = Float64Array.from({ length: p * d }, () => rng.gauss());
    const x = (i: number) => [...inst.K.subarray(i * d, (i + 1) * d), ...inst.V.subarray(i * dv, (i + 1) * dv), 1];
    const truth = (i: number) => Array.from({ length: d }, (_, c) => x(i).reduce((s, xa, a) => s + xa * W[a * d + c], 0));
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const rows = perm.slice(0, N);
    const Q = new Float64Array(N * d);
    rows.forEach((i, r) => Q.set(truth(i), r * d));
    const S = new Float64Array(p * p);
    for (const i of rows) {
      const xi = x(i);
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) S[a * p + b] += xi[a] * xi[b];
    }
    let tr = 0;
    for (let a = 0; a < p; a++) tr += S[a * p + a];
    const t = (MIN_EIGEN * tr) / p;
    fc.pre(positiveDefinite(S, p, t));
    const r = predictQueries(inst, Q, rows);
    const others = perm.slice(N).sort((a, b) => a - b);
    if (r.rows.length !== others.length || others.some((i, k) => r.rows[k] !== i)) throw new Error('predicted rows are not the rows without a fit query, in order');
    const lambda = (r.ridge * tr) / p;
    const wNorm = Math.hypot(...W);
    others.forEach((i, k) => {
      const q = truth(i);
      const err = Math.hypot(...q.map((v, c) => r.queries[k * d + c] - v));
      const bound = (lambda / (t + lambda) + ROUNDING_SLACK) * wNorm * Math.hypot(...x(i));
      if (!(err <= bound)) throw new Error(`row ${i}: prediction error ${err} > bound ${bound} (ridge ${r.ridge})`);
    });
  });
}
