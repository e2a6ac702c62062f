/**
 * Writing matrices in the format an output path's extension names.
 * @module
 */
import { InputError } from '../errors.js';
import type { Mat64 } from '../types.js';
import { writeBytes } from './write-file.js';
import { formatJsonMatrix } from './json-matrix.js';
import { encodeNpy } from './npy.js';
import { formatOfExtension } from './read-matrix.js';
import { encodeSafetensors } from './safetensors.js';

/** Options of {@link writeMatrix}. */
export interface MatrixWriteOptions {
  /**
   * Entry precision of binary outputs: `'f8'` (exact) or `'f4'`.
   * @defaultValue 'f8'
   */
  readonly dtype?: 'f8' | 'f4';
  /**
   * JSON outputs: hexadecimal-float strings instead of numbers.
   * @defaultValue false
   */
  readonly hex?: boolean;
  /**
   * Tensor name for `.safetensors` outputs.
   * @defaultValue 'data'
   */
  readonly tensor?: string;
}

/**
 * Encodes a matrix in the format `path`'s extension names (`.npy`,
 * `.safetensors` or `.json`), as {@link writeMatrix} writes it.
 *
 * Special cases: another extension is an {@link InputError} (`usage`).
 * @lemma def:instance
 */
export function encodeMatrix(path: string, m: Mat64, options: MatrixWriteOptions = {}): Uint8Array | string {
  const format = formatOfExtension(path);
  const f4 = options.dtype === 'f4';
  if (format === 'npy') return encodeNpy(m, { dtype: f4 ? '<f4' : '<f8' });
  if (format === 'safetensors') return encodeSafetensors({ [options.tensor ?? 'data']: m }, f4 ? 'F32' : 'F64');
  if (format === 'json') return formatJsonMatrix(m, { hex: options.hex });
  throw new InputError('usage', path, 'output extension must be .npy, .safetensors or .json');
}

/**
 * Writes a matrix to `path` as `.npy`, `.safetensors` or JSON (`.json`),
 * chosen by the extension, atomically (an existing file is replaced only by
 * a complete one); every format reads back with `readMatrix` to the same
 * matrix (exactly, for f8 and JSON).
 *
 * Special cases: another extension is an {@link InputError} (`usage`).
 * @lemma def:instance
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readMatrix, writeMatrix } from 'attn-coreset';
 *
 * const dir = mkdtempSync(join(tmpdir(), 'attn-'));
 * const m = { rows: 1, cols: 3, data: new Float64Array([0.1, 0.2, 0.3]) };
 * writeMatrix(join(dir, 'm.npy'), m); // the format follows the extension; atomic replace
 * writeMatrix(join(dir, 'm.json'), m, { hex: true }); // exact hex floats
 * console.log(readMatrix(join(dir, 'm.json')).data); // the same doubles, bit for bit
 * ```
 */
export function writeMatrix(path: string, m: Mat64, options: MatrixWriteOptions = {}): void {
  writeBytes(path, encodeMatrix(path, m, options), path);
}
