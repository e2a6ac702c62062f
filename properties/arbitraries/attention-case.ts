/**
 * Arbitrary: one evaluation input of every hardness at once.
 * @module
 */
import fc from 'fast-check';
import type { Coreset, Instance } from '../../src/types.js';
import type { ShapeConstraints } from '../internal/shape.js';
import { attentionSinkKeyInstance } from './attention-sink-key-instance.js';
import { ballKeyInstance } from './ball-key-instance.js';
import { boundaryQuery } from './boundary-query.js';
import { clusteredKeyInstance } from './clustered-key-instance.js';
import { interiorQuery } from './interior-query.js';
import { keyAlignedQuery } from './key-aligned-query.js';
import { largeLogitQuery } from './large-logit-query.js';
import { lowRankKeyInstance } from './low-rank-key-instance.js';
import { nearDuplicateKeyInstance } from './near-duplicate-key-instance.js';
import { nearZeroQuery } from './near-zero-query.js';
import { unitSphereInstance } from './unit-sphere-instance.js';
import { weighting } from './weighting.js';

/** Constraints of {@link attentionCase}. */
export interface AttentionCaseConstraints extends ShapeConstraints {
  /** Largest ρ of the ordinary queries. @defaultValue 8 */
  readonly maxRho?: number;
  /** Include queries with logits up to ±5000. @defaultValue true */
  readonly largeLogits?: boolean;
  /** Include `null` (the full set) among the weightings. @defaultValue true */
  readonly fullSet?: boolean;
  /** Include tiny and huge weights. @defaultValue true */
  readonly extremeWeights?: boolean;
  /** Include logit scales ≠ 1 (1/√d_h of a head, and others). @defaultValue true */
  readonly scales?: boolean;
}

/** An instance, a query in B_ρ, a weighting and a logit scale. */
export interface AttentionCase {
  readonly instance: Instance;
  readonly q: Float64Array;
  readonly w: Coreset | null;
  /** ‖q‖ ≤ rho holds exactly. */
  readonly rho: number;
  readonly scale: number;
}

/**
 * Generates evaluation inputs over every instance family (unit sphere, ball
 * keys, clusters, sinks, near-duplicates with opposite values, low rank),
 * every weighting and every query kind (interior, ‖q‖ = ρ, ±ρk_i, near 0,
 * logits up to ±5000): the inputs of `def:attention` that the fast-vs-reference
 * ladder of `lem:float-error` runs on.
 * @lemma def:attention
 * @lemma lem:float-error
 */
export function attentionCase(constraints: AttentionCaseConstraints = {}): fc.Arbitrary<AttentionCase> {
  const maxRho = constraints.maxRho ?? 8;
  const instances = fc.oneof(
    unitSphereInstance(constraints),
    ballKeyInstance(constraints),
    clusteredKeyInstance(constraints),
    attentionSinkKeyInstance(constraints),
    nearDuplicateKeyInstance(constraints),
    lowRankKeyInstance(constraints),
  );
  const scales = constraints.scales ?? true ? fc.oneof(fc.constant(1), fc.constantFrom(0.125, 1 / Math.sqrt(3), 2.5)) : fc.constant(1);
  return fc.tuple(instances, fc.double({ min: 1e-3, max: maxRho, noNaN: true }), scales).chain(([instance, rho, scale]) => {
    const ordinary = fc.oneof(interiorQuery(instance.d, rho), boundaryQuery(instance.d, rho), keyAlignedQuery(instance, rho), nearZeroQuery(instance.d)).map((q) => ({ q, rho }));
    const queries = constraints.largeLogits ?? true ? fc.oneof(ordinary, largeLogitQuery(instance)) : ordinary;
    const w = weighting(instance.n, { fullSet: constraints.fullSet, extreme: constraints.extremeWeights });
    return fc.tuple(queries, w).map(([{ q, rho: r }, wt]) => ({ instance, q, w: wt, rho: r, scale }));
  });
}
