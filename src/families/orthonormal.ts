/**
 * The orthonormal family of `prop:orthonormal-floor`.
 * @module
 */
import { InputError } from '../errors.js';
import type { Instance } from '../types.js';

/**
 * Generates the orthonormal instance: keys = values = e_1, …, e_n in R^n
 * (`prop:orthonormal-floor`). At q = ρe_i key i has attention share
 * e^ρ/(e^ρ + n − 1), which every weighted set omitting i misses entirely.
 * @lemma prop:orthonormal-floor
 * @example
 * ```ts
 * import { orthonormalInstance } from 'attn-coreset';
 *
 * const inst = orthonormalInstance(8); // keys e_1 … e_8 (the lower-bound family)
 * console.log(inst.n, inst.d);
 * ```
 */
export function orthonormalInstance(n: number): Instance {
  if (!Number.isInteger(n) || n < 1 || n > 4096) throw new InputError('parameter', 'n', `must be an integer in 1..4096, got ${n}`);
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) K[i * n + i] = 1;
  return { n, d: n, dv: n, K, V: K.slice() };
}

/**
 * Generates the witness query q = ρe_i of `prop:orthonormal-floor`, exactly
 * of norm ρ.
 * @lemma prop:orthonormal-floor
 * @example
 * ```ts
 * import { coresetError, orthonormalInstance, orthonormalWitness } from 'attn-coreset';
 *
 * const inst = orthonormalInstance(8);
 * const w = { indices: new Uint32Array([0, 1, 2, 3, 4, 5, 6]), weights: new Float64Array(7).fill(8 / 7) }; // row 7 left out
 * console.log(coresetError(inst, orthonormalWitness(8, 7, 2), w)); // the query ρ·e_8 exposes it
 * ```
 */
export function orthonormalWitness(n: number, i: number, rho: number): Float64Array {
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new InputError('index-range', 'i', `must be in 0..${n - 1}, got ${i}`);
  const q = new Float64Array(n);
  q[i] = rho;
  return q;
}
