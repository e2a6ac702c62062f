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
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readInstance, sphereInstance, writeMatrix } from 'attn-coreset';
 *
 * const dir = mkdtempSync(join(tmpdir(), 'attn-'));
 * const { n, d, dv, K, V } = sphereInstance({ n: 8, d: 3 });
 * writeMatrix(join(dir, 'K.npy'), { rows: n, cols: d, data: K });
 * writeMatrix(join(dir, 'V.npy'), { rows: n, cols: dv, data: V });
 * const inst = readInstance(join(dir, 'K.npy'), join(dir, 'V.npy')); // .npy, .npz:member, .safetensors:tensor or JSON
 * console.log(inst.n, inst.d, inst.dv); // 8 3 3
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
