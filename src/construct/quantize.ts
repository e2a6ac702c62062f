/**
 * KIVI-style quantized caches (`lem:quantization-error`): keys quantized per
 * channel over groups of G tokens, values per token over groups of G
 * channels, asymmetric min/max, b bits; the dequantized rows are the cache,
 * every weight 1 (Liu et al., KIVI, arXiv:2402.02750; the recipe of its
 * reference code: scale = (max − min)/(2^b − 1), code =
 * round(clamp((x − min)/scale, 0, 2^b − 1)), x̂ = code·scale + min).
 * @module
 */
import { InputError } from '../errors.js';
import type { Cache, Instance } from '../types.js';

/** Options of {@link quantizeCache}. */
export interface QuantizeOptions {
  /** Bits per entry: 2, 4 or 8. */
  readonly bits: number;
  /**
   * Group size G: keys share a (scale, min) per channel over G consecutive
   * tokens, values per token over G consecutive channels; the last group of
   * a dimension may be shorter. @defaultValue 32
   */
  readonly group?: number;
}

/** Round half to even, as torch.round and numpy.round do (Math.round rounds half up). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Quantizes the entries at `data[base + t·stride]`, t < count, as one group
 * and writes the dequantized values to `out` at the same places.
 */
function quantizeGroup(data: Float64Array, out: Float64Array, base: number, stride: number, count: number, maxInt: number): void {
  let mn = Infinity;
  let mx = -Infinity;
  for (let t = 0; t < count; t++) {
    const x = data[base + t * stride];
    if (x < mn) mn = x;
    if (x > mx) mx = x;
  }
  const scale = (mx - mn) / maxInt;
  for (let t = 0; t < count; t++) {
    const at = base + t * stride;
    // A constant group (scale 0) dequantizes to its value exactly.
    if (scale === 0) {
      out[at] = mn;
      continue;
    }
    const code = roundHalfEven(Math.min(maxInt, Math.max(0, (data[at] - mn) / scale)));
    out[at] = code * scale + mn;
  }
}

/**
 * Computes the KIVI-style quantized cache of an instance (`lem:quantization-error`):
 * keys per channel (groups of G tokens along the token axis), values per
 * token (groups of G channels), asymmetric min/max at b bits, dequantized;
 * m = n rows, every weight 1 (`def:compressed-cache`).
 *
 * Method: per group, scale = (max − min)/(2^b − 1), code =
 * round_half_even(clamp((x − min)/scale, 0, 2^b − 1)), x̂ = code·scale + min
 * (the order of operations of KIVI's reference code, in binary64).
 *
 * Error: every entry moves by at most scale/2 plus rounding
 * (`lem:quantization-error`).
 * @example
 * ```ts
 * import { coresetError, quantizeCache, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const int4 = quantizeCache(inst, { bits: 4, group: 4 }); // KIVI-style int4, dequantized rows
 * console.log(int4.m, coresetError(inst, new Float64Array([1, 0, 0, 0]), int4));
 * ```
 * @lemma lem:quantization-error
 * @lemma def:compressed-cache
 */
export function quantizeCache(inst: Instance, options: QuantizeOptions): Cache {
  const { bits } = options;
  const group = options.group ?? 32;
  if (bits !== 2 && bits !== 4 && bits !== 8) throw new InputError('parameter', 'bits', `must be 2, 4 or 8, got ${bits}`);
  if (!Number.isInteger(group) || group < 1) throw new InputError('parameter', 'group', `must be a positive integer, got ${group}`);
  const { n, d, dv } = inst;
  const maxInt = 2 ** bits - 1;
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * dv);
  for (let t0 = 0; t0 < n; t0 += group) {
    const count = Math.min(group, n - t0);
    for (let a = 0; a < d; a++) quantizeGroup(inst.K, K, t0 * d + a, d, count, maxInt);
  }
  for (let i = 0; i < n; i++) {
    for (let c0 = 0; c0 < dv; c0 += group) quantizeGroup(inst.V, V, i * dv + c0, 1, Math.min(group, dv - c0), maxInt);
  }
  return { m: n, d, dv, K, V, weights: new Float64Array(n).fill(1) };
}

/**
 * Bytes a quantized cache occupies: b bits per entry plus, per group, a
 * scale and a minimum stored as float16 (2 bytes each, as KIVI stores them):
 * n(d + dv)b/8 + 4·(d·⌈n/G⌉ + n·⌈dv/G⌉). A float row costs (d + dv)·8 bytes.
 * @lemma lem:quantization-error
 * @example
 * ```ts
 * import { quantizedBytes } from 'attn-coreset';
 *
 * // Memory of an int4 cache of 4096 rows, d = dv = 64, groups of 32 (scales and offsets included).
 * console.log(quantizedBytes(4096, 64, 64, 4, 32));
 * ```
 */
export function quantizedBytes(n: number, d: number, dv: number, bits: number, group: number): number {
  return (n * (d + dv) * bits) / 8 + 4 * (d * Math.ceil(n / group) + n * Math.ceil(dv / group));
}
