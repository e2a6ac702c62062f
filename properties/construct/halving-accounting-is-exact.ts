/**
 * Property: the halving rounds' accounting bounds the proxy's discrepancy.
 * @module
 */
import fc from 'fast-check';
import { halve } from '../../src/construct/halving.js';
import { kernelEntry, type KernelParams } from '../../src/construct/kernel.js';
import { prepareTarget } from '../../src/construct/pipeline.js';
import { createRng } from '../../src/construct/rng.js';
import { gamma } from '../../src/fast/float-error.js';
import type { Instance } from '../../src/types.js';
import { describeCase, requireAtMost, requireThat, requireWithin } from '../internal/violation.js';
import { buildInstance, type BuildInstanceConstraints } from './build-instance.js';

/** ‖Σ_a c_a Φ(x_{r_a})‖² by direct kernel sums, and Σ|terms| for the tolerance. */
function normSq(inst: Instance, rows: ArrayLike<number>, c: ArrayLike<number>, p: KernelParams): { value: number; abs: number } {
  let value = 0;
  let abs = 0;
  for (let a = 0; a < rows.length; a++) {
    for (let b = 0; b < rows.length; b++) {
      const t = c[a] * c[b] * kernelEntry(inst, rows[a], rows[b], p);
      value += t;
      abs += Math.abs(t);
    }
  }
  return { value, abs };
}

/**
 * Generates the property of `lem:halving-accounting`: (1) one `halve` call's
 * reported ‖ψ‖² equals ‖Σ_kept Φ − Σ_dropped Φ‖² computed from scratch; (2)
 * after `prepareTarget` with a small cap, T's weights are positive with sum
 * 1 and ‖μ_full − μ_T‖ ≤ halvingBound, with μ_full − μ_T computed from
 * scratch. Tolerances: n²·γ_{n²+d+dv+4} times the sum of absolute terms (the
 * rounding of the direct double sums and of the kernel entries).
 * @lemma lem:halving-accounting
 */
export function halvingAccountingIsExact(c: BuildInstanceConstraints = {}) {
  return fc.property(
    buildInstance({ minN: 12, maxN: 48, ...c }),
    fc.double({ min: 0.25, max: 4, noNaN: true }),
    fc.constantFrom<'walk' | 'greedy'>('walk', 'greedy'),
    fc.integer({ min: 2, max: 8 }),
    fc.integer({ min: 0, max: 1000 }),
    (inst, s, mode, cap, seed) => {
      const kernel = { s, lambda: 0.1 };
      const input = () => describeCase(inst, undefined, undefined, `s=${s} mode=${mode} cap=${cap} seed=${seed}`);
      const rows = Uint32Array.from({ length: inst.n - (inst.n % 2) }, (_, i) => i);
      const h = halve(inst, rows, createRng(seed), { kernel, mode });
      const keptSet = new Set(h.kept);
      const sign = Array.from(rows, (r) => (keptSet.has(r) ? 1 : -1));
      const direct = normSq(inst, rows, sign, kernel);
      const tol = gamma(rows.length ** 2 + inst.d + inst.dv + 4) * direct.abs * 4;
      requireWithin('walk bookkeeping ‖ψ‖²', h.psiNormSq, direct.value, tol, input);

      const prep = prepareTarget(inst, { rho: 1, seed, kernelScale: s, lambda: 0.1, targetCap: cap, targetBlock: 6, mode });
      const T = prep.target;
      const total = T.weights.reduce((a, b) => a + b, 0);
      requireThat('T weights positive', T.weights.every((w) => w > 0), input);
      requireWithin('T weights sum to 1', total, 1, gamma(T.weights.length + 1), input);
      const all = [...Array.from({ length: inst.n }, (_, i) => i), ...T.rows];
      const coef = [...new Array<number>(inst.n).fill(1 / inst.n), ...Array.from(T.weights, (w) => -w)];
      const diff = normSq(inst, all, coef, kernel);
      const slack = gamma(all.length ** 2 + inst.d + inst.dv + 4) * diff.abs * 4;
      requireAtMost('‖μ_full − μ_T‖² ≤ halvingBound²', diff.value, prep.halvingBound ** 2 * (1 + gamma(4)) + slack, input);
    },
  );
}
