/**
 * Defaults of the verifier, each with the reason for its value.
 * @module
 */

/**
 * Default falsifier budget (evaluations) for an instance: about 2.5·10⁹
 * multiply-adds of evaluation, i.e. 2.5e9 / (n·(d + dv) + 16·d), kept in
 * [256, 4096]. On the benchmark machine that is ≈ 3.3 s at n = 65,536,
 * d = dv = 64 (298 evaluations), and 4096 evaluations on iso4096, fewer
 * than the peers' protocol (4096 + 1024 + 32·200). See bench/RESULTS.md.
 * The 16·d counts the climb's own passes over a query (step direction,
 * projection, norms, start generation), which dominate when n is tiny and
 * d huge: at n = 2, d = 50,000 the old 2.5e9/(n(d + dv)) gave 4096
 * evaluations and 16 s (one run on a loaded 2-core machine).
 * @lemma def:coreset-error
 */
export function defaultBudget(n: number, d: number, dv: number): number {
  return Math.max(256, Math.min(4096, Math.floor(2.5e9 / (n * (d + dv) + 16 * d))));
}

/**
 * Largest number of start entries (rows × d) the falsifier screens as one
 * matrix: 2^23 doubles = 64 MiB, held three times (structured, random, and
 * the screened matrix), so ≈ 192 MiB. Without a cap the default 0.4·budget
 * ≈ 1638 starts at d = 200,000 held 2.6 GB per copy (5.5 GB were measured);
 * with it, instances with d above 2^23/1638 ≈ 5,000 get fewer starts (never
 * fewer than 8) and the rest of the budget goes to the climbs, whose memory
 * is O(32·d).
 */
export const MAX_START_ENTRIES = 2 ** 23;

/**
 * Largest falsifier budget (evaluations) accepted: 2^20 ≈ 10⁶, 256× the
 * default's cap of 4096. The starts' memory no longer grows with it
 * ({@link MAX_START_ENTRIES}); the remaining per-start bookkeeping (a value
 * and an order entry, ≈ 24 bytes for each of ≤ 0.4·budget starts) stays
 * ≈ 10 MB, and the time ≈ 20 s on the smallest instances (4096 evaluations
 * took 0.07 s at n = 5, d = dv = 3; one run on a loaded machine), linear in
 * n·(d + dv) beyond. `1e15` used to exit 3 (an allocation RangeError) and
 * `1e9` to reach 4.9 GB.
 */
export const MAX_BUDGET = 2 ** 20;

/**
 * Default branch-and-bound node limit: a node costs four O(n·(r + dv))
 * evaluations (both attentions and Jacobians), so 10⁹/(n·(r + dv))
 * nodes keep it to a few seconds; clamped to [100, 200000]. At rank 4 a
 * split makes 16 children and the cell bounds' global remainder terms
 * shrink only with the cell (`lem:branch-and-bound` part 3), so the search
 * rarely closes; its limit is {@link RANK4_NODE_DIVISOR} times smaller
 * (200,000 nodes at n = 288, d_v = 8 took over 9 minutes under load, where
 * rank 3 settles in seconds). The upper bound stays valid when the limit
 * stops the search, only less tight.
 * @lemma lem:branch-and-bound
 */
export function defaultNodes(n: number, rank: number, dv: number): number {
  const base = Math.floor(1e9 / (n * (rank + dv)));
  return rank > 3 ? Math.max(100, Math.min(200_000 / RANK4_NODE_DIVISOR, Math.floor(base / RANK4_NODE_DIVISOR))) : Math.max(100, Math.min(200_000, base));
}

/** How much smaller the default node limit is at rank 4 than the formula of {@link defaultNodes}. */
export const RANK4_NODE_DIVISOR = 16;

/**
 * Above this n·(d + dv) the reference (decimal.js, ≥ 40 digits; about 2 s
 * at 4096·128 on the benchmark machine, linear in n·(d + dv)) recomputes the
 * witness only when a `fail` is possible, i.e. when the binary64 error plus
 * its `lem:float-error` bound exceeds ε. Otherwise the reported lower bound
 * is the binary64 error minus that bound, which is just as rigorous. Above
 * the limit the 40-digit recomputation, when it runs, is the exact-logit
 * fixed-point one (`coresetErrorFixed`, ≈ 2 s at n = 65,536, d = dv = 64).
 */
export const REFERENCE_ALWAYS_LIMIT = 4096 * 128;

/** Significant digits of the reference recomputation of a witness. */
export const REFERENCE_DIGITS = 40;
