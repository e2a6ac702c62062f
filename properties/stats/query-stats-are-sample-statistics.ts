/**
 * Property: queryStats reports the sample's own statistics and only grows with the bounds.
 * @module
 */
import fc from 'fast-check';
import { exceedUpper } from '../../src/stats/clopper-pearson.js';
import { queryStats } from '../../src/stats/query-stats.js';

/**
 * Generates the property of `def:query-distribution`: on a random sample of
 * errors with certified bounds u_r ≥ e_r, queryStats gives N, k = #{u_r > ε},
 * the maximum, the nearest-rank quantiles e_(⌈pN⌉) and the mean computed
 * directly, exceedUpper(k, N, 1 − δ); and raising the bounds (a more
 * conservative input, `lem:query-sample-bound` 3) never lowers k, exceedUpper
 * or a quantile bound.
 * @lemma def:query-distribution
 * @lemma lem:query-sample-bound
 */
export function queryStatsAreSampleStatistics(): fc.IPropertyWithHooks<[[number[], number[], number, number]]> {
  const arb = fc.tuple(
    fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 1, maxLength: 80 }),
    fc.array(fc.double({ min: 0, max: 0.1, noNaN: true }), { minLength: 80, maxLength: 80 }),
    fc.double({ min: 1e-3, max: 2, noNaN: true }),
    fc.constantFrom(0.9, 0.95),
  );
  return fc.property(arb, ([e, slack, eps, confidence]) => {
    const errors = Float64Array.from(e);
    const uppers = errors.map((x, i) => x + slack[i]);
    const s = queryStats({ errors, uppers }, eps, confidence);
    const N = errors.length;
    const sorted = [...e].sort((a, b) => a - b);
    const k = Array.from(uppers).filter((u) => u > eps).length;
    const want = { n: N, exceeding: k, max: sorted[N - 1], p99: sorted[Math.ceil(0.99 * N) - 1], p90: sorted[Math.ceil(0.9 * N) - 1], exceedUpper: exceedUpper(k, N, confidence) };
    for (const [key, v] of Object.entries(want)) if (s[key as keyof typeof want] !== v) throw new Error(`queryStats.${key} = ${s[key as keyof typeof want]}, expected ${v}`);
    const mean = e.reduce((a, b) => a + b, 0) / N;
    if (Math.abs(s.mean - mean) > 1e-12 * (1 + mean)) throw new Error(`queryStats.mean = ${s.mean}, expected ${mean}`);
    const raised = queryStats({ errors, uppers: uppers.map((u) => u * 1.5 + 0.01) }, eps, confidence);
    if (raised.exceeding < s.exceeding || raised.exceedUpper < s.exceedUpper || raised.p90Upper < s.p90Upper || raised.p99Upper < s.p99Upper) throw new Error('raising the certified bounds lowered a reported bound');
  });
}
