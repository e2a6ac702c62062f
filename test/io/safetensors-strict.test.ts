import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, parseSafetensorsHeader } from '../../src/io/safetensors.js';

/** A safetensors file from header text (as written, so `3.0` stays `3.0`) and data bytes. */
function fromText(headerText: string, data: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + head.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  out.set(data, 8 + head.length);
  return out;
}
const t = (dtype: string, shape: string, begin: number, end: number): string => `{"dtype":"${dtype}","shape":${shape},"data_offsets":[${begin},${end}]}`;

// Each case is a rule of the reference implementation (huggingface/safetensors,
// Metadata::validate / read_metadata), which refuses these files.
describe('parseSafetensorsHeader (strict like the reference)', () => {
  it('refuses trailing bytes after the last tensor', () => {
    const f = fromText(`{"x":${t('F64', '[1]', 0, 8)}}`, new Uint8Array(9));
    expect(() => parseSafetensorsHeader(f, 'tr.safetensors')).toThrow(/tr\.safetensors: has 1 bytes after the last tensor's data/);
  });

  it('refuses overlapping tensor ranges and gaps between them', () => {
    const overlap = fromText(`{"a":${t('F64', '[2]', 0, 16)},"b":${t('F64', '[1]', 8, 16)}}`, new Uint8Array(16));
    expect(() => parseSafetensorsHeader(overlap, 'o.safetensors')).toThrow(/tensor 'b': data_offsets \[8, 16\] overlaps the previous tensor, which ends at 16/);
    const same = fromText(`{"a":${t('F64', '[1]', 0, 8)},"b":${t('F64', '[1]', 0, 8)}}`, new Uint8Array(8));
    expect(() => parseSafetensorsHeader(same, 's.safetensors')).toThrow(/overlaps the previous tensor/);
    const gap = fromText(`{"a":${t('F64', '[1]', 0, 8)},"b":${t('F64', '[1]', 16, 24)}}`, new Uint8Array(24));
    expect(() => parseSafetensorsHeader(gap, 'g.safetensors')).toThrow(/tensor 'b': data_offsets \[16, 24\] leaves bytes 8\.\.16 unused/);
    const late = fromText(`{"a":${t('F64', '[1]', 8, 16)}}`, new Uint8Array(16));
    expect(() => parseSafetensorsHeader(late, 'l.safetensors')).toThrow(/leaves bytes 0\.\.8 unused/);
  });

  it('accepts tensors listed out of offset order, as the reference does (it sorts by offsets)', () => {
    const f = fromText(`{"b":${t('F64', '[1]', 8, 16)},"a":${t('F64', '[1]', 0, 8)}}`, new Uint8Array(Float64Array.of(1, 2).buffer));
    expect(Array.from(decodeSafetensors(f, 'r.safetensors', 'b').data)).toEqual([2]);
  });

  it('refuses float dimensions and offsets like 3.0 or 1e0', () => {
    const dim = fromText(`{"x":{"dtype":"F64","shape":[1.0],"data_offsets":[0,8]}}`, new Uint8Array(8));
    expect(() => parseSafetensorsHeader(dim, 'f.safetensors')).toThrow(/header has the number 1\.0; shapes and data_offsets are integers/);
    const off = fromText(`{"x":{"dtype":"F64","shape":[1],"data_offsets":[0,8e0]}}`, new Uint8Array(8));
    expect(() => parseSafetensorsHeader(off, 'f.safetensors')).toThrow(/the number 8e0/);
    // A "3.0" inside a string (a tensor name, metadata) is text, not a number.
    const named = fromText(`{"__metadata__":{"v":"3.0"},"x3.0":${t('F64', '[1]', 0, 8)}}`, new Uint8Array(8));
    expect(parseSafetensorsHeader(named, 'n.safetensors').tensors.map((e) => e.name)).toEqual(['x3.0']);
  });

  it('refuses unknown dtypes, non-string metadata, negative or missing offsets, and a header over 100 MB', () => {
    expect(() => parseSafetensorsHeader(fromText(`{"x":${t('F65', '[1]', 0, 8)}}`, new Uint8Array(8)), 'd.safetensors')).toThrow(/dtype "F65", which the safetensors format does not define/);
    expect(() => parseSafetensorsHeader(fromText(`{"__metadata__":{"n":1},"x":${t('F64', '[1]', 0, 8)}}`, new Uint8Array(8)), 'm.safetensors')).toThrow(/__metadata__: must map strings to strings/);
    expect(() => parseSafetensorsHeader(fromText(`{"x":{"dtype":"F64","shape":[1],"data_offsets":[-8,0]}}`, new Uint8Array(8)), 'n.safetensors')).toThrow(/data_offsets \[begin, end\] of non-negative integers/);
    const big = new Uint8Array(8 + 100_000_001);
    new DataView(big.buffer).setBigUint64(0, 100_000_001n, true);
    big[8] = 0x7b;
    expect(() => parseSafetensorsHeader(big, 'h.safetensors')).toThrow(/100000001-byte safetensors header, beyond the format's limit of 100000000/);
  });

  it('refuses an overflowing shape and counts sub-byte dtypes in bits', () => {
    const huge = fromText(`{"x":${t('F64', `[${2 ** 40}, ${2 ** 40}]`, 0, 8)}}`, new Uint8Array(8));
    expect(() => parseSafetensorsHeader(huge, 'o.safetensors')).toThrow(/overflows/);
    const f4 = fromText(`{"x":${t('F4', '[4]', 0, 2)}}`, new Uint8Array(2));
    expect(parseSafetensorsHeader(f4, 'f4.safetensors').tensors[0].offsets).toEqual([0, 2]);
  });

  it('accepts what encodeSafetensors writes, and an empty header padded with spaces', () => {
    const m = { rows: 2, cols: 1, data: Float64Array.of(1, 2) };
    expect(parseSafetensorsHeader(encodeSafetensors({ a: m, b: m }), 'ok.safetensors').tensors).toHaveLength(2);
    expect(parseSafetensorsHeader(fromText('{}      ', new Uint8Array(0)), 'e.safetensors').tensors).toEqual([]);
  });
});
