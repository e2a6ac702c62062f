import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { decodeNpy, encodeNpy } from '../../src/io/npy.js';
import { readMatrix } from '../../src/io/read-matrix.js';
import { npyBytes } from '../helpers/npy.js';

const FIX = new URL('../fixtures/io/', import.meta.url);
const fixture = (name: string): string => new URL(`npy/${name}`, FIX).pathname;
const expected = JSON.parse(readFileSync(new URL('npy-expected.json', FIX), 'utf8')) as {
  fixtures: Record<string, { rows: number; cols: number; values: number[] }>;
};

/** The bytes of a .npy file as a Python user's np.save writes them, built by hand. */
function handMadeNpy(descr: string, shape: string, payload: Uint8Array, fortran = false, version = 1): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
  const pre = version === 1 ? 10 : 12;
  return npyBytes(dict + ' '.repeat((64 - ((pre + dict.length + 1) % 64)) % 64) + '\n', payload, version);
}

function float32Payload(values: number[], little = true): Uint8Array {
  const b = new Uint8Array(values.length * 4);
  const dv = new DataView(b.buffer);
  values.forEach((x, k) => dv.setFloat32(4 * k, x, little));
  return b;
}

describe('decodeNpy', () => {
  it('reads every NumPy-written fixture to the values NumPy wrote (expected.json from gen_npy_fixtures.py)', () => {
    const names = Object.keys(expected.fixtures);
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const name of names) {
      const want = expected.fixtures[name];
      const m = readMatrix(fixture(name));
      expect([m.rows, m.cols], name).toEqual([want.rows, want.cols]);
      want.values.forEach((x, t) => expect(Object.is(m.data[t], x), `${name}[${t}]: ${m.data[t]} vs ${x}`).toBe(true));
    }
  });

  it('reads a float32 .npy as a Python user dumps it (bytes written by hand)', () => {
    const values = [0.1, -2.5, 3e-5, 1e30, -0, 7];
    const m = decodeNpy(handMadeNpy('<f4', '(2, 3)', float32Payload(values)), 'q.npy');
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual(values.map(Math.fround));
    expect(Object.is(m.data[4], -0)).toBe(true);
  });

  it('converts big-endian float32 and transposes Fortran order', () => {
    // Fortran order: column-major storage of [[1, 2, 3], [4, 5, 6]].
    const m = decodeNpy(handMadeNpy('>f4', '(2, 3)', float32Payload([1, 4, 2, 5, 3, 6], false), true), 'f.npy');
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads from a view that starts inside a larger buffer (non-zero byteOffset, unaligned)', () => {
    const file = handMadeNpy('<f8', '(2,)', new Uint8Array(new Float64Array([0.25, -8]).buffer));
    const big = new Uint8Array(file.length + 3);
    big.set(file, 3);
    expect(Array.from(decodeNpy(big.subarray(3), 'view.npy').data)).toEqual([0.25, -8]);
  });

  it('reads a version 2.0 header', () => {
    const m = decodeNpy(handMadeNpy('<f4', '(3,)', float32Payload([1, 2, 3]), false, 2), 'v2.npy');
    expect([m.rows, m.cols, ...m.data]).toEqual([1, 3, 1, 2, 3]);
  });

  it('reads a 1-D array of length d as one row', () => {
    const m = readMatrix(fixture('f8-1d.npy'));
    expect([m.rows, m.cols]).toEqual([1, 4]);
  });

  it('names the dtype it does not support', () => {
    expect(() => readMatrix(fixture('i8.npy'))).toThrow(/signed integer dtype '<i8'/);
    expect(() => readMatrix(fixture('object.npy'))).toThrow(/object .*dtype '\|O'/);
    expect(() => readMatrix(fixture('c16.npy'))).toThrow(/complex dtype '<c16'/);
    expect(() => readMatrix(fixture('structured.npy'))).toThrow(/structured dtype/);
  });

  it('rejects shapes that are not a matrix', () => {
    expect(() => readMatrix(fixture('f8-3d.npy'))).toThrow(/shape \(2, 3, 4\)/);
    expect(() => readMatrix(fixture('f8-scalar.npy'))).toThrow(/0-dimensional/);
  });

  it('reports NaN and ∞ entries with file, row and column', () => {
    expect(() => readMatrix(fixture('nan-1-2.npy'))).toThrow(/nan-1-2\.npy row 1, column 2: entry is NaN/);
    expect(() => readMatrix(fixture('inf-2-0.npy'))).toThrow(/inf-2-0\.npy row 2, column 0: entry is -Infinity/);
  });

  it('names expected and actual byte counts of truncated data, and extra bytes', () => {
    const full = handMadeNpy('<f4', '(2, 3)', float32Payload([1, 2, 3, 4, 5, 6]));
    expect(() => decodeNpy(full.subarray(0, full.length - 5), 'cut.npy')).toThrow(/cut\.npy: is truncated: .* needs 24 bytes of data, found 19/);
    const longer = new Uint8Array(full.length + 3);
    longer.set(full);
    expect(() => decodeNpy(longer, 'long.npy')).toThrow(/3 extra bytes/);
    expect(() => decodeNpy(full.subarray(0, 40), 'head.npy')).toThrow(/truncated: the header claims/);
  });

  it('says "not a .npy file" for wrong magic, and names unknown versions', () => {
    const text = new TextEncoder().encode('[[1, 2], [3, 4]]');
    expect(() => decodeNpy(text, 'x.npy')).toThrow(/x\.npy: not a \.npy file/);
    const v9 = handMadeNpy('<f8', '(1,)', new Uint8Array(8));
    v9[6] = 9;
    expect(() => decodeNpy(v9, 'v9.npy')).toThrow(/version 9\.0/);
  });

  it('rejects a header that is not a Python dict literal', () => {
    const bad = handMadeNpy('<f8', '(1,', new Uint8Array(8));
    expect(() => decodeNpy(bad, 'bad.npy')).toThrow(InputError);
  });
});

describe('encodeNpy', () => {
  it('aligns the data on 64 bytes and writes NumPy header syntax', () => {
    const b = encodeNpy({ rows: 2, cols: 3, data: new Float64Array(6) });
    const headerLen = new DataView(b.buffer).getUint16(8, true);
    expect((10 + headerLen) % 64).toBe(0);
    expect(new TextDecoder().decode(b.subarray(10, 10 + headerLen))).toMatch(/^\{'descr': '<f8', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    expect(b.length).toBe(10 + headerLen + 48);
  });

  it('rejects finite entries beyond the float32 range for <f4, naming row and column', () => {
    expect(() => encodeNpy({ rows: 2, cols: 2, data: Float64Array.of(0, 0, 0, 1e39) }, { dtype: '<f4' })).toThrow(/row 1, column 1/);
  });
});

describe('encodeNpy (property)', () => {
  const matrix = fc
    .record({ rows: fc.integer({ min: 0, max: 5 }), cols: fc.integer({ min: 0, max: 5 }) })
    .chain(({ rows, cols }) => fc.float64Array({ minLength: rows * cols, maxLength: rows * cols }).map((data) => ({ rows, cols, data })));

  it('round-trips every binary64 matrix exactly through <f8', () => {
    fc.assert(
      fc.property(matrix, (m) => {
        const back = decodeNpy(encodeNpy(m), 'rt.npy');
        return back.rows === m.rows && back.cols === m.cols && m.data.every((x, t) => Object.is(back.data[t], x));
      }),
    );
  });

  it('round-trips through <f4 to the nearest float32 of each entry', () => {
    const f32 = fc.float({ noDefaultInfinity: true, noNaN: true }).map((x) => x);
    fc.assert(
      fc.property(fc.array(f32, { maxLength: 20 }), fc.boolean(), (xs, vector) => {
        const m = { rows: 1, cols: xs.length, data: Float64Array.from(xs) };
        const back = decodeNpy(encodeNpy(m, { dtype: '<f4', vector }), 'rt4.npy');
        return back.cols === xs.length && xs.every((x, t) => Object.is(back.data[t], Math.fround(x)));
      }),
    );
  });
});
