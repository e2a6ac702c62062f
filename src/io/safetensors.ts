/**
 * Hugging Face `.safetensors` files: an 8-byte little-endian header length,
 * a JSON header naming each tensor's dtype, shape and byte range, then the
 * little-endian data.
 * @module
 */
import { InputError } from '../errors.js';
import type { Mat64 } from '../types.js';
import { bfloat16ToDouble, halfToDouble } from './half.js';
import { matrixShape } from './shape.js';

/** One tensor's entry in a safetensors header. */
export interface SafetensorsEntry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Byte range [begin, end) relative to the start of the data section. */
  readonly offsets: readonly [number, number];
}

/** A parsed safetensors header: its tensors and where the data starts. */
export interface SafetensorsHeader {
  readonly tensors: readonly SafetensorsEntry[];
  readonly dataStart: number;
}

const SIZES: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2 };
/** Header lengths beyond this are rejected as corrupt (the format's own limit is 100 MB). */
const MAX_HEADER = 100_000_000;

/**
 * Whether `bytes` looks like a safetensors file: a header length that fits in
 * the file and a header starting with "{". @internal
 * @lemma def:instance
 */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  return n >= 2n && n <= BigInt(bytes.length - 8) && bytes[8] === 0x7b;
}

/**
 * Parses and checks a safetensors header: every tensor has a string dtype, a
 * shape of non-negative integers and data offsets with
 * begin ≤ end ≤ data length and end − begin = (product of shape)·(dtype size)
 * for the float dtypes.
 *
 * Special cases: every problem is an {@link InputError} (`format`) naming
 * `where` and, when it concerns one tensor, the tensor.
 * @lemma def:instance
 */
export function parseSafetensorsHeader(bytes: Uint8Array, where: string): SafetensorsHeader {
  if (bytes.length < 8) throw new InputError('format', where, `is not a .safetensors file: ${bytes.length} bytes, shorter than the 8-byte header length`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(Math.min(bytes.length - 8, MAX_HEADER))) {
    throw new InputError('format', where, `is not a .safetensors file (or is truncated): header length ${n} exceeds the ${bytes.length - 8} bytes after it`);
  }
  const dataStart = 8 + Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (e) {
    throw new InputError('format', where, `is not a .safetensors file: header is not JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new InputError('format', where, 'safetensors header is not a JSON object');
  const dataLen = bytes.length - dataStart;
  const tensors: SafetensorsEntry[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const at = `${where} tensor '${name}'`;
    const t = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (t === null || typeof t !== 'object' || typeof t.dtype !== 'string') throw new InputError('format', at, 'has no string dtype');
    const intList = (v: unknown): v is number[] => Array.isArray(v) && v.every((s) => Number.isSafeInteger(s) && s >= 0);
    if (!intList(t.shape)) throw new InputError('format', at, 'has no shape of non-negative integers');
    if (!intList(t.data_offsets) || t.data_offsets.length !== 2) throw new InputError('format', at, 'has no data_offsets [begin, end]');
    const [begin, end] = t.data_offsets;
    if (begin > end || end > dataLen) {
      throw new InputError('format', at, `data_offsets [${begin}, ${end}] lie outside the ${dataLen} data bytes (file truncated?)`);
    }
    const size = SIZES[t.dtype];
    if (size !== undefined) {
      const need = t.shape.reduce((a, b) => a * b, 1) * size;
      if (end - begin !== need) throw new InputError('format', at, `shape [${t.shape.join(', ')}] of ${t.dtype} needs ${need} bytes, data_offsets give ${end - begin}`);
    }
    tensors.push({ name, dtype: t.dtype, shape: t.shape, offsets: [begin, end] });
  }
  return { tensors, dataStart };
}

/**
 * Decodes one tensor of a safetensors file into a binary64 matrix: the one
 * named `tensor`, or the only tensor when `tensor` is undefined. F64, F32,
 * F16 and BF16 are widened exactly; shapes map by {@link matrixShape}.
 *
 * Special cases: a missing or ambiguous name lists the available tensors;
 * other dtypes (I64, U8, F8_E4M3, …) are named in the {@link InputError}.
 * @lemma def:instance
 */
export function decodeSafetensors(bytes: Uint8Array, where: string, tensor?: string): Mat64 {
  const { tensors, dataStart } = parseSafetensorsHeader(bytes, where);
  const names = tensors.map((t) => `'${t.name}' (${t.dtype} [${t.shape.join(', ')}])`).join(', ') || 'none';
  let entry: SafetensorsEntry | undefined;
  if (tensor === undefined) {
    if (tensors.length !== 1) {
      throw new InputError('usage', where, `has ${tensors.length} tensors; name one as ${where}:NAME. Available: ${names}`);
    }
    entry = tensors[0];
  } else {
    entry = tensors.find((t) => t.name === tensor);
    if (entry === undefined) throw new InputError('usage', where, `has no tensor '${tensor}'. Available: ${names}`);
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
