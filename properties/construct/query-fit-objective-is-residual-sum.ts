/**
 * Property: the query-fit normal equations give the residual sum of lem:query-fit-residual.
 * @module
 */
import fc from 'fast-check';
import { queryFitSystem } from '../../src/construct/query-fit.js';
import { attention } from '../../src/fast/attention.js';
import { gamma } from '../../src/fast/float-error.js';
import { logPartition } from '../../src/fast/partition.js';
import type { Coreset, Instance } from '../../src/types.js';
import { buildInstance } from './build-instance.js';

/**
 * Rounding depth of either side: p_i carries ≤ n + 8 roundings (logits,
 * shift, exp, sum, divide), a G entry's product p_ip_j(⟨·,·⟩ + λ²) ≤ 2(n + 8) +
 * dv + 4, and the sums over queries, i and j add rows + n² more; the direct
 * side's A_w, Z_w ratio and norms are of the same depth. γ of this count
 * times the sums of absolute terms bounds each side's error (Higham,
 * Lemma 3.3 style accumulation), hence their difference by twice that.
 */
const depth = (n: number, dv: number, rows: number): number => n * n + 2 * (n + 8) + dv + rows + 40;

/**
 * Generates the property of `lem:query-fit-residual`: for a random instance,
 * weighted queries, weights w ≥ 0 and λ, wᵀGw − 2bᵀw + λ²Σω from
 * `queryFitSystem` equals Σ_r ω_r(‖r_N‖²/R² + λ²r_Z²) with r_Z = Z_w/Z_1 − 1
 * and r_N = (1 + r_Z)(A_w − A_1) from the library's attention and log-partition,
 * within γ_depth times the sums of absolute terms; and at w = 1 the objective
 * is 0 within the same allowance.
 * @lemma lem:query-fit-residual
 */
export function queryFitObjectiveIsResidualSum(): fc.IPropertyWithHooks<[[Instance, number[], number[], number, number]]> {
  const arb = buildInstance({ maxN: 10, maxD: 4 }).chain((inst) =>
    fc.tuple(
      fc.constant(inst),
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: inst.d * 3, maxLength: inst.d * 3 }),
      fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: inst.n, maxLength: inst.n }),
      fc.double({ min: 0.5, max: 2, noNaN: true }),
      fc.double({ min: 0.25, max: 3, noNaN: true }),
    ),
  );
  return fc.property(arb, ([inst, qs, ws, lambda, R]) => {
    const { n, d, dv } = inst;
    const Q = Float64Array.from(qs);
    const rows = Q.length / d;
    const omega = Float64Array.from({ length: rows }, (_, r) => 1 / (r + 1));
    const { G, b } = queryFitSystem(inst, { Q, weights: omega }, 1, lambda, R);
    const check = (w: Float64Array): void => {
      let fs = 0;
      let abs = 0;
      for (let i = 0; i < n; i++) {
        fs -= 2 * b[i] * w[i];
        abs += 2 * Math.abs(b[i] * w[i]);
        for (let j = 0; j < n; j++) {
          fs += w[i] * G[i * n + j] * w[j];
          abs += Math.abs(w[i] * G[i * n + j] * w[j]);
        }
      }
      let fd = 0;
      let absd = 0;
      const indices = Uint32Array.from({ length: n }, (_, i) => i);
      const c: Coreset = { indices, weights: w };
      const positive = w.some((x) => x > 0);
      for (let r = 0; r < rows; r++) {
        const q = Q.subarray(r * d, (r + 1) * d);
        fs += lambda * lambda * omega[r];
        abs += lambda * lambda * omega[r];
        const rz = positive ? Math.exp(logPartition(inst, q, c) - logPartition(inst, q)) - 1 : -1;
        const A1 = attention(inst, q);
        let rn2 = 0;
        if (positive) {
          const Aw = attention(inst, q, c);
          for (let k = 0; k < dv; k++) rn2 += ((1 + rz) * (Aw[k] - A1[k])) ** 2;
        }
        fd += omega[r] * (rn2 / (R * R) + lambda * lambda * rz * rz);
        absd += omega[r] * (rn2 / (R * R) + lambda * lambda * (1 + rz) ** 2 + lambda * lambda);
      }
      const tol = gamma(depth(n, dv, rows)) * (abs + absd);
      if (!(Math.abs(fs - fd) <= tol)) throw new Error(`n=${n} d=${d}: normal equations give ${fs}, residual sum ${fd}, |Δ| ${Math.abs(fs - fd)} > ${tol}`);
    };
    check(Float64Array.from(ws));
    check(new Float64Array(n).fill(1));
  });
}
