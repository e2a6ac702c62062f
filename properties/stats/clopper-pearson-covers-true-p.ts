/**
 * Property: the Clopper–Pearson bound covers the true p at least 1 − δ of the time.
 * @module
 */
import fc from 'fast-check';
import { xoshiro128ss } from '../../src/prng.js';
import { exceedUpper } from '../../src/stats/clopper-pearson.js';
import { binomialDraw, binomialTestThreshold } from './binomial-test.js';

/** Sizes of the simulation. */
export interface CoverageConstraints {
  /** Simulated samples per case. @defaultValue 400 */
  readonly trials?: number;
  /** Largest N. @defaultValue 120 */
  readonly maxN?: number;
  /** False-alarm probability of the binomial test per case. @defaultValue 1e-6 */
  readonly alpha?: number;
}

/**
 * Generates the simulation property of `lem:query-sample-bound`: for a true
 * p, N and confidence 1 − δ, T samples k ~ Bin(N, p) (seeded) give at most c
 * coverage failures exceedUpper(k, N, 1 − δ) < p, where c is the binomial
 * test threshold with P(Bin(T, δ) > c) ≤ α: a correct bound fails this with
 * probability ≤ α per case.
 * @lemma lem:query-sample-bound
 */
export function clopperPearsonCoversTrueP(constraints: CoverageConstraints = {}): fc.IPropertyWithHooks<[[number, number, number, number]]> {
  const T = constraints.trials ?? 400;
  const alpha = constraints.alpha ?? 1e-6;
  const arb = fc.tuple(
    fc.integer({ min: 1, max: constraints.maxN ?? 120 }),
    fc.double({ min: 0.001, max: 0.999, noNaN: true }),
    fc.constantFrom(0.8, 0.9, 0.95),
    fc.integer({ min: 1, max: 0x7fffffff }),
  );
  return fc.property(arb, ([N, p, confidence, seed]) => {
    const next = xoshiro128ss(seed, 0x9e3779b9, 0x243f6a88, 0xb7e15162);
    const uniform = () => next() / 2 ** 32;
    const bound = new Map<number, number>();
    let failures = 0;
    for (let t = 0; t < T; t++) {
      const k = binomialDraw(N, p, uniform);
      if (!bound.has(k)) bound.set(k, exceedUpper(k, N, confidence));
      if (bound.get(k)! < p) failures++;
    }
    const c = binomialTestThreshold(T, 1 - confidence, alpha);
    if (failures > c) throw new Error(`N=${N} p=${p} confidence=${confidence}: ${failures} of ${T} samples not covered, > ${c} (binomial test at α=${alpha})`);
  });
}
