/**
 * The `.safetensors` header, checked as strictly as the format's reference
 * implementation (huggingface/safetensors, `Metadata::validate` and
 * `read_metadata`): known dtypes, integer shapes and offsets, tensors that
 * tile the data section from byte 0 with no gap, overlap or trailing byte.
 * @module
 */
import { InputError } from '../errors.js';
import { listSome } from './limits.js';

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

/** The format's own header limit (`MAX_HEADER_SIZE` of the reference). */
const MAX_HEADER = 100_000_000;

/** Bits per entry of every dtype the reference knows (sub-byte ones included). */
const DTYPE_BITS: Record<string, number> = {
  BOOL: 8, F4: 4, F6_E2M3: 6, F6_E3M2: 6, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8,
  I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32, F32: 32, F64: 64, C64: 64, I64: 64, U64: 64,
};

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
 * The first JSON number literal outside strings that is not written as an
 * integer (`3.0`, `1e2`), if any: the reference reads shapes and offsets as
 * unsigned integers and refuses those, while `JSON.parse` turns `3.0` into 3.
 * Linear scan. (Stricter than the reference only for a float in an unknown
 * field of a tensor entry, which no writer puts there.)
 */
function nonIntegerLiteral(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i;
      while (j < text.length && /[-+0-9.eE]/.test(text[j])) j++;
      const lit = text.slice(i, j);
      if (/[.eE]/.test(lit)) return lit.length > 24 ? `${lit.slice(0, 24)}…` : lit;
      i = j - 1;
    }
  }
  return undefined;
}

/**
 * Parses and checks a safetensors header as the reference implementation
 * does: the header length is at most 100,000,000 and fits in the file, the
 * header is UTF-8 JSON starting with "{", `__metadata__` (optional) maps
 * strings to strings, and every other key is a tensor with a known dtype, a
 * shape of non-negative integers and integer `data_offsets` [begin, end].
 * Sorted by offsets, the tensors must start at 0, each beginning where the
 * previous ended, with end − begin = (product of shape)·(dtype size), and the
 * last must end at the end of the file.
 *
 * Special cases: every violation (float dimension `3.0`, unknown dtype,
 * overlap, gap, tensors out of the data, trailing bytes, overflowing shape)
 * is an {@link InputError} (`format`) naming `where` and, when it concerns
 * one tensor, the tensor.
 * @lemma def:instance
 */
export function parseSafetensorsHeader(bytes: Uint8Array, where: string): SafetensorsHeader {
  if (bytes.length < 8) throw new InputError('format', where, `is not a .safetensors file: ${bytes.length} bytes, shorter than the 8-byte header length`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) {
    throw new InputError('format', where, `is not a .safetensors file (or is truncated): header length ${n} exceeds the ${bytes.length - 8} bytes after it`);
  }
  if (n > BigInt(MAX_HEADER)) throw new InputError('format', where, `has a ${n}-byte safetensors header, beyond the format's limit of ${MAX_HEADER}`);
  const dataStart = 8 + Number(n);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart));
  } catch {
    throw new InputError('format', where, 'is not a .safetensors file: header is not UTF-8');
  }
  if (!text.startsWith('{')) throw new InputError('format', where, 'is not a .safetensors file: header does not start with "{"');
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new InputError('format', where, `is not a .safetensors file: header is not JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new InputError('format', where, 'safetensors header is not a JSON object');
  const bad = nonIntegerLiteral(text);
  if (bad !== undefined) throw new InputError('format', where, `safetensors header has the number ${bad}; shapes and data_offsets are integers`);
  const tensors: SafetensorsEntry[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      checkMetadata(raw, where);
      continue;
    }
    tensors.push(entry(name, raw, `${where} tensor '${name}'`));
  }
  checkTiling(tensors, bytes.length - dataStart, where);
  return { tensors, dataStart };
}

function checkMetadata(raw: unknown, where: string): void {
  const ok = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.values(raw).every((v) => typeof v === 'string');
  if (!ok) throw new InputError('format', `${where} __metadata__`, 'must map strings to strings');
}

function entry(name: string, raw: unknown, at: string): SafetensorsEntry {
  const t = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (t === null || typeof t !== 'object' || Array.isArray(t) || typeof t.dtype !== 'string') throw new InputError('format', at, 'has no string dtype');
  if (!Object.hasOwn(DTYPE_BITS, t.dtype)) throw new InputError('format', at, `has dtype ${JSON.stringify(t.dtype.slice(0, 24))}, which the safetensors format does not define`);
  const intList = (v: unknown): v is number[] => Array.isArray(v) && v.every((s) => Number.isSafeInteger(s) && s >= 0);
  if (!intList(t.shape)) throw new InputError('format', at, 'has no shape of non-negative integers');
  if (!intList(t.data_offsets) || t.data_offsets.length !== 2) throw new InputError('format', at, 'has no data_offsets [begin, end] of non-negative integers');
  return { name, dtype: t.dtype, shape: t.shape, offsets: [t.data_offsets[0], t.data_offsets[1]] };
}

function checkTiling(tensors: SafetensorsEntry[], dataLen: number, where: string): void {
  const sorted = [...tensors].sort((a, b) => a.offsets[0] - b.offsets[0] || a.offsets[1] - b.offsets[1]);
  let next = 0;
  for (const t of sorted) {
    const at = `${where} tensor '${t.name}'`;
    const [begin, end] = t.offsets;
    if (begin > end || end > dataLen) {
      throw new InputError('format', at, `data_offsets [${begin}, ${end}] lie outside the ${dataLen} data bytes (file truncated?)`);
    }
    if (begin !== next) {
      const why = begin < next ? `overlaps the previous tensor, which ends at ${next}` : `leaves bytes ${next}..${begin} unused`;
      throw new InputError('format', at, `data_offsets [${begin}, ${end}] ${why}; tensors must tile the data section from byte 0`);
    }
    let count = 1;
    for (const s of t.shape) count *= s;
    const bits = count * DTYPE_BITS[t.dtype];
    if (!Number.isSafeInteger(bits)) throw new InputError('format', at, `shape [${listSome(t.shape)}] of ${t.dtype} overflows: more bytes than any file has`);
    if (bits % 8 !== 0) throw new InputError('format', at, `shape [${listSome(t.shape)}] of ${t.dtype} is ${bits} bits, not whole bytes`);
    const need = bits / 8;
    if (end - begin !== need) throw new InputError('format', at, `shape [${listSome(t.shape)}] of ${t.dtype} needs ${need} bytes, data_offsets give ${end - begin}`);
    next = end;
  }
  if (next !== dataLen) throw new InputError('format', where, `has ${dataLen - next} bytes after the last tensor's data (the format allows none)`);
}
