/**
 * Options and results of the builders.
 * @module
 */
import type { Coreset } from '../types.js';
import type { SupRefineOptions } from './sup-refine.js';

/** Construction method (DESIGN §4). */
export type BuildMethod = 'halving' | 'uniform' | 'sensitivity';

/** The methods, in documentation order. */
export const BUILD_METHODS: readonly BuildMethod[] = ['halving', 'uniform', 'sensitivity'];

/** Options of `buildCoreset` (fixed size). */
export interface SizedBuildOptions {
  /** Query radius ρ > 0 (`def:query-ball`). */
  readonly rho: number;
  /** Target size m ≥ 1 (distinct rows; m ≥ n returns the full set). */
  readonly size: number;
  /** @defaultValue 'halving' */
  readonly method?: BuildMethod;
  /** @defaultValue 0 */
  readonly seed?: number;
  /** Kernel scale s of 'halving'; @defaultValue `defaultKernelScale(rho)` */
  readonly kernelScale?: number;
  /**
   * 'halving' only: options of the sup-aware refinement (`lem:sup-refinement`),
   * or false to skip it. @defaultValue `{}` (its defaults)
   */
  readonly refine?: Omit<SupRefineOptions, 'rho'> | false;
}

/** What every builder returns. */
export interface BuildResult {
  /**
   * Mass-calibrated weighted set (`def:mass-error`): Σ_j w_j e^{⟨q,k_j⟩}
   * estimates Z_1(q), so the weights sum to about n.
   */
  readonly coreset: Coreset;
  readonly method: BuildMethod;
  /** Distinct rows with positive weight. */
  readonly size: number;
  readonly rho: number;
  readonly seed: number;
  /** 'halving' only: kernel scale s of κ_s. */
  readonly kernelScale?: number;
  /**
   * 'halving' only: the halving term Σ_r 2^{r−1}/n·Σ_b‖ψ_{r,b}‖ of
   * `lem:halving-accounting` (0 when no round ran before the refit target).
   */
  readonly halvingBound?: number;
  readonly seconds: number;
}
