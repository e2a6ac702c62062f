import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coresetFromJson, readCoresetFile, writeCoresetFile } from '../../src/io/coreset-file.js';
import { encodeNpy } from '../../src/io/npy.js';
import { readWeighting } from '../../src/io/weights-file.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-coreset-'));
const file = (name: string, content: Uint8Array | string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('coresetFromJson', () => {
  it('reads indices and weights, counting repeated indices and distinct size', () => {
    const r = coresetFromJson({ indices: [4, 1, 4, 0], weights: [1, 2, '0x1.8p+1', 0.5] }, 'c.json', 5);
    expect(Array.from(r.coreset.indices)).toEqual([4, 1, 4, 0]);
    expect(Array.from(r.coreset.weights)).toEqual([1, 2, 3, 0.5]);
    expect([r.repeated, r.size]).toEqual([1, 3]);
  });

  it('gives every index weight 1 when weights are omitted', () => {
    expect(Array.from(coresetFromJson({ indices: [0, 2] }, 'c.json', 3).coreset.weights)).toEqual([1, 1]);
  });

  it('rejects bad indices and weights, naming the file and the entry', () => {
    const bad: [unknown, RegExp][] = [
      [{ indices: [0, 1.5] }, /c\.json indices\[1\]: is number 1\.5; indices must be integers ≥ 0/],
      [{ indices: [-1] }, /indices\[0\]: is number -1/],
      [{ indices: ['0'] }, /indices\[0\]: is the string "0"/],
      [{ indices: [0, 9] }, /c\.json\.indices\[1\]: is 9, but the instance has rows 0\.\.4/],
      [{ indices: [0, 1], weights: [1] }, /has 2 indices but 1 weights/],
      [{ indices: [0, 1], weights: [1, -2] }, /weights\[1\]: is -2; weights must be ≥ 0/],
      [{ indices: [0, 1], weights: [0, 0] }, /every weight 0/],
      [{ indices: [0], weights: ['NaN'] }, /weights\[0\]: is NaN/],
      [{ indices: [] }, /is empty/],
      [{ weights: [1] }, /expected \{"indices"/],
      [[0, 1], /expected \{"indices"/],
    ];
    for (const [value, re] of bad) expect(() => coresetFromJson(value, 'c.json', 5), JSON.stringify(value)).toThrow(re);
  });
});

describe('readCoresetFile', () => {
  it('round-trips what writeCoresetFile writes, exactly with hex weights', () => {
    const c = { indices: Uint32Array.of(3, 0), weights: Float64Array.of(0.1, 1 / 3) };
    for (const hex of [false, true]) {
      const p = join(dir, `c-${hex}.json`);
      writeCoresetFile(p, c, { hex, extra: { eps: 0.05 } });
      const r = readCoresetFile(p, 4);
      expect(r.coreset).toEqual(c);
    }
  });

  it('reports invalid JSON with the file name', () => {
    expect(() => readCoresetFile(file('broken.json', '{"indices": [1,'), 3)).toThrow(/broken\.json: is not valid JSON/);
  });
});

describe('readWeighting', () => {
  it('reads a dense weight vector and drops zero weights', () => {
    const p = file('w.npy', encodeNpy({ rows: 1, cols: 4, data: Float64Array.of(1, 0, 2, 0.5) }, { vector: true }));
    const w = readWeighting(p, 4);
    expect([w.kind, w.size, w.repeated]).toEqual(['dense', 3, 0]);
    expect(Array.from(w.coreset.indices)).toEqual([0, 2, 3]);
    expect(Array.from(w.coreset.weights)).toEqual([1, 2, 0.5]);
  });

  it('reads a coreset file merged (repeats summed)', () => {
    const w = readWeighting(file('c.json', '{"indices": [2, 2, 0], "weights": [1, 2, 4]}'), 3);
    expect([w.kind, w.size, w.repeated]).toEqual(['coreset', 2, 1]);
    expect(Array.from(w.coreset.weights)).toEqual([4, 3]);
  });

  it('rejects a vector of the wrong length, a negative weight and all zeros', () => {
    expect(() => readWeighting(file('w3.json', '[1, 2, 3]'), 4)).toThrow(/has 3 weights but the instance has n = 4 rows/);
    expect(() => readWeighting(file('wneg.json', '[1, -2]'), 2)).toThrow(/weights\[1\]: is -2/);
    expect(() => readWeighting(file('w0.json', '[0, 0]'), 2)).toThrow(/every weight 0/);
  });
});
