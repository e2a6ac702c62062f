import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../src/io/npy.js';
import * as Ref from '../../src/reference/index.js';
import { cli, tempDir } from '../cli/attention-helpers.js';

const dir = tempDir('attn-verify-cli-');
const put = (name: string, content: Uint8Array | string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

// Orthonormal family, n = 4: omitting key 3 fails at q = ρe₃ with error ≥ p.
const n = 4;
const E = new Float64Array(n * n);
for (let i = 0; i < n; i++) E[i * n + i] = 1;
const keys = put('K.npy', encodeNpy({ rows: n, cols: n, data: E }));
const values = put('V.json', JSON.stringify(Array.from({ length: n }, (_, i) => Array.from(E.subarray(i * n, (i + 1) * n)))));
const omit3 = put('omit3.json', JSON.stringify({ indices: [0, 1, 2], weights: [1, 1, 1] }));
const full = put('full.json', JSON.stringify({ indices: [0, 1, 2, 3, 3], weights: [1, 1, 1, 0.5, 0.5] }));

interface VerifyJson {
  verdict: string;
  lower: number;
  upper: number | null;
  witness: number[];
  repeatedIndices: number;
  size: number;
}

describe('attn-coreset verify', () => {
  it('fails a coreset that omits a key, exit 1, with a witness an independent computation confirms', async () => {
    const rho = 2;
    const p = Math.exp(rho) / (Math.exp(rho) + n - 1);
    const r = await cli(['verify', '--keys', keys, '--values', values, '--coreset', omit3, '--rho', String(rho), '--eps', String(p / 2), '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as VerifyJson;
    expect(doc.verdict).toBe('fail');
    const q = Float64Array.from(doc.witness);
    const ref = Ref.coresetError({ n, d: n, dv: n, K: E, V: E }, q, { indices: Uint32Array.of(0, 1, 2), weights: Float64Array.of(1, 1, 1) }, { digits: 30 });
    expect(ref.gt(p / 2)).toBe(true);
    expect(doc.lower).toBeGreaterThanOrEqual(p * (1 - 1e-15));
  });

  it('never fails the full set given as a multiset, and reports the repeats', async () => {
    const r = await cli(['verify', '--keys', keys, '--values', values, '--coreset', full, '--rho', '2', '--eps', '0.01', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as VerifyJson;
    expect(doc.verdict).not.toBe('fail');
    expect(doc.repeatedIndices).toBe(1);
    expect(doc.size).toBe(4);
  });

  it('prints a human summary by default', async () => {
    const r = await cli(['verify', '--keys', keys, '--values', values, '--coreset', full, '--rho', '2', '--eps', '0.01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/certified|not refuted/);
    expect(r.stdout).toMatch(/≤ E\(w\) ≤/);
  });

  it('--require-certificate turns not-refuted into exit 1', async () => {
    // ε far below any certificate the RKHS bound can give for a dropped key's neighbour set.
    const half = put('half.json', JSON.stringify({ indices: [0, 1, 2, 3], weights: [1, 1, 1, 1.0000001] }));
    const a = await cli(['verify', '--keys', keys, '--values', values, '--coreset', half, '--rho', '1', '--eps', '0.5', '--json']);
    const b = await cli(['verify', '--keys', keys, '--values', values, '--coreset', half, '--rho', '1', '--eps', '0.5', '--json', '--require-certificate']);
    const verdict = (JSON.parse(a.stdout) as VerifyJson).verdict;
    expect(a.code).toBe(0);
    expect(b.code).toBe(verdict === 'certified' ? 0 : 1);
  });

  it('checks a set of queries with --queries', async () => {
    const Q = put('Q.json', JSON.stringify([[0, 0, 0, 2], [2, 0, 0, 0]]));
    const r = await cli(['verify', '--keys', keys, '--values', values, '--coreset', omit3, '--rho', '2', '--eps', '0.1', '--queries', Q, '--json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as VerifyJson).witness).toEqual([0, 0, 0, 2]);
  });

  it.each([
    ['an out-of-range index', JSON.stringify({ indices: [0, 4], weights: [1, 1] })],
    ['a negative weight', JSON.stringify({ indices: [0, 1], weights: [1, -1] })],
    ['a NaN weight', '{"indices": [0], "weights": [NaN]}'],
    ['a malformed file', '{"indices": [0, 1'],
    ['mismatched lengths', JSON.stringify({ indices: [0, 1], weights: [1] })],
  ])('rejects a coreset file with %s: exit 2', async (_, text) => {
    const bad = put(`bad-${Math.random().toString(36).slice(2)}.json`, text);
    const r = await cli(['verify', '--keys', keys, '--values', values, '--coreset', bad, '--rho', '1', '--eps', '0.1']);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  it('rejects mismatched shapes, ρ ≤ 0 and queries outside the ball: exit 2', async () => {
    const V3 = put('V3.json', JSON.stringify([[1], [2], [3]]));
    expect((await cli(['verify', '--keys', keys, '--values', V3, '--coreset', full, '--rho', '1', '--eps', '0.1'])).code).toBe(2);
    expect((await cli(['verify', '--keys', keys, '--values', values, '--coreset', full, '--rho', '0', '--eps', '0.1'])).code).toBe(2);
    const far = put('far.json', JSON.stringify([[0, 0, 0, 3]]));
    expect((await cli(['verify', '--keys', keys, '--values', values, '--coreset', full, '--rho', '2', '--eps', '0.1', '--queries', far])).code).toBe(2);
  });
});
