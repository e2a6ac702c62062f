/**
 * Reads version-2 conformance vector files (cache cases): JSON, the v2
 * schema, the header count, shapes (m rows of d and dv entries, base64
 * lengths), every entry finite, weights ≥ 0 and not all 0.
 * @module
 */
import { Ajv } from 'ajv';
import { validateCache } from '../../cache.js';
import { InputError } from '../../errors.js';
import type { Cache } from '../../types.js';
import { fromBase64 } from '../cache-response.js';
import { decodeInput, finiteHex, hexMatrix, readCheckedCases, type LoadedVector } from './read.js';
import { VECTORS_V2_SCHEMA } from './schema-v2.js';
import type { CacheVectorCase, VectorCache } from './types-v2.js';

const validate = new Ajv({ strict: true, allErrors: false }).compile(VECTORS_V2_SCHEMA);

/** A v2 vector with its input and cache decoded to doubles. */
export interface LoadedCacheVector extends Omit<LoadedVector, 'vector'> {
  readonly vector: CacheVectorCase;
  readonly cache: Cache;
}

function finiteBase64(text: string, count: number, where: string): Float64Array {
  const data = fromBase64(text, where);
  if (data.length !== count) throw new InputError('shape', where, `decodes to ${data.length} values, expected ${count}`);
  const bad = data.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new InputError('not-finite', `${where}[${bad}]`, `is ${data[bad]}`);
  return data;
}

/**
 * Decodes a vector's cache against the instance's d and dv
 * (`def:compressed-cache`); InputError naming the member on a bad shape.
 * @lemma def:compressed-cache
 */
export function decodeVectorCache(c: VectorCache, d: number, dv: number, where: string): Cache {
  const { m } = c;
  let cache: Cache;
  if (c.encoding === 'base64') {
    if (typeof c.keys !== 'string' || typeof c.values !== 'string' || typeof c.weights !== 'string') throw new InputError('format', where, 'a base64 cache has base64 strings as keys, values and weights');
    cache = { m, d, dv, K: finiteBase64(c.keys, m * d, `${where}.keys`), V: finiteBase64(c.values, m * dv, `${where}.values`), weights: finiteBase64(c.weights, m, `${where}.weights`) };
  } else {
    if (typeof c.keys === 'string' || typeof c.values === 'string' || typeof c.weights === 'string') throw new InputError('format', where, 'a hex cache has rows of hex floats as keys, values and weights');
    if (c.weights.length !== m) throw new InputError('shape', `${where}.weights`, `has ${c.weights.length} entries, expected m = ${m}`);
    cache = { m, d, dv, K: hexMatrix(c.keys, m, d, `${where}.keys`), V: hexMatrix(c.values, m, dv, `${where}.values`), weights: Float64Array.from(c.weights, (w, j) => finiteHex(w, `${where}.weights[${j}]`)) };
  }
  validateCache(cache, d, dv, where);
  return cache;
}

/**
 * Reads one version-2 vector file and checks it against the v2 schema, its
 * header and the shapes of every input and cache.
 * @lemma def:compressed-cache
 */
export function readCacheVectorFile(path: string): LoadedCacheVector[] {
  const { file, cases } = readCheckedCases<CacheVectorCase>(path, 2, validate);
  return cases.map((vector) => {
    const where = `${path}: ${vector.id}`;
    const input = decodeInput(vector.input, where);
    return { file, vector, ...input, cache: decodeVectorCache(vector.cache, input.inst.d, input.inst.dv, `${where} cache`) };
  });
}
