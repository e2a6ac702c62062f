/**
 * Hugging Face `.safetensors` files: an 8-byte little-endian header length,
 * a JSON header naming each tensor's dtype, shape and byte range, then the
 * little-endian data.
 * @module
 */
import { InputError } from '../errors.js';
import type { Mat64 } from '../types.js';
import { bfloat16ToDouble, halfToDouble } from './half.js';
import { listSome } from './limits.js';
import { parseSafetensorsHeader, type SafetensorsEntry } from './safetensors-header.js';
import { matrixShape } from './shape.js';

export { looksLikeSafetensors, parseSafetensorsHeader, type SafetensorsEntry, type SafetensorsHeader } from './safetensors-header.js';

const SIZES: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2 };

/**
 * Decodes one tensor of a safetensors file into a binary64 matrix: the one
 * named `tensor`, or the only tensor when `tensor` is undefined. F64, F32,
 * F16 and BF16 are widened exactly; shapes map by {@link matrixShape}.
 *
 * Special cases: a missing or ambiguous name lists the available tensors;
 * other dtypes (I64, U8, F8_E4M3, …) are named in the {@link InputError}.
 * @lemma def:instance
 * @example
 * ```ts
 * import { decodeSafetensors, encodeSafetensors } from 'attn-coreset';
 *
 * const bytes = encodeSafetensors({ keys: { rows: 1, cols: 2, data: new Float64Array([0.6, 0.8]) } });
 * console.log(decodeSafetensors(bytes, 'cache.safetensors', 'keys').data); // Float64Array [0.6, 0.8]
 * ```
 */
export function decodeSafetensors(bytes: Uint8Array, where: string, tensor?: string): Mat64 {
  const { tensors, dataStart } = parseSafetensorsHeader(bytes, where);
  const names = listSome(tensors.map((t) => `'${listSome([t.name])}' (${t.dtype} [${listSome(t.shape, 4)}])`), 10) || 'none';
  let entry: SafetensorsEntry | undefined;
  if (tensor === undefined) {
    if (tensors.length !== 1) {
      throw new InputError('usage', where, `has ${tensors.length} tensors; name one as ${where}:NAME. Available: ${names}`);
    }
    entry = tensors[0];
  } else {
    entry = tensors.find((t) => t.name === tensor);
    if (entry === undefined) throw new InputError('usage', where, `has no tensor '${listSome([tensor])}'. Available: ${names}`);
  }
  const at = `${where}:${entry.name}`;
  const size = SIZES[entry.dtype];
  if (size === undefined) throw new InputError('format', at, `has dtype ${entry.dtype}; supported are F64, F32, F16 and BF16`);
  const { rows, cols } = matrixShape(entry.shape, at);
  const dv = new DataView(bytes.buffer, bytes.byteOffset + dataStart + entry.offsets[0], entry.offsets[1] - entry.offsets[0]);
  const count = rows * cols;
  const data = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const o = t * size;
    data[t] =
      entry.dtype === 'F64' ? dv.getFloat64(o, true)
      : entry.dtype === 'F32' ? dv.getFloat32(o, true)
      : entry.dtype === 'F16' ? halfToDouble(dv.getUint16(o, true))
      : bfloat16ToDouble(dv.getUint16(o, true));
  }
  return { rows, cols, data };
}

/**
 * Encodes matrices as a safetensors file (F64 or F32, shape [rows, cols]),
 * tensors in the given order, header padded with spaces to 8 bytes.
 *
 * Special cases: with F32, entries are rounded to the nearest float32.
 * @lemma def:instance
 * @example
 * ```ts
 * import { encodeSafetensors } from 'attn-coreset';
 *
 * const m = { rows: 1, cols: 2, data: new Float64Array([0.6, 0.8]) };
 * const f64 = encodeSafetensors({ keys: m, values: m });
 * const f32 = encodeSafetensors({ keys: m, values: m }, 'F32');
 * console.log(f64.length > f32.length); // true
 * ```
 */
export function encodeSafetensors(tensors: Record<string, Mat64>, dtype: 'F64' | 'F32' = 'F64'): Uint8Array {
  const size = SIZES[dtype];
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const [name, m] of Object.entries(tensors)) {
    const len = m.data.length * size;
    header[name] = { dtype, shape: [m.rows, m.cols], data_offsets: [offset, offset + len] };
    offset += len;
  }
  let text = JSON.stringify(header);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const head = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + head.length + offset);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let o = 8 + head.length;
  for (const m of Object.values(tensors)) {
    for (const x of m.data) {
      if (size === 8) dv.setFloat64(o, x, true);
      else dv.setFloat32(o, x, true);
      o += size;
    }
  }
  return out;
}
