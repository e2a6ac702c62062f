/**
 * The payload of a protocol-2 `cache` response (`conformance/protocol.md`,
 * "Protocol 2: cache responses"): `{"keys", "values",
 * "weights"}`, each member either JSON rows of numbers / exact hex-float
 * strings, or one base64 string of little-endian binary64 values (row-major).
 * Decoding never throws: bad payloads become a {@link Failure}.
 * @module
 */
import { validateCache } from '../cache.js';
import { InputError } from '../errors.js';
import { describeJson, parseNumericValue } from '../io/numeric.js';
import type { Cache } from '../types.js';
import type { Failure } from './failure.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes base64 little-endian binary64 values (exact); throws an
 * InputError naming `where` on text that is not canonical base64 or a
 * length that is not a whole number of values.
 * @lemma def:compressed-cache
 */
export function fromBase64(text: string, where: string): Float64Array {
  if (!BASE64.test(text)) throw new InputError('format', where, 'is not canonical base64');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 8 !== 0) throw new InputError('shape', where, `decodes to ${bytes.length} bytes, not a whole number of binary64 values`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Float64Array.from({ length: bytes.length / 8 }, (_, t) => view.getFloat64(8 * t, true));
}

/** A member as a flat row-major array of `rows × cols` entries. */
function member(value: unknown, where: string, rows: number, cols: number): Float64Array {
  if (typeof value === 'string') {
    const data = fromBase64(value, where);
    if (data.length !== rows * cols) throw new InputError('shape', where, `has ${data.length} values, expected ${rows} × ${cols} = ${rows * cols}`);
    return data;
  }
  if (!Array.isArray(value)) throw new InputError('format', where, `expected rows or a base64 string, got ${describeJson(value)}`);
  if (value.length !== rows) throw new InputError('shape', where, `has ${value.length} rows, the weights say m = ${rows}`);
  const out = new Float64Array(rows * cols);
  value.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) throw new InputError('shape', `${where}[${i}]`, `expected ${cols} entries, got ${describeJson(row)}`);
    row.forEach((x, j) => (out[i * cols + j] = parseNumericValue(x, `${where}[${i}][${j}]`)));
  });
  return out;
}

/**
 * Decodes a v2 cache payload against the request's d and dv into a checked
 * {@link Cache} (`def:compressed-cache`), or a {@link Failure} `schema`
 * (shape, encoding) / `invalid-coreset` (NaN/∞, negative or all-zero
 * weights, m = 0) naming the member and entry.
 * @lemma def:compressed-cache
 */
export function decodeCacheResponse(value: unknown, d: number, dv: number): Cache | Failure {
  try {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError('format', 'response', `expected an object, got ${describeJson(value)}`);
    const o = value as Record<string, unknown>;
    for (const k of ['keys', 'values', 'weights']) if (!(k in o)) throw new InputError('format', 'response', `has no "${k}"`);
    const weights = typeof o.weights === 'string' ? fromBase64(o.weights, 'response.weights') : Array.isArray(o.weights) ? Float64Array.from(o.weights, (x, j) => parseNumericValue(x, `response.weights[${j}]`)) : null;
    if (weights === null) throw new InputError('format', 'response.weights', `expected an array or a base64 string, got ${describeJson(o.weights)}`);
    const m = weights.length;
    const cache: Cache = { m, d, dv, K: member(o.keys, 'response.keys', m, d), V: member(o.values, 'response.values', m, dv), weights };
    validateCache(cache, d, dv, 'response');
    return cache;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const semantic = e.code === 'not-finite' || e.code === 'negative-weight' || e.code === 'zero-weights' || e.code === 'empty';
    return { reason: semantic ? 'invalid-coreset' : 'schema', message: e.message };
  }
}

/**
 * Encodes binary64 values as the base64 of their little-endian bytes (the
 * v2 wire form; exact).
 * @lemma def:compressed-cache
 */
export function encodeBase64Float64(data: Float64Array): string {
  const bytes = new Uint8Array(data.length * 8);
  const view = new DataView(bytes.buffer);
  data.forEach((x, t) => view.setFloat64(8 * t, x, true));
  return Buffer.from(bytes).toString('base64');
}
