import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { decodeSafetensors, encodeSafetensors, parseSafetensorsHeader } from '../../src/io/safetensors.js';

/** A safetensors file built by hand: header JSON, then the raw data bytes. */
function handMade(header: unknown, data: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + head.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  out.set(data, 8 + head.length);
  return out;
}

const u16 = (...xs: number[]): Uint8Array => {
  const b = new Uint8Array(2 * xs.length);
  xs.forEach((x, k) => new DataView(b.buffer).setUint16(2 * k, x, true));
  return b;
};

describe('decodeSafetensors', () => {
  it('reads F16 and BF16 exactly, including subnormal and infinite halves', () => {
    // F16: 1.5 = 0x3e00, −2 = 0xc000, 2⁻²⁴ = 0x0001, 65504 = 0x7bff, ∞ = 0x7c00.
    const f16 = handMade({ h: { dtype: 'F16', shape: [5], data_offsets: [0, 10] } }, u16(0x3e00, 0xc000, 0x0001, 0x7bff, 0x7c00));
    expect(Array.from(decodeSafetensors(f16, 'h.safetensors').data)).toEqual([1.5, -2, 2 ** -24, 65504, Infinity]);
    // BF16: 1.5 = 0x3fc0, −0.15625 = 0xbe20, 2¹²⁷ = 0x7f00.
    const bf = handMade({ b: { dtype: 'BF16', shape: [1, 3], data_offsets: [0, 6] } }, u16(0x3fc0, 0xbe20, 0x7f00));
    expect(Array.from(decodeSafetensors(bf, 'b.safetensors').data)).toEqual([1.5, -0.15625, 2 ** 127]);
  });

  it('selects a tensor by name and lists the names when none or a wrong one is given', () => {
    const file = encodeSafetensors({ keys: { rows: 2, cols: 1, data: Float64Array.of(1, 2) }, values: { rows: 2, cols: 2, data: Float64Array.of(3, 4, 5, 6) } });
    expect(Array.from(decodeSafetensors(file, 'kv.safetensors', 'values').data)).toEqual([3, 4, 5, 6]);
    expect(() => decodeSafetensors(file, 'kv.safetensors')).toThrow(/has 2 tensors; name one as kv\.safetensors:NAME\. Available: 'keys' \(F64 \[2, 1\]\), 'values'/);
    expect(() => decodeSafetensors(file, 'kv.safetensors', 'queries')).toThrow(/no tensor 'queries'\. Available: 'keys'/);
  });

  it('reads from a view that starts inside a larger buffer (non-zero byteOffset)', () => {
    const file = encodeSafetensors({ t: { rows: 1, cols: 2, data: Float64Array.of(0.25, -8) } });
    const big = new Uint8Array(file.length + 5);
    big.set(file, 5);
    expect(Array.from(decodeSafetensors(big.subarray(5), 'view.safetensors').data)).toEqual([0.25, -8]);
  });

  it('skips __metadata__ and takes the only tensor', () => {
    const f = handMade({ __metadata__: { format: 'pt' }, x: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, Uint8Array.of(0, 0, 0xc0, 0x3f));
    expect(Array.from(decodeSafetensors(f, 'x.safetensors').data)).toEqual([1.5]);
  });

  it('names unsupported dtypes', () => {
    const f = handMade({ ids: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8));
    expect(() => decodeSafetensors(f, 'ids.safetensors')).toThrow(/ids\.safetensors:ids: has dtype I64/);
  });

  it('rejects offsets outside the data, sizes that disagree with the shape, and impossible header lengths', () => {
    const out = handMade({ x: { dtype: 'F64', shape: [2], data_offsets: [0, 16] } }, new Uint8Array(8));
    expect(() => parseSafetensorsHeader(out, 'o.safetensors')).toThrow(/data_offsets \[0, 16\] lie outside the 8 data bytes/);
    const size = handMade({ x: { dtype: 'F64', shape: [2], data_offsets: [0, 8] } }, new Uint8Array(8));
    expect(() => parseSafetensorsHeader(size, 's.safetensors')).toThrow(/needs 16 bytes, data_offsets give 8/);
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 1n << 40n, true);
    expect(() => parseSafetensorsHeader(huge, 'h.safetensors')).toThrow(/header length 1099511627776 exceeds the 8 bytes/);
    const notJson = handMade({}, new Uint8Array(0));
    notJson[8] = 0x78;
    expect(() => parseSafetensorsHeader(notJson, 'j.safetensors')).toThrow(InputError);
  });
});

describe('encodeSafetensors (property)', () => {
  it('round-trips binary64 matrices exactly through F64, and to float32 through F32', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.float64Array({ minLength: 0, maxLength: 12 }), (cols, arr) => {
        const rows = Math.floor(arr.length / cols);
        const m = { rows, cols, data: arr.slice(0, rows * cols) };
        const back = decodeSafetensors(encodeSafetensors({ t: m }), 't.safetensors');
        const back32 = decodeSafetensors(encodeSafetensors({ t: m }, 'F32'), 't.safetensors', 't');
        return back.rows === rows && m.data.every((x, k) => Object.is(back.data[k], x) && Object.is(back32.data[k], Math.fround(x)));
      }),
    );
  });
});
