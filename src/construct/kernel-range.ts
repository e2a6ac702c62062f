/**
 * Where the builder's kernel e^{s⟨k_i,k_j⟩} stops being a double.
 * @module
 */
import { InputError } from '../errors.js';
import { euclideanNorm } from '../fast/norm.js';
import type { Instance } from '../types.js';

/**
 * Largest s·max‖k_i‖² the halving kernel accepts. Its entries reach
 * e^{s·R_k²}·(R_v² + λ) (Cauchy–Schwarz) and its sums add up to n of them:
 * ln(MAX_VALUE) ≈ 709.78, less ln 2^32 ≈ 22.2 for the rows, less 7 for
 * R_v² + λ ≤ e^7, leaves 680. Beyond it the walk would run on Infinity and
 * NaN and pick rows arbitrarily (issue 13: asked for 3 rows at ρ = 1.7e308,
 * it returned 1).
 */
export const MAX_KERNEL_EXPONENT = 680;

/**
 * Checks that the halving kernel at scale s is finite on this instance
 * (`lem:rkhs-certificate`'s kernel, `def:representable-output`).
 *
 * Error: an `InputError` naming ρ and s, pointing to the methods that work
 * at any scale ('uniform', 'sensitivity').
 * @lemma def:representable-output
 */
export function checkKernelRange(inst: Instance, s: number, rho: number): void {
  let rk = 0;
  for (let i = 0; i < inst.n; i++) rk = Math.max(rk, euclideanNorm(inst.K, i * inst.d, inst.d));
  const top = s * rk * rk;
  if (!(top <= MAX_KERNEL_EXPONENT)) {
    throw new InputError(
      'overflow',
      'rho',
      `the halving kernel e^{s⟨k,k'⟩} reaches e^{s·max‖k_i‖²} = e^{${s}·${rk}²} (s from ρ = ${rho}), beyond binary64 (exponent ≤ ${MAX_KERNEL_EXPONENT}); use --method sensitivity or uniform at this scale`,
    );
  }
}
