/**
 * Compressed caches as files (`def:compressed-cache`): a `.safetensors`
 * file with tensors `keys`, `values` and optional `weights`; JSON
 * `{"keys": [[…]], "values": [[…]], "weights": […]}` (numbers or exact hex
 * floats); an `.npz` with members of the same names (what `numpy.savez` /
 * `savez_compressed` write); or three separate matrix files.
 * @module
 */
import { validateCache } from '../cache.js';
import { InputError } from '../errors.js';
import type { Cache, Mat64 } from '../types.js';
import { validateMat } from '../validate.js';
import { readBytes, writeBytes } from './files.js';
import { jsonRows, jsonTextOf, jsonValueToMatrix, parseJsonText } from './json-matrix.js';
import { decodeNpz } from './npz.js';
import { describeJson, formatNumberJson, parseNumericValue } from './numeric.js';
import { readMatrix } from './read-matrix.js';
import { decodeSafetensors, encodeSafetensors, parseSafetensorsHeader } from './safetensors.js';
import { readZipDirectory } from './zip.js';

/** Builds and validates a cache from its matrices; `where` names the source in errors. */
function assemble(K: Mat64, V: Mat64, w: Float64Array | undefined, d: number, dv: number, where: string): Cache {
  validateMat(K, `${where} keys`);
  validateMat(V, `${where} values`);
  if (K.cols !== d) throw new InputError('shape', `${where} keys`, `have ${K.cols} columns, the instance's keys have d = ${d}`);
  if (V.cols !== dv) throw new InputError('shape', `${where} values`, `have ${V.cols} columns, the instance's values have dv = ${dv}`);
  if (K.rows !== V.rows) throw new InputError('shape', where, `has ${K.rows} key rows but ${V.rows} value rows`);
  const weights = w ?? new Float64Array(K.rows).fill(1);
  const cache: Cache = { m: K.rows, d, dv, K: K.data, V: V.data, weights };
  validateCache(cache, d, dv, where);
  return cache;
}

/** A weight vector from a matrix read from a file: 1 × m or m × 1. */
function weightVector(m: Mat64, where: string): Float64Array {
  if (m.rows !== 1 && m.cols !== 1) throw new InputError('shape', where, `is a ${m.rows}×${m.cols} matrix; expected a weight vector`);
  return m.data;
}

/**
 * Reads a cache from parsed JSON `{"keys": [[…]], "values": [[…]],
 * "weights": […]}` (weights optional = 1; entries numbers, hex-float or
 * decimal strings) against the instance's d and dv.
 *
 * Special cases: a missing member, ragged rows, wrong d or dv, m = 0,
 * NaN/∞, negative or all-zero weights are {@link InputError}s naming the
 * file, the member and the entry.
 * @lemma def:compressed-cache
 */
export function cacheFromJson(value: unknown, where: string, d: number, dv: number): Cache {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('format', where, `expected {"keys": [[...]], "values": [[...]], "weights": [...]}, got ${describeJson(value)}`);
  }
  const o = value as Record<string, unknown>;
  for (const member of ['keys', 'values']) if (!(member in o)) throw new InputError('format', where, `has no member "${member}"; a cache file needs "keys" and "values"`);
  const K = jsonValueToMatrix(o.keys, `${where} keys`);
  const V = jsonValueToMatrix(o.values, `${where} values`);
  let w: Float64Array | undefined;
  if (o.weights !== undefined) {
    if (!Array.isArray(o.weights)) throw new InputError('format', `${where} weights`, `expected an array, got ${describeJson(o.weights)}`);
    w = Float64Array.from(o.weights, (a, j) => parseNumericValue(a, `${where} weights[${j}]`));
  }
  return assemble(K, V, w, d, dv, where);
}

/**
 * Reads a cache file for an instance with key dimension `d` and value
 * dimension `dv`: `.safetensors` (tensors `keys`, `values`, optional
 * `weights`), `.npz` (members of those names) or `.json`
 * (`cacheFromJson`).
 *
 * Special cases: unknown extensions are {@link InputError}s (`format`); a
 * missing tensor or member names the file and lists what it holds.
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readCacheFile } from 'attn-coreset';
 *
 * const dir = mkdtempSync(join(tmpdir(), 'attn-'));
 * // What numpy.savez(path, keys=…, values=…, weights=…) or a .safetensors file holds, here as JSON.
 * writeFileSync(join(dir, 'cache.json'), JSON.stringify({ keys: [[0.6, 0.8]], values: [[1]], weights: [64] }));
 * const cache = readCacheFile(join(dir, 'cache.json'), 2, 1); // checked against d = 2, dv = 1
 * console.log(cache.m, cache.weights); // 1 Float64Array [64]
 * ```
 * @lemma def:compressed-cache
 */
export function readCacheFile(path: string, d: number, dv: number): Cache {
  return decodeCacheFile(readBytes(path, path), path, d, dv);
}

/**
 * Decodes the bytes of a cache file named `path` (see {@link readCacheFile}).
 * @lemma def:compressed-cache
 */
export function decodeCacheFile(bytes: Uint8Array, path: string, d: number, dv: number): Cache {
  const ext = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === 'npz') {
    const names = new Set(readZipDirectory(bytes, path).map((e) => e.name.replace(/\.npy$/, '')));
    for (const member of ['keys', 'values']) {
      if (!names.has(member)) throw new InputError('format', path, `has no member '${member}' (it holds ${[...names].map((x) => `'${x}'`).join(', ') || 'none'}); a cache needs 'keys' and 'values'`);
    }
    const w = names.has('weights') ? weightVector(decodeNpz(bytes, path, 'weights'), `${path}:weights`) : undefined;
    return assemble(decodeNpz(bytes, path, 'keys'), decodeNpz(bytes, path, 'values'), w, d, dv, path);
  }
  if (ext === 'safetensors') {
    const { tensors } = parseSafetensorsHeader(bytes, path);
    const names = new Set(tensors.map((t) => t.name));
    for (const member of ['keys', 'values']) {
      if (!names.has(member)) throw new InputError('format', path, `has no tensor '${member}' (it holds ${[...names].map((x) => `'${x}'`).join(', ') || 'none'}); a cache needs 'keys' and 'values'`);
    }
    const K = decodeSafetensors(bytes, path, 'keys');
    const V = decodeSafetensors(bytes, path, 'values');
    const w = names.has('weights') ? weightVector(decodeSafetensors(bytes, path, 'weights'), `${path}:weights`) : undefined;
    return assemble(K, V, w, d, dv, path);
  }
  if (ext === 'json') return cacheFromJson(parseJsonText(jsonTextOf(bytes, path), path), path, d, dv);
  throw new InputError('format', path, 'cannot tell the cache format: expected a .safetensors, .npz or .json file');
}

/**
 * Reads a cache given as separate matrix files (any format `readMatrix`
 * reads: `.npy`, `.safetensors[:tensor]`, JSON): keys m × d, values m × dv,
 * weights a vector of length m (optional: every weight 1).
 * @lemma def:compressed-cache
 */
export function readCacheParts(keys: string, values: string, weights: string | undefined, d: number, dv: number): Cache {
  const w = weights === undefined ? undefined : weightVector(readMatrix(weights), weights);
  return assemble(readMatrix(keys), readMatrix(values), w, d, dv, `cache (${keys}, ${values}${weights === undefined ? '' : `, ${weights}`})`);
}

/**
 * Formats a cache as JSON (`{"keys", "values", "weights"}`), entries as
 * shortest round-trip numbers or (with `hex`) exact hex floats.
 * @lemma def:compressed-cache
 */
export function formatCacheJson(c: Cache, options: { hex?: boolean; extra?: Record<string, unknown> } = {}): string {
  const hex = options.hex ?? false;
  const head = Object.entries(options.extra ?? {}).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`).join('');
  const rows = (m: Mat64): string => `[\n    ${jsonRows(m, hex).join(',\n    ')}\n  ]`;
  const w = Array.from(c.weights, (a, j) => formatNumberJson(a, hex, `weights[${j}]`)).join(', ');
  return `{\n${head}  "keys": ${rows({ rows: c.m, cols: c.d, data: c.K })},\n  "values": ${rows({ rows: c.m, cols: c.dv, data: c.V })},\n  "weights": [${w}]\n}\n`;
}

/**
 * Writes a cache to `.safetensors` (F64 tensors `keys`, `values`,
 * `weights`, bit-exact) or `.json` (exact with `hex`), atomically
 * (`writeBytes`: a temporary file in the same directory, renamed over
 * `path` only when complete, so a failed write leaves any previous file
 * intact).
 * @lemma def:compressed-cache
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { quantizeCache, readCacheFile, sphereInstance, writeCacheFile } from 'attn-coreset';
 *
 * const dir = mkdtempSync(join(tmpdir(), 'attn-'));
 * const inst = sphereInstance({ n: 16, d: 4 });
 * const cache = quantizeCache(inst, { bits: 8, group: 4 });
 * writeCacheFile(join(dir, 'int8.safetensors'), cache); // or .json
 * console.log(readCacheFile(join(dir, 'int8.safetensors'), 4, 4).m); // 16
 * ```
 */
export function writeCacheFile(path: string, c: Cache, options: { hex?: boolean; extra?: Record<string, unknown> } = {}): void {
  const ext = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase();
  let content: Uint8Array | string;
  if (ext === 'safetensors') {
    content = encodeSafetensors({ keys: { rows: c.m, cols: c.d, data: c.K }, values: { rows: c.m, cols: c.dv, data: c.V }, weights: { rows: 1, cols: c.m, data: c.weights } });
  } else if (ext === 'json') {
    content = formatCacheJson(c, options);
  } else {
    throw new InputError('usage', path, `a cache is written as .safetensors or .json${ext === 'npz' ? ' (no npz writer in this build)' : ''}`);
  }
  writeBytes(path, content, path);
}
