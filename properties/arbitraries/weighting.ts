/**
 * Arbitrary: any weighting, the full set included.
 * @module
 */
import fc from 'fast-check';
import type { Coreset } from '../../src/types.js';
import { extremeWeights } from './extreme-weights.js';
import { skewedWeights } from './skewed-weights.js';
import { sparseWeights } from './sparse-weights.js';
import { uniformWeights } from './uniform-weights.js';

/** Constraints of {@link weighting}. */
export interface WeightingConstraints {
  /** Include `null`, the full set with unit weights. @defaultValue true */
  readonly fullSet?: boolean;
  /** Include tiny (1e−300) and huge (1e306) weights. @defaultValue true */
  readonly extreme?: boolean;
}

/**
 * Generates a weighting of n rows (`def:weighted-set`): uniform, skewed,
 * sparse with zeros and repeats, tiny or huge, or the full set.
 * @lemma def:weighted-set
 */
export function weighting(n: number, constraints: WeightingConstraints = {}): fc.Arbitrary<Coreset | null> {
  const sets: fc.Arbitrary<Coreset>[] = [uniformWeights(n), skewedWeights(n), sparseWeights(n)];
  if (constraints.extreme ?? true) sets.push(extremeWeights(n, { magnitude: 'tiny' }), extremeWeights(n, { magnitude: 'huge' }));
  const all: fc.Arbitrary<Coreset | null>[] = [...sets];
  if (constraints.fullSet ?? true) all.push(fc.constant(null));
  return fc.oneof(...all);
}
