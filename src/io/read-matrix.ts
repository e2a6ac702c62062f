/**
 * One entry point for matrix files: `.npy`, `.npz` (optionally
 * `file.npz:member`), `.safetensors` (optionally `file.safetensors:tensor`)
 * and JSON, checked against their contents.
 * @module
 */
import { InputError } from '../errors.js';
import type { Mat64 } from '../types.js';
import { validateMat } from '../validate.js';
import { readBytes } from './files.js';
import { jsonTextOf, parseJsonText, jsonValueToMatrix } from './json-matrix.js';
import { decodeNpy, hasNpyMagic } from './npy.js';
import { decodeNpz } from './npz.js';
import { hasZipMagic } from './zip.js';
import { decodeSafetensors, looksLikeSafetensors } from './safetensors.js';

/** The formats {@link readMatrix} understands (`npz` is read, not written). */
export type MatrixFormat = 'npy' | 'npz' | 'safetensors' | 'json';

/** Container formats whose file name may be followed by `:name`. */
const CONTAINERS = ['.safetensors', '.npz'];

/**
 * Splits a CLI path `file.safetensors:tensor` (or `file.npz:member`) into
 * file and tensor name. Only a colon right after a `.safetensors` or `.npz`
 * file name counts (the last such colon), and the name may not contain a
 * slash, so other paths (including ones with colons) pass through unchanged.
 *
 * Method: a backwards scan over the colons, each tested against the
 * suffixes; linear in the spec (the regular expression it replaces
 * backtracked over every earlier ".safetensors:").
 * @lemma def:instance
 */
export function splitTensorSpec(spec: string): { path: string; tensor?: string } {
  for (let k = spec.lastIndexOf(':'); k > 0; k = spec.lastIndexOf(':', k - 1)) {
    const head = spec.slice(Math.max(0, k - 12), k).toLowerCase();
    if (!CONTAINERS.some((c) => head.endsWith(c))) continue;
    const tensor = spec.slice(k + 1);
    if (tensor === '' || /[/\\]/.test(tensor)) return { path: spec };
    return { path: spec.slice(0, k), tensor };
  }
  return { path: spec };
}

/** The format an output extension names, if any (`.npz` is read only).
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
  if (hasZipMagic(bytes)) return 'npz';
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
 * Method: the extension (.npy, .npz, .safetensors, .json) says what the file should
 * be, the leading bytes say what it is; a disagreement is an error ("not what
 * it claims"), no extension means the bytes decide.
 * @lemma def:instance
 */
export function decodeMatrix(bytes: Uint8Array, where: string, tensor?: string): Mat64 {
  const claimed = /\.npz$/i.test(where) ? 'npz' : formatOfExtension(where);
  const actual = sniffFormat(bytes);
  if (claimed !== undefined && actual !== undefined && actual !== claimed) {
    throw new InputError('format', where, `is not what it claims: the extension says .${claimed} but the bytes are a ${actual === 'json' ? 'JSON' : `.${actual}`} file`);
  }
  if (claimed === 'npy' || (claimed === undefined && actual === 'npy')) {
    if (tensor !== undefined) throw new InputError('usage', where, 'a tensor name applies only to .safetensors and .npz files');
    return decodeNpy(bytes, where);
  }
  if (claimed === 'npz' || (claimed === undefined && actual === 'npz')) return decodeNpz(bytes, where, tensor);
  if (claimed === 'safetensors' || actual === 'safetensors') {
    // Bytes that do not look like safetensors get the decoder's precise
    // complaint (header length beyond the file, header not JSON).
    return decodeSafetensors(bytes, where, tensor);
  }
  if (tensor !== undefined) throw new InputError('usage', where, 'a tensor name applies only to .safetensors and .npz files');
  if (claimed === 'json' || actual === 'json') {
    return jsonValueToMatrix(parseJsonText(jsonTextOf(bytes, where), where), where);
  }
  throw new InputError('format', where, 'cannot tell the format: expected a .npy, .npz, .safetensors or .json file');
}

/**
 * Reads a matrix file (`def:instance` data): `.npy` (`<f4`/`<f8`, either
 * byte order, C or Fortran order), `.npz` (`path:member` selects a member;
 * the only one otherwise), `.safetensors` (`path:tensor` selects a
 * tensor; the only one otherwise), or JSON (see `parseJsonMatrix`), and
 * checks it with `validateMat`, so a NaN or ∞ is reported with its file, row
 * and column. A 1-D array of length c is one row (1 × c).
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readMatrix } from 'attn-coreset';
 *
 * const dir = mkdtempSync(join(tmpdir(), 'attn-'));
 * writeFileSync(join(dir, 'q.json'), JSON.stringify([[1, 2], [3, "0x1.8p+1"]])); // numbers or exact hex floats
 * const m = readMatrix(join(dir, 'q.json'));
 * console.log(m.rows, m.cols, m.data); // 2 2 Float64Array [1, 2, 3, 3]
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
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readVector } from 'attn-coreset';
 *
 * const dir = mkdtempSync(join(tmpdir(), 'attn-'));
 * writeFileSync(join(dir, 'q.json'), '[0.5, -0.5, 1]');
 * console.log(readVector(join(dir, 'q.json'))); // Float64Array [0.5, -0.5, 1]
 * ```
 */
export function readVector(spec: string): Float64Array {
  const m = readMatrix(spec);
  if (m.rows !== 1 && m.cols !== 1) throw new InputError('shape', spec, `is a ${m.rows}×${m.cols} matrix; expected a vector`);
  return m.data;
}
