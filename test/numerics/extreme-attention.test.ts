/**
 * Regressions (issue 13): `attention` with values near 1.8e308 wrote Inf to
 * .npy and exited 0, or blamed the input ("entry is Infinity") in JSON; a
 * logit overflow (‖q‖ = ‖k‖ = 1e200) was reported as a weight-sum overflow
 * although no weights were given.
 */
import { describe, expect, it } from 'vitest';
import { fileWriter } from './files.js';
import { attention } from '../../src/fast/attention.js';
import { readMatrix } from '../../src/io/read-matrix.js';
import type { Instance } from '../../src/types.js';
import { cli } from '../cli/attention-helpers.js';

const MAX = Number.MAX_VALUE;
const { put, path } = fileWriter('attn-num-attention-');

describe('attention (fast) at values near MAX_VALUE', () => {
  it('is the exact mean 1.7e308 of two equal values 1.7e308 (numerator 3.4e308 overflows unscaled)', () => {
    const inst: Instance = { n: 2, d: 1, dv: 1, K: Float64Array.of(1, 1), V: Float64Array.of(1.7e308, 1.7e308) };
    expect(attention(inst, Float64Array.of(0.5), null)[0]).toBe(1.7e308);
  });

  it('is a finite convex combination for values ±MAX with weights 1e308 (the weight sum overflows too)', () => {
    const inst: Instance = { n: 3, d: 1, dv: 1, K: Float64Array.of(0, 0, 0), V: Float64Array.of(MAX, MAX, -MAX) };
    const w = { indices: Uint32Array.of(0, 1, 2), weights: Float64Array.of(1e308, 1e308, 1e308) };
    // Exact: (MAX + MAX − MAX)/3 = MAX/3.
    const got = attention(inst, Float64Array.of(0), w)[0];
    expect(Math.abs(got - MAX / 3)).toBeLessThanOrEqual(MAX * 2 ** -50);
  });

  it('names the logits, not the weights, when ⟨q, k⟩ overflows binary64', () => {
    const inst: Instance = { n: 2, d: 1, dv: 1, K: Float64Array.of(1e200, -1e200), V: Float64Array.of(1, -1) };
    expect(() => attention(inst, Float64Array.of(1e200), null)).toThrow(/logits \(query against key row 0\).*overflows binary64/);
  });
});

describe('attention command at extreme values', () => {
  const k = put('k.json', '[[1],[1]]');
  const v = put('v.json', '[[1.7e308],[1.7e308]]');
  const q = put('q.json', '[[0.5]]');
  it('writes 1.7e308 (not Inf) to .npy and to JSON, exit 0', async () => {
    const out = path('o.npy');
    const res = await cli(['attention', '--keys', k, '--values', v, '--queries', q, '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    expect(Array.from(readMatrix(out).data)).toEqual([1.7e308]);
    const json = await cli(['attention', '--keys', k, '--values', v, '--queries', q]);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { data: number[][] }).data).toEqual([[1.7e308]]);
  });

  it('reports a logit overflow with the query row and exit 2', async () => {
    const res = await cli(['attention', '--keys', put('kb.json', '[[1e200],[-1e200]]'), '--values', put('vb.json', '[[1],[-1]]'), '--queries', put('qb.json', '[[1e200]]')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/query row 0: logits .* overflows binary64/);
    expect(res.stderr).not.toMatch(/weights/);
  });

  it('--reference with --scale 1e300 is finite and correct (tanh(0.5e300) = 1)', async () => {
    const res = await cli(['attention', '--keys', put('kp.json', '[[1],[-1]]'), '--values', put('vp.json', '[[1],[-1]]'), '--queries', q, '--scale', '1e300', '--reference', '--digits', '20']);
    expect(res.code, res.stderr).toBe(0);
    expect((JSON.parse(res.stdout) as { nearest: number[][] }).nearest).toEqual([[1]]);
  });
});
