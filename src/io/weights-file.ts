/**
 * The `--weights` argument: a dense weight vector or a coreset JSON file.
 * @module
 */
import { InputError } from '../errors.js';
import type { Coreset } from '../types.js';
import { normalizeCoreset, validateMat } from '../validate.js';
import { coresetFromJson, isCoresetJson } from './coreset-file.js';
import { readBytes } from './files.js';
import { jsonTextOf, parseJsonText } from './json-matrix.js';
import { decodeMatrix, sniffFormat, splitTensorSpec } from './read-matrix.js';

/** A weighting read from a file, normalised (repeats merged, zeros dropped). */
export interface WeightingFile {
  /** Indices increasing and distinct, weights > 0. */
  readonly coreset: Coreset;
  /** `'dense'`: a vector a ∈ R^n; `'coreset'`: indices and weights. */
  readonly kind: 'dense' | 'coreset';
  /** Distinct indices of positive weight. */
  readonly size: number;
  /** Repeated indices merged (coreset files only). */
  readonly repeated: number;
}

/**
 * Reads the weights of a weighted set (`def:weighted-set`) for an instance
 * of `n` rows from either a dense vector file (any matrix format, 1-D of
 * length n, weight a_i ≥ 0 on row i) or a coreset JSON file
 * `{"indices", "weights"}`, and normalises it with `normalizeCoreset`.
 *
 * Special cases: a vector of the wrong length, NaN/∞, negative or all-zero
 * weights are {@link InputError}s naming the file and the entry.
 * @lemma def:weighted-set
 */
export function readWeighting(spec: string, n: number): WeightingFile {
  const { path } = splitTensorSpec(spec);
  return decodeWeighting(readBytes(path, spec), spec, n);
}

/**
 * Decodes the bytes of a `--weights` file named by `spec` (see
 * {@link readWeighting}).
 * @lemma def:weighted-set
 */
export function decodeWeighting(bytes: Uint8Array, spec: string, n: number): WeightingFile {
  const { path, tensor } = splitTensorSpec(spec);
  if (tensor === undefined && sniffFormat(bytes) === 'json') {
    const value = parseJsonText(jsonTextOf(bytes, path), path);
    if (isCoresetJson(value)) {
      const file = coresetFromJson(value, path, n);
      return { coreset: normalizeCoreset(file.coreset, n, path), kind: 'coreset', size: file.size, repeated: file.repeated };
    }
  }
  const m = decodeMatrix(bytes, path, tensor);
  validateMat(m, spec);
  if (m.rows !== 1 && m.cols !== 1) throw new InputError('shape', spec, `is a ${m.rows}×${m.cols} matrix; expected a weight vector of length n = ${n} or a coreset JSON file`);
  if (m.data.length !== n) throw new InputError('shape', spec, `has ${m.data.length} weights but the instance has n = ${n} rows`);
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  const norm = normalizeCoreset({ indices, weights: m.data }, n, spec);
  return { coreset: norm, kind: 'dense', size: norm.indices.length, repeated: 0 };
}
