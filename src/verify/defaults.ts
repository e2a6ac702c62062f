/**
 * Defaults of the verifier, each with the reason for its value.
 * @module
 */

/**
 * Default falsifier budget (evaluations) for an instance: about 2.5·10⁹
 * multiply-adds of evaluation, i.e. 2.5e9 / (n·(d + dv)), kept in
 * [256, 4096]. On the benchmark machine that is ≈ 3.3 s at n = 65,536,
 * d = dv = 64 (298 evaluations), and 4096 evaluations on iso4096, fewer
 * than the peers' protocol (4096 + 1024 + 32·200). See bench/RESULTS.md.
 * @lemma def:coreset-error
 */
export function defaultBudget(n: number, d: number, dv: number): number {
  return Math.max(256, Math.min(4096, Math.floor(2.5e9 / (n * (d + dv)))));
}

/**
 * Default branch-and-bound node limit: a node costs four O(n·(r + dv))
 * evaluations (both attentions and Jacobians), so 10⁹/(n·(r + dv))
 * nodes keep it to a few seconds; clamped to [100, 200000]. The upper bound
 * stays valid when the limit stops the search, only less tight.
 * @lemma lem:branch-and-bound
 */
export function defaultNodes(n: number, rank: number, dv: number): number {
  return Math.max(100, Math.min(200_000, Math.floor(1e9 / (n * (rank + dv)))));
}

/**
 * Above this n·(d + dv) the reference (decimal.js, ≥ 40 digits; about 2 s
 * at 4096·128 on the benchmark machine, linear in n·(d + dv)) recomputes the
 * witness only when a `fail` is possible, i.e. when the binary64 error plus
 * its `lem:float-error` bound exceeds ε. Otherwise the reported lower bound
 * is the binary64 error minus that bound, which is just as rigorous.
 */
export const REFERENCE_ALWAYS_LIMIT = 4096 * 128;

/** Significant digits of the reference recomputation of a witness. */
export const REFERENCE_DIGITS = 40;
