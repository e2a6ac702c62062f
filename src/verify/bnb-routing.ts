/**
 * When `verify()` spends branch-and-bound's node budget: a probe first,
 * the rest only when the search can plausibly beat the other certificates.
 * A routing rule, not a bound: every branch-and-bound result, stopped or
 * not, is a valid upper bound (`lem:branch-and-bound`).
 * @module
 */

/** Probe nodes per refinement level of a rank-r span: 2^r children a box, this many boxes' worth. */
export const BNB_PROBE_BOXES = 32;

/**
 * Assumed decrease of branch-and-bound's global bound per refinement level
 * (every box halved): a box's defect is quadratic in its width. Measured
 * (n = 4096, coresets of 64–256 rows, rank 2–4) 3.9–4.0× per level from the
 * second level on, 2× on the first.
 */
export const BNB_LEVEL_FACTOR = 4;

/**
 * Slack on the node limit in {@link bnbWorthContinuing}: the projection is
 * a model, and a search predicted to need at most this multiple of its
 * limit still runs (it may settle the verdict on the way).
 */
export const BNB_PROJECTION_SLACK = 2;

/**
 * Computes the probe's node limit for a span of rank `rank` under a full
 * limit `limit`: the larger of 2^rank·`BNB_PROBE_BOXES` (a few levels) and
 * limit/8, at most the limit.
 * @lemma lem:branch-and-bound
 */
export function bnbProbeNodes(rank: number, limit: number): number {
  return Math.min(limit, Math.max(2 ** rank * BNB_PROBE_BOXES, Math.ceil(limit / 8)));
}

/**
 * Computes the nodes a branch-and-bound search that reached `upper` after
 * `nodes` nodes would need to bring its global bound to `target`, when each
 * level divides the bound by `BNB_LEVEL_FACTOR` and multiplies the nodes by
 * 2^rank: nodes·(upper/target)^{rank / log₂ BNB_LEVEL_FACTOR}.
 * @lemma lem:branch-and-bound
 */
export function bnbProjectedNodes(nodes: number, upper: number, target: number, rank: number): number {
  if (!(upper > target)) return nodes;
  if (!(target > 0)) return Infinity;
  return nodes * (upper / target) ** (rank / Math.log2(BNB_LEVEL_FACTOR));
}

/** What the probe returned. */
export interface BnbProbe {
  readonly upper: number;
  readonly nodes: number;
  /** Whether it met its tolerance (nothing left to refine). */
  readonly complete: boolean;
}

/**
 * Decides whether the full branch-and-bound search should run after its
 * probe (`verify()` runs the whole limit at once when the caller asks for
 * the sup by a tolerance): not when the probe already met its tolerance;
 * otherwise only when the probe's bound is already below `best`
 * (the smallest other upper bound) or its projected node count to reach
 * `best` ({@link bnbProjectedNodes}) is within `BNB_PROJECTION_SLACK` times
 * the limit. With no other bound (`best` = ∞) it runs.
 * @lemma lem:branch-and-bound
 */
export function bnbWorthContinuing(probe: BnbProbe, rank: number, limit: number, best: number): boolean {
  if (probe.complete) return false;
  if (!Number.isFinite(best)) return true;
  return bnbProjectedNodes(probe.nodes, probe.upper, best, rank) <= BNB_PROJECTION_SLACK * limit;
}
