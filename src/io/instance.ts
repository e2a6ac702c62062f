/**
 * Reading an attention instance from a keys file and a values file.
 * @module
 */
import { InputError } from '../errors.js';
import type { Instance } from '../types.js';
import { validateInstance, type InstanceConstraints } from '../validate.js';
import { readMatrix } from './read-matrix.js';

/**
 * Reads keys K (n × d) and values V (n × dv) into an {@link Instance}
 * (`def:instance`) and validates it (finite, n ≥ 1, and the optional unit
 * constraints).
 *
 * Special cases: differing row counts are an {@link InputError} (`shape`)
 * naming both files and both counts.
 *
 * @example
 * ```ts
 * const inst = readInstance('k.npy', 'cache.safetensors:v');
 * ```
 * @lemma def:instance
 */
export function readInstance(keysPath: string, valuesPath: string, constraints: InstanceConstraints = {}): Instance {
  const K = readMatrix(keysPath);
  const V = readMatrix(valuesPath);
  if (K.rows !== V.rows) {
    throw new InputError('shape', 'instance', `keys ${keysPath} have ${K.rows} rows but values ${valuesPath} have ${V.rows}; each key needs one value`);
  }
  const inst: Instance = { n: K.rows, d: K.cols, dv: V.cols, K: K.data, V: V.data };
  validateInstance(inst, constraints);
  return inst;
}
