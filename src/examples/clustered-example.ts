/**
 * The embedded example instance of `npm start` / `attn-coreset demo`,
 * generated deterministically in code (no data file ships with the package).
 * @module
 */
import { clusteredInstance } from '../families/clustered.js';
import type { Instance } from '../types.js';

/** Shape and seed of the example; changing them changes the demo's report. */
export const EXAMPLE_SHAPE = { n: 2048, d: 16, dv: 16, clusters: 8, spread: 0.35, skew: 1.5, seed: 20260527 } as const;

/** The query radius and target error the demo builds for. */
export const EXAMPLE_TARGET = { rho: 2, eps: 0.05 } as const;

/**
 * Returns the example instance: n = 2048 unit keys in R^16 in 8 clusters of
 * geometrically falling mass (ratio 1.5) with angular spread 0.35, values
 * shared per cluster up to noise (`def:instance`) — structured enough for a
 * coreset to be much smaller than n, spread enough not to be trivial.
 * @lemma def:instance
 */
export function exampleInstance(): Instance {
  return clusteredInstance(EXAMPLE_SHAPE);
}
