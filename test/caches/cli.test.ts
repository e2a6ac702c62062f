import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attention } from '../../src/fast/attention.js';
import { attentionCommand } from '../../src/cli/commands/attention.js';
import { buildCommand } from '../../src/cli/commands/build.js';
import { verifyCommand } from '../../src/cli/commands/verify.js';
import { EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { sphereInstance } from '../../src/families/index.js';
import { formatHexFloat } from '../../src/io/hex-float.js';
import { readCacheFile, writeCacheFile } from '../../src/io/cache-file.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { writeMatrix } from '../../src/io/write-matrix.js';
import type { Cache } from '../../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-cache-cli-'));
const inst = sphereInstance({ n: 40, d: 3, dv: 2, seed: 5 });
const keys = join(dir, 'K.npy');
const values = join(dir, 'V.npy');
writeMatrix(keys, { rows: inst.n, cols: inst.d, data: inst.K });
writeMatrix(values, { rows: inst.n, cols: inst.dv, data: inst.V });
const base = ['--keys', keys, '--values', values];

/** The exact cache of the instance: every row once, weight 1 (A_C = A_1). */
const exactCache: Cache = { m: inst.n, d: inst.d, dv: inst.dv, K: inst.K, V: inst.V, weights: new Float64Array(inst.n).fill(1) };

describe('cache files', () => {
  it('round-trip bit for bit through .safetensors and hex-float .json', () => {
    const c: Cache = { m: 2, d: 3, dv: 2, K: Float64Array.of(0.1, -0, 5e-324, 1 / 3, 2, -7), V: Float64Array.of(1e-300, 3, 4, 0.5), weights: Float64Array.of(0.25, 1e10) };
    for (const name of ['c.safetensors', 'c.json']) {
      const path = join(dir, name);
      writeCacheFile(path, c, { hex: true });
      const back = readCacheFile(path, 3, 2);
      for (const k of ['K', 'V', 'weights'] as const) expect(Array.from(back[k]).map(formatHexFloat), `${name} ${k}`).toEqual(Array.from(c[k]).map(formatHexFloat));
    }
  });

  it('read JSON with numbers or hex floats, weights optional', () => {
    const path = join(dir, 'plain.json');
    writeFileSync(path, JSON.stringify({ keys: [[1, 0, 0], ['0x1p-1', 0, 0]], values: [[1, 2], [3, 4]] }));
    const c = readCacheFile(path, 3, 2);
    expect(Array.from(c.K)).toEqual([1, 0, 0, 0.5, 0, 0]);
    expect(Array.from(c.weights)).toEqual([1, 1]);
  });

  it('reject bad caches with the file and member named', () => {
    const bad = (name: string, body: unknown): string => {
      const p = join(dir, name);
      writeFileSync(p, JSON.stringify(body));
      return p;
    };
    expect(() => readCacheFile(bad('nokeys.json', { values: [[1, 2]] }), 3, 2)).toThrow(/nokeys\.json: has no member "keys"/);
    expect(() => readCacheFile(bad('wrongd.json', { keys: [[1, 2]], values: [[1, 2]] }), 3, 2)).toThrow(/wrongd\.json keys: have 2 columns, the instance's keys have d = 3/);
    expect(() => readCacheFile(bad('wrongdv.json', { keys: [[1, 2, 3]], values: [[1]] }), 3, 2)).toThrow(/wrongdv\.json values: have 1 columns/);
    expect(() => readCacheFile(bad('neg.json', { keys: [[1, 2, 3]], values: [[1, 2]], weights: [-1] }), 3, 2)).toThrow(/neg\.json weights\[0\]: is -1/);
    expect(() => readCacheFile(bad('zero.json', { keys: [[1, 2, 3]], values: [[1, 2]], weights: [0] }), 3, 2)).toThrow(/zero\.json weights: are all 0/);
    expect(() => readCacheFile(bad('empty.json', { keys: [], values: [] }), 3, 2)).toThrow();
    expect(() => readCacheFile(bad('nan.json', { keys: [[1, 'NaN', 3]], values: [[1, 2]] }), 3, 2)).toThrow(/nan\.json keys/);
    const st = join(dir, 'novalues.safetensors');
    writeFileSync(st, encodeSafetensors({ keys: { rows: 1, cols: 3, data: Float64Array.of(1, 2, 3) } }));
    expect(() => readCacheFile(st, 3, 2)).toThrow(/novalues\.safetensors: has no tensor 'values'/);
    expect(() => readCacheFile(join(dir, 'c.npz'), 3, 2)).toThrow(/c\.npz: cannot read .*no such file or directory/);
  });

  it('leave the previous file intact when a write fails', () => {
    const path = join(dir, 'keep.json');
    writeFileSync(path, 'previous');
    const broken = { ...exactCache, weights: Float64Array.of(NaN) } as Cache;
    expect(() => writeCacheFile(path, broken)).toThrow();
    expect(readFileSync(path, 'utf8')).toBe('previous');
  });
});

describe('attn-coreset verify --cache', () => {
  it('never fails the exact cache, with the unchanged JSON fields', async () => {
    // Keys in R^5 (no branch-and-bound, which would refine to its node limit at ε = 1e-9).
    const five = sphereInstance({ n: 40, d: 5, dv: 2, seed: 6 });
    writeMatrix(join(dir, 'K5.npy'), { rows: five.n, cols: five.d, data: five.K });
    writeMatrix(join(dir, 'V5.npy'), { rows: five.n, cols: five.dv, data: five.V });
    const path = join(dir, 'exact5.json');
    writeCacheFile(path, { m: five.n, d: five.d, dv: five.dv, K: five.K, V: five.V, weights: new Float64Array(five.n).fill(1) }, { hex: true });
    writeCacheFile(join(dir, 'exact.json'), exactCache, { hex: true });
    const io = memoryIo();
    const code = await verifyCommand.run(['--keys', join(dir, 'K5.npy'), '--values', join(dir, 'V5.npy'), '--cache', path, '--rho', '2', '--eps', '1e-9', '--budget', '256', '--json'], io);
    const doc = JSON.parse(io.stdout);
    expect(code).toBe(0);
    expect(doc.verdict).not.toBe('fail');
    for (const k of ['verdict', 'lower', 'upper', 'witness', 'methods', 'evaluations', 'seconds', 'repeatedIndices', 'size', 'parameters']) expect(doc, k).toHaveProperty(k);
  });

  it('reads the cache as separate files and agrees with --cache', async () => {
    const C: Cache = { ...exactCache, V: inst.V.map((x, t) => (t % 3 === 0 ? x + 0.2 : x)) };
    const path = join(dir, 'off.safetensors');
    writeCacheFile(path, C);
    writeMatrix(join(dir, 'cK.npy'), { rows: C.m, cols: C.d, data: C.K });
    writeMatrix(join(dir, 'cV.npy'), { rows: C.m, cols: C.dv, data: C.V });
    writeMatrix(join(dir, 'cw.json'), { rows: 1, cols: C.m, data: C.weights });
    const a = memoryIo();
    const b = memoryIo();
    expect(await verifyCommand.run([...base, '--cache', path, '--rho', '2', '--eps', '0.01', '--json'], a)).toBe(1);
    expect(await verifyCommand.run([...base, '--cache-keys', join(dir, 'cK.npy'), '--cache-values', join(dir, 'cV.npy'), '--cache-weights', join(dir, 'cw.json'), '--rho', '2', '--eps', '0.01', '--json'], b)).toBe(1);
    const [da, db] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect(db.lower).toBe(da.lower);
    expect(db.witness).toEqual(da.witness);
  });

  it('exits 2 on usage and input errors', async () => {
    const path = join(dir, 'exact.json');
    expect(await runCli(['verify', ...base, '--cache', path, '--coreset', path, '--rho', '1', '--eps', '0.1'], memoryIo())).toBe(EXIT_USAGE);
    expect(await runCli(['verify', ...base, '--cache-keys', keys, '--rho', '1', '--eps', '0.1'], memoryIo())).toBe(EXIT_USAGE);
    expect(await runCli(['verify', ...base, '--rho', '1', '--eps', '0.1'], memoryIo())).toBe(EXIT_USAGE);
    const io = memoryIo();
    expect(await runCli(['verify', ...base, '--cache', join(dir, 'wrongd.json'), '--rho', '1', '--eps', '0.1'], io)).toBe(EXIT_USAGE);
    expect(io.stderr).toMatch(/wrongd\.json keys/);
  });
});

describe('attn-coreset attention --cache', () => {
  it('evaluates A_C(q) for every query, as the library does', async () => {
    const C: Cache = { m: 2, d: 3, dv: 2, K: Float64Array.of(1, 0, 0, 0, 1, 0), V: Float64Array.of(1, 0, 0, 1), weights: Float64Array.of(3, 1) };
    const path = join(dir, 'two.json');
    writeCacheFile(path, C, { hex: true });
    const qpath = join(dir, 'q.json');
    writeFileSync(qpath, JSON.stringify([[0.5, -0.25, 2], [0, 0, 0]]));
    const io = memoryIo();
    await attentionCommand.run([...base, '--queries', qpath, '--cache', path, '--hex'], io);
    const doc = JSON.parse(io.stdout);
    const want = attention(inst, Float64Array.of(0.5, -0.25, 2), C);
    expect(doc.data[0].map(Number)).toEqual(Array.from(want).map(formatHexFloat).map(Number));
  });
});

describe('attn-coreset build (caches)', () => {
  it('writes quantize, merge and refitted caches that verify reads back', async () => {
    for (const [name, extra] of [
      ['q.safetensors', ['--method', 'quantize', '--bits', '4', '--group', '8']],
      ['m.json', ['--method', 'merge', '--size', '8']],
      ['r.safetensors', ['--method', 'halving', '--size', '8', '--refit-values']],
    ] as const) {
      const out = join(dir, name);
      const io = memoryIo();
      expect(await buildCommand.run([...base, '--rho', '2', ...extra, '--verify-eps', '0.5', '--budget', '256', '--out', out, '--json'], io), name).toBe(0);
      const doc = JSON.parse(io.stdout);
      expect(doc.parameters.bytes, name).toBeGreaterThan(0);
      const c = readCacheFile(out, inst.d, inst.dv);
      expect(c.m).toBe(doc.parameters.rows);
      expect(existsSync(out)).toBe(true);
    }
  });

  it('refuses cache options on subset builds and unknown methods', async () => {
    await expect(buildCommand.run([...base, '--rho', '1', '--size', '4', '--bits', '4'], memoryIo())).rejects.toThrow(/--bits/);
    await expect(buildCommand.run([...base, '--rho', '1', '--method', 'quantize', '--bits', '3'], memoryIo())).rejects.toThrow(/bits/);
  });
});
