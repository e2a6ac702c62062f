/**
 * `queryStats` as JSON: the infinite quantile bounds (too few queries) as null.
 * @module
 */
import type { QueryStats } from '../stats/query-stats.js';

/**
 * Returns the JSON form of {@link QueryStats} (p90Upper, p99Upper null when +∞).
 * @lemma lem:query-sample-bound
 */
export function queryStatsJson(s: QueryStats): Record<string, number | null> {
  const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return { ...s, p90Upper: finiteOrNull(s.p90Upper), p99Upper: finiteOrNull(s.p99Upper) };
}
