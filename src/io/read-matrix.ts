/**
 * One entry point for matrix files: `.npy`, `.safetensors` (optionally
 * `file.safetensors:tensor`) and JSON, checked against their contents.
 * @module
 */
import { InputError } from '../errors.js';
import type { Mat64 } from '../types.js';
import { validateMat } from '../validate.js';
import { readBytes } from './files.js';
import { parseJsonText, jsonValueToMatrix } from './json-matrix.js';
import { decodeNpy, hasNpyMagic } from './npy.js';
import { decodeSafetensors, looksLikeSafetensors } from './safetensors.js';

/** The formats {@link readMatrix} understands. */
export type MatrixFormat = 'npy' | 'safetensors' | 'json';

/**
 * Splits a CLI path `file.safetensors:tensor` into file and tensor name.
 * Only a colon after a `.safetensors` file name counts, so other paths
 * (including ones with colons) pass through unchanged.
 * @lemma def:instance
 */
export function splitTensorSpec(spec: string): { path: string; tensor?: string } {
  const m = /^(.*\.safetensors):([^/\\]+)$/i.exec(spec);
  return m === null ? { path: spec } : { path: m[1], tensor: m[2] };
}

/** The format an extension claims, if any.
 * @internal
 * @lemma def:instance
 */
export function formatOfExtension(path: string): MatrixFormat | undefined {
  const ext = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === 'npy') return 'npy';
  if (ext === 'safetensors') return 'safetensors';
  if (ext === 'json') return 'json';
  return undefined;
}

/** The format the bytes are in, if recognisable.
 * @internal
 * @lemma def:instance
 */
export function sniffFormat(bytes: Uint8Array): MatrixFormat | undefined {
  if (hasNpyMagic(bytes)) return 'npy';
  if (looksLikeSafetensors(bytes)) return 'safetensors';
  let k = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) k = 3;
  while (k < bytes.length && (bytes[k] === 0x20 || bytes[k] === 0x0a || bytes[k] === 0x0d || bytes[k] === 0x09)) k++;
  if (bytes[k] === 0x5b || bytes[k] === 0x7b) return 'json';
  return undefined;
}

/**
 * Decodes file bytes as a matrix, trusting the extension only when the bytes
 * agree with it (`where` names the file in errors).
 *
 * Method: the extension (.npy, .safetensors, .json) says what the file should
 * be, the leading bytes say what it is; a disagreement is an error ("not what
 * it claims"), no extension means the bytes decide.
 * @lemma def:instance
 */
export function decodeMatrix(bytes: Uint8Array, where: string, tensor?: string): Mat64 {
  const claimed = formatOfExtension(where);
  const actual = sniffFormat(bytes);
  if (claimed !== undefined && actual !== undefined && actual !== claimed) {
    throw new InputError('format', where, `is not what it claims: the extension says .${claimed} but the bytes are a ${actual === 'json' ? 'JSON' : `.${actual}`} file`);
  }
  if (claimed === 'npy' || (claimed === undefined && actual === 'npy')) {
    if (tensor !== undefined) throw new InputError('usage', where, 'a tensor name applies only to .safetensors files');
    return decodeNpy(bytes, where);
  }
  if (claimed === 'safetensors' || actual === 'safetensors') {
    // Bytes that do not look like safetensors get the decoder's precise
    // complaint (header length beyond the file, header not JSON).
    return decodeSafetensors(bytes, where, tensor);
  }
  if (tensor !== undefined) throw new InputError('usage', where, 'a tensor name applies only to .safetensors files');
  if (claimed === 'json' || actual === 'json') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new InputError('format', where, 'is not what it claims: the extension says .json but the bytes are not UTF-8 text');
    }
    return jsonValueToMatrix(parseJsonText(text, where), where);
  }
  throw new InputError('format', where, 'cannot tell the format: expected a .npy, .safetensors or .json file');
}

/**
 * Reads a matrix file (`def:instance` data): `.npy` (`<f4`/`<f8`, either
 * byte order, C or Fortran order), `.safetensors` (`path:tensor` selects a
 * tensor; the only one otherwise), or JSON (see `parseJsonMatrix`), and
 * checks it with `validateMat`, so a NaN or ∞ is reported with its file, row
 * and column. A 1-D array of length c is one row (1 × c).
 *
 * @example
 * ```ts
 * const K = readMatrix('keys.npy'); // { rows: n, cols: d, data }
 * const V = readMatrix('cache.safetensors:values');
 * ```
 * @lemma def:instance
 */
export function readMatrix(spec: string): Mat64 {
  const { path, tensor } = splitTensorSpec(spec);
  const m = decodeMatrix(readBytes(path, spec), path, tensor);
  validateMat(m, spec);
  return m;
}

/**
 * Reads a vector file: a 1-D array, or a matrix with one row or one column,
 * checked finite like {@link readMatrix}.
 * @lemma def:weighted-set
 */
export function readVector(spec: string): Float64Array {
  const m = readMatrix(spec);
  if (m.rows !== 1 && m.cols !== 1) throw new InputError('shape', spec, `is a ${m.rows}×${m.cols} matrix; expected a vector`);
  return m.data;
}
