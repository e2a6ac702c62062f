/**
 * The binomial-test threshold the simulation properties use as their
 * tolerance, computed here (binary64, log-space) independently of the code
 * under test.
 * @module
 */

/**
 * Returns the smallest c with P(Bin(T, π) > c) ≤ α: observing more than c
 * coverage failures in T trials whose failure probability is ≤ π has
 * probability ≤ α. Log-space pmf recurrence in binary64; its relative error
 * (~T·2⁻⁵²) only moves c when a tail sits within 1e-12 of α.
 * @lemma lem:query-sample-bound
 */
export function binomialTestThreshold(T: number, pi: number, alpha: number): number {
  const logs: number[] = [];
  let lp = T * Math.log1p(-pi);
  logs.push(lp);
  for (let j = 0; j < T; j++) {
    lp += Math.log(T - j) - Math.log(j + 1) + Math.log(pi) - Math.log1p(-pi);
    logs.push(lp);
  }
  let tail = 0;
  for (let c = T; c >= 0; c--) {
    // tail = P(X > c) before adding pmf(c).
    if (tail > alpha) return c + 1;
    tail += Math.exp(logs[c]);
  }
  return 0;
}

/**
 * A binomial draw: the number of N uniforms below p.
 * @lemma lem:query-sample-bound
 */
export function binomialDraw(N: number, p: number, uniform: () => number): number {
  let k = 0;
  for (let i = 0; i < N; i++) if (uniform() < p) k++;
  return k;
}
