/**
 * Property: the sup-aware refinement never raises the max error over its
 * witness set and keeps the discrepancy within its budget.
 * @module
 */
import fc from 'fast-check';
import { massCalibrated } from '../../src/construct/build.js';
import { kernelEntry } from '../../src/construct/kernel.js';
import { prepareTarget, selectFromTarget } from '../../src/construct/pipeline.js';
import { supRefine } from '../../src/construct/sup-refine.js';
import { coresetError } from '../../src/fast/coreset-error.js';
import { coresetErrorBound, evaluationProfile, gamma } from '../../src/fast/float-error.js';
import type { Coreset, Instance } from '../../src/types.js';
import { describeCase, requireAtMost, requireThat } from '../internal/violation.js';
import { buildInstance, type BuildInstanceConstraints } from './build-instance.js';
import { directObjective } from './refit-never-increases-discrepancy.js';

/** max_q err(q) − 2·bound(q) and max_q err(q) + 2·bound(q) over the witnesses (`lem:float-error`). */
function witnessMax(inst: Instance, W: readonly Float64Array[], c: Coreset): { lo: number; hi: number } {
  let lo = -Infinity;
  let hi = -Infinity;
  for (const q of W) {
    const e = coresetError(inst, q, c);
    const b = coresetErrorBound(evaluationProfile(inst, q, null), evaluationProfile(inst, q, c));
    lo = Math.max(lo, e - 2 * b);
    hi = Math.max(hi, e + 2 * b);
  }
  return { lo, hi };
}

/**
 * Generates the property of `lem:sup-refinement` items 1–3: on a random
 * instance (n ≤ the target cap, so T is the instance with weights 1/n) and
 * size, after the greedy selection and swaps, `supRefine` returns at most m
 * positive weights; over its final witness set the max error of the output
 * (recomputed by `coresetError`) is at most the input's, allowing twice the
 * `lem:float-error` bound at each query (once for the stage's own
 * evaluation, once for the recomputation); and
 * D(μ_T, out)² ≤ D(μ_T, in)² + γL ≤ (1 + γ)D(μ_T, in)², with D² = ‖μ_T‖² + f
 * recomputed from kernel entries and an allowance of γ_k·Σ|terms|.
 * @lemma lem:sup-refinement
 */
export function supRefinementLowersWitnessMax(c: BuildInstanceConstraints = {}) {
  return fc.property(
    buildInstance({ minN: 12, maxN: 48, minD: 2, maxD: 4, ...c }),
    fc.double({ min: 0.5, max: 3, noNaN: true }),
    fc.integer({ min: 2, max: 6 }),
    fc.double({ min: 0, max: 2, noNaN: true }),
    fc.integer({ min: 0, max: 1000 }),
    (inst, rho, m, gammaBudget, seed) => {
      const prep = prepareTarget(inst, { rho, seed }, m);
      const h = selectFromTarget(inst, prep, m);
      const r = supRefine(inst, prep.target, h.pool, h.rows, h.weights, h.gram, h.mean, prep.kernel, { rho, seed, rounds: 2, budget: 48, keep: 6, gamma: gammaBudget, candidates: 4, near: 2 });
      const input = () => describeCase(inst, undefined, undefined, `ρ=${rho} m=${m} γ=${gammaBudget} seed=${seed}`);
      const positive = Array.from(r.weights).filter((x) => x > 0).length;
      requireThat('at most m positive weights', positive <= m && positive >= 1, input, `${positive} positive, m = ${m}`);
      const cin = massCalibrated(h.rows, h.weights, inst.n);
      const cout = massCalibrated(r.rows, r.weights, inst.n);
      const before = witnessMax(inst, r.witnesses, cin);
      const after = witnessMax(inst, r.witnesses, cout);
      requireAtMost('max over W of err(out) ≤ max over W of err(in)', after.lo, before.hi, input);
      const p = prep.kernel;
      let mu2 = 0;
      let mu2abs = 0;
      for (let i = 0; i < inst.n; i++) {
        for (let j = 0; j < inst.n; j++) {
          const t = kernelEntry(inst, i, j, p) / (inst.n * inst.n);
          mu2 += t;
          mu2abs += Math.abs(t);
        }
      }
      const fIn = directObjective(inst, h.rows, h.weights, p);
      const fOut = directObjective(inst, r.rows, r.weights, p);
      const allow = gamma(inst.n * inst.n + 4 * m * m + inst.d + inst.dv + 8) * 8 * (mu2abs + fIn.abs + fOut.abs);
      requireAtMost('D(out)² ≤ D(in)² + γL', fOut.f, fIn.f + r.allowance + allow, input);
      requireAtMost('γL ≤ γ·D(in)²', r.allowance, gammaBudget * (mu2 + fIn.f) + allow, input);
    },
  );
}
