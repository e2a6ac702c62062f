/**
 * Keys and values uniform on the unit sphere: the paper's unit setting.
 * @module
 */
import { InputError } from '../errors.js';
import type { Instance } from '../types.js';
import { randomUnitVector, seededRng } from './rng.js';

/** Shape and seed of a generated instance. */
export interface InstanceShape {
  /** Number of keys n ≥ 1. */
  readonly n: number;
  /** Key dimension d ≥ 1. */
  readonly d: number;
  /** Value dimension; @defaultValue d */
  readonly dv?: number;
  /** @defaultValue 0 */
  readonly seed?: number;
}

/**
 * Checks a shape and fills in defaults (dv = d, seed 0).
 * @internal
 * @lemma def:instance
 */
export function checkShape(s: InstanceShape): { n: number; d: number; dv: number; seed: number } {
  const dv = s.dv ?? s.d;
  for (const [name, v] of [['n', s.n], ['d', s.d], ['dv', dv]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new InputError('parameter', name, `must be an integer ≥ 1, got ${v}`);
  }
  return { n: s.n, d: s.d, dv, seed: s.seed ?? 0 };
}

/**
 * Generates an instance with keys and values independent and uniform on the
 * unit spheres of R^d and R^{dv} (the unit setting of `def:instance`), from
 * a seed.
 * @lemma def:instance
 * @example
 * ```ts
 * import { sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 1024, d: 64, seed: 1 }); // unit keys and values, uniform on the sphere
 * console.log(inst.n, inst.d, inst.dv); // 1024 64 64
 * ```
 */
export function sphereInstance(shape: InstanceShape): Instance {
  const { n, d, dv, seed } = checkShape(shape);
  const rng = seededRng(seed);
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * dv);
  for (let i = 0; i < n; i++) {
    randomUnitVector(rng, d, K.subarray(i * d, (i + 1) * d));
    randomUnitVector(rng, dv, V.subarray(i * dv, (i + 1) * dv));
  }
  return { n, d, dv, K, V };
}
