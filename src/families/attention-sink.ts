/**
 * One dominant key (an "attention sink") among weak ones.
 * @module
 */
import { InputError } from '../errors.js';
import type { Instance } from '../types.js';
import { randomUnitVector, seededRng } from './rng.js';
import { checkShape, type InstanceShape } from './sphere.js';

/** Options of {@link attentionSinkInstance}. */
export interface SinkShape extends InstanceShape {
  /** Norm of every key but the sink (the sink has norm 1); @defaultValue 0.1 */
  readonly otherKeyNorm?: number;
}

/**
 * Generates ball keys (`def:instance`, ‖k_i‖ ≤ 1) where row 0 is a unit key
 * and every other key has norm `otherKeyNorm`, values unit: for queries near
 * the sink direction row 0 carries almost all the mass, so dropping it or
 * mis-weighting it is a large error, and the other rows' contributions are
 * tiny differences.
 * @lemma def:instance
 */
export function attentionSinkInstance(shape: SinkShape): Instance {
  const { n, d, dv, seed } = checkShape(shape);
  const r = shape.otherKeyNorm ?? 0.1;
  if (!(r >= 0 && r <= 1)) throw new InputError('parameter', 'otherKeyNorm', `must be in [0, 1], got ${r}`);
  const rng = seededRng(seed);
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * dv);
  for (let i = 0; i < n; i++) {
    const k = randomUnitVector(rng, d, K.subarray(i * d, (i + 1) * d));
    if (i > 0) for (let j = 0; j < d; j++) k[j] *= r;
    randomUnitVector(rng, dv, V.subarray(i * dv, (i + 1) * dv));
  }
  return { n, d, dv, K, V };
}
