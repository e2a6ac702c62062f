/**
 * Property: the self-balancing walk never meets an inner product beyond its threshold.
 * @module
 */
import fc from 'fast-check';
import { halve } from '../../src/construct/halving.js';
import { createRng } from '../../src/construct/rng.js';
import { describeCase, requireAtMost } from '../internal/violation.js';
import { buildInstance, type BuildInstanceConstraints } from './build-instance.js';

/**
 * The walk's failure probability δ used here: `thm:self-balancing-walk` /
 * `thm:kernel-halving` bound the chance that some |⟨ψ_{i−1}, f_i⟩| exceeds
 * its threshold a_i by δ, so over the whole suite (a few hundred walks) the
 * chance of a spurious failure is below 10⁻⁶; a walk that does not balance
 * (e.g. with the sign of the step reversed) exceeds it within a few pairs.
 */
export const WALK_DELTA = 1e-9;

/**
 * Generates the checkable consequence of `thm:self-balancing-walk` for
 * `halve` in 'walk' mode: with the KT-SPLIT schedule at δ = {@link WALK_DELTA},
 * max_i |⟨ψ_{i−1}, f_i⟩|/a_i ≤ 1 (the walk never clips). In 'greedy' mode
 * the deterministic consequence: every step has η_i⟨ψ_{i−1}, f_i⟩ ≤ 0, so
 * ‖ψ‖² ≤ Σ_i ‖f_i‖², checked as psiNormSq ≤ Σ‖f_i‖² (+ rounding).
 * @lemma thm:self-balancing-walk
 * @lemma thm:kernel-halving
 */
export function walkStaysWithinThreshold(c: BuildInstanceConstraints = {}) {
  return fc.property(
    buildInstance({ minN: 16, maxN: 96, ...c }),
    fc.double({ min: 0.1, max: 4, noNaN: true }),
    fc.integer({ min: 0, max: 10000 }),
    (inst, s, seed) => {
      const kernel = { s };
      const rows = Uint32Array.from({ length: inst.n }, (_, i) => i);
      const input = () => describeCase(inst, undefined, undefined, `s=${s} seed=${seed}`);
      const walk = halve(inst, rows, createRng(seed), { kernel, delta: WALK_DELTA, mode: 'walk' });
      requireAtMost('max |⟨ψ, f⟩| / a', walk.maxRatio, 1, input);
      const greedy = halve(inst, rows, createRng(seed), { kernel, mode: 'greedy' });
      // Σ‖f_i‖² over pairs, each ≤ 2·max κ(x,x)·… computed directly.
      let sumF = 0;
      for (let t = 0; t + 1 < inst.n; t += 2) {
        const x = rows[t];
        const y = rows[t + 1];
        const k = (a: number, b: number): number => {
          let kk = 0;
          for (let j = 0; j < inst.d; j++) kk += inst.K[a * inst.d + j] * inst.K[b * inst.d + j];
          let vv = 0;
          for (let j = 0; j < inst.dv; j++) vv += inst.V[a * inst.dv + j] * inst.V[b * inst.dv + j];
          return Math.exp(s * kk) * (vv + 1);
        };
        sumF += Math.max(0, k(x, x) + k(y, y) - 2 * k(x, y));
      }
      requireAtMost('greedy ‖ψ‖² ≤ Σ‖f_i‖²', greedy.psiNormSq, sumF * (1 + 1e-9) + 1e-9, input);
    },
  );
}
