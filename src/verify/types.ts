/**
 * The verdict contract of `verify()` (DESIGN §3), shared by the verifier, the
 * builder's ε-targeted search, the CLI and the conformance harness.
 * @module
 */

/** `fail`: lower > ε (with a witness); `certified`: upper ≤ ε; else `not-refuted`. */
export type Verdict = 'fail' | 'certified' | 'not-refuted';

/** Options of `verify()`. */
export interface VerifyOptions {
  /** Query radius ρ > 0 (`def:query-ball`). */
  readonly rho: number;
  /** Target error ε > 0 (`def:eps-coreset`). */
  readonly eps: number;
  /**
   * Falsifier budget in attention evaluations (full + coreset pairs).
   * @defaultValue `defaultBudget(n, d, dv)` (src/verify/defaults.ts):
   * ≈ 2.5·10⁹/(n·(d + dv)), clamped to [256, 4096]
   */
  readonly budget?: number;
  /** @defaultValue 0 */
  readonly seed?: number;
  /** Extra starting queries (rows × d, row-major), each of norm ≤ ρ. */
  readonly queries?: Float64Array;
  /**
   * `'ball'` (default): sup over the whole ball B_ρ. `'queries'`: max over the
   * given `queries` only (no search, no certificate over the ball).
   * @defaultValue 'ball'
   */
  readonly scope?: 'ball' | 'queries';
  /** Logit scale, as in `AttentionOptions`. @defaultValue 1 */
  readonly scale?: number;
}

/** Which bound supplied `upper`. */
export type UpperMethod = 'branch-and-bound' | 'residual-branch-and-bound' | 'rkhs' | 'moment' | 'queries' | 'none';

/** How a witness's error is made exact: see `VerifyExtraOptions.witnessCheck`. */
export type WitnessCheck = 'auto' | 'reference' | 'float-bound';

/**
 * Which proof backs `lower`: the decimal reference (small instances), its
 * exact-logit fixed-point twin with a proven error bound (large instances,
 * `lem:exact-fixed-point-logits`), or binary64 minus its `lem:float-error` bound.
 */
export type WitnessProof = 'reference' | 'fixed-point' | 'float-bound';

/** What `verify()` returns: a sandwich lower ≤ E(w) ≤ upper. */
export interface VerifyResult {
  readonly verdict: Verdict;
  /** Largest error found at a concrete query (recomputed by the reference). */
  readonly lower: number;
  /** The query attaining `lower`, ‖witness‖ ≤ ρ checked exactly. */
  readonly witness: Float64Array;
  /** A certified upper bound on E(w) (may be `Infinity` when none applies). */
  readonly upper: number;
  /** Which methods produced lower and upper, e.g. ['falsifier', 'rkhs'] . */
  readonly methods: readonly string[];
  /** The bound that gave `upper` (the smallest of those computed). */
  readonly upperMethod?: UpperMethod;
  /** The proof behind `lower`. */
  readonly witnessProof?: WitnessProof;
  /** Attention evaluations spent. */
  readonly evaluations: number;
  readonly seconds: number;
  /** Number of repeated indices merged in the coreset (multiset semantics). */
  readonly repeatedIndices: number;
}
