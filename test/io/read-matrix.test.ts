import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInstance } from '../../src/io/instance.js';
import { encodeNpy } from '../../src/io/npy.js';
import { readMatrix, readVector, splitTensorSpec } from '../../src/io/read-matrix.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { writeMatrix } from '../../src/io/write-matrix.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-io-'));
const file = (name: string, content: Uint8Array | string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const m23 = { rows: 2, cols: 3, data: Float64Array.of(1, 2, 3, 4, 5, 6) };

describe('splitTensorSpec', () => {
  it('splits only after a .safetensors file name', () => {
    expect(splitTensorSpec('kv.safetensors:values')).toEqual({ path: 'kv.safetensors', tensor: 'values' });
    expect(splitTensorSpec('model.layers.0.safetensors:k_proj.weight')).toEqual({ path: 'model.layers.0.safetensors', tensor: 'k_proj.weight' });
    expect(splitTensorSpec('a:b/keys.npy')).toEqual({ path: 'a:b/keys.npy' });
    expect(splitTensorSpec('kv.safetensors')).toEqual({ path: 'kv.safetensors' });
  });
});

describe('readMatrix', () => {
  it('reads the same matrix from .npy, .safetensors, .json and extension-less files', () => {
    for (const name of ['m.npy', 'm.safetensors', 'm.json']) {
      writeMatrix(join(dir, name), m23);
      expect(readMatrix(join(dir, name)), name).toEqual(m23);
    }
    expect(readMatrix(file('plain-npy', encodeNpy(m23)))).toEqual(m23);
    expect(readMatrix(file('plain-json', '[[1,2,3],[4,5,6]]'))).toEqual(m23);
    expect(readMatrix(`${file('kv.safetensors', encodeSafetensors({ k: m23, v: m23 }))}:v`)).toEqual(m23);
  });

  it('rejects a file that is not what its extension claims', () => {
    expect(() => readMatrix(file('json-inside.npy', '[[1, 2]]'))).toThrow(/json-inside\.npy: is not what it claims: the extension says \.npy but the bytes are a JSON file/);
    expect(() => readMatrix(file('npy-inside.json', encodeNpy(m23)))).toThrow(/is not what it claims: the extension says \.json but the bytes are a \.npy file/);
    expect(() => readMatrix(file('npy-inside.safetensors', encodeNpy(m23)))).toThrow(/extension says \.safetensors but the bytes are a \.npy file/);
    expect(() => readMatrix(file('garbage.npy', 'hello world'))).toThrow(/garbage\.npy: not a \.npy file/);
    expect(() => readMatrix(file('garbage.safetensors', 'hello world, no header'))).toThrow(/not a \.safetensors file/);
    expect(() => readMatrix(file('garbage', 'hello'))).toThrow(/cannot tell the format/);
    expect(() => readMatrix(file('binary.json', Uint8Array.of(0x5b, 0xff, 0xfe, 0x5d)))).toThrow(/not UTF-8/);
  });

  it('names a missing file, a directory, and a tensor name on a non-safetensors file', () => {
    expect(() => readMatrix(join(dir, 'absent.npy'))).toThrow(/cannot read '.*absent\.npy': no such file or directory/);
    expect(() => readMatrix(dir)).toThrow(/it is a directory/);
    const npy = file('x.npy', encodeNpy(m23));
    expect(() => readMatrix(`${npy}:t`)).toThrow(/cannot read/);
  });

  it('names the file, row and column of a NaN in JSON', () => {
    expect(() => readMatrix(file('nan.json', '[[1, 2], [3, "NaN"]]'))).toThrow(/nan\.json row 1, column 1: entry is NaN/);
  });

  it('reads a truncated safetensors file as an error naming the tensor and the bytes', () => {
    const full = encodeSafetensors({ keys: m23 });
    expect(() => readMatrix(file('cut.safetensors', full.subarray(0, full.length - 8)))).toThrow(/tensor 'keys': data_offsets \[0, 48\] lie outside the 40 data bytes/);
  });
});

describe('readVector', () => {
  it('accepts a row, a column or a 1-D array and rejects a matrix', () => {
    expect(Array.from(readVector(file('col.json', '[[1], [2], [3]]')))).toEqual([1, 2, 3]);
    expect(Array.from(readVector(file('row.npy', encodeNpy({ rows: 1, cols: 2, data: Float64Array.of(4, 5) }, { vector: true }))))).toEqual([4, 5]);
    expect(() => readVector(file('mat.json', '[[1, 2], [3, 4]]'))).toThrow(/2×2 matrix; expected a vector/);
  });
});

describe('readInstance', () => {
  it('reads keys and values into an instance', () => {
    const k = file('k.npy', encodeNpy(m23));
    const v = file('v.json', '[[1], [2]]');
    expect(readInstance(k, v)).toEqual({ n: 2, d: 3, dv: 1, K: m23.data, V: Float64Array.of(1, 2) });
  });

  it('names both files and both row counts when they differ', () => {
    const k = file('k3.json', '[[1], [2], [3]]');
    const v = file('v2.json', '[[1], [2]]');
    expect(() => readInstance(k, v)).toThrow(/keys .*k3\.json have 3 rows but values .*v2\.json have 2/);
  });

  it('applies the unit constraint on request', () => {
    const k = file('ku.json', '[[1, 0], [0.6, 0.8]]');
    const v = file('vu.json', '[[2], [1]]');
    expect(() => readInstance(k, v, { unit: true })).toThrow(/values row 0/);
  });
});
