import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../src/io/npy.js';
import { rayErrors } from '../../src/report/data.js';
import { coresetErrorBound, evaluationProfile } from '../../src/fast/float-error.js';
import * as Ref from '../../src/reference/index.js';
import { cli, gaussian, rng, tempDir, withRowNorms } from '../cli/attention-helpers.js';

const dir = tempDir('attn-report-cli-');
const put = (name: string, content: Uint8Array | string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

// A small instance: 40 keys in R^3 with norms in [0.5, 1], values in R^2.
const n = 40;
const d = 3;
const dv = 2;
const rand = rng(7);
const K = withRowNorms(gaussian(rand, n * d), d, 0.5, 1, rand);
const V = gaussian(rand, n * dv);
const Q = withRowNorms(gaussian(rand, 30 * d), d, 0.2, 1.5, rand);
const keys = put('K.npy', encodeNpy({ rows: n, cols: d, data: K }));
const values = put('V.npy', encodeNpy({ rows: n, cols: dv, data: V }));
const queries = put('Q.npy', encodeNpy({ rows: 30, cols: d, data: Q }));
const coreset = put('C.json', JSON.stringify({ indices: Array.from({ length: 20 }, (_, i) => 2 * i), weights: Array(20).fill(2) }));
const common = ['--keys', keys, '--values', values, '--coreset', coreset, '--rho', '1.5', '--eps', '0.05'];

const svgCount = (html: string): number => (html.match(/<svg[\s>]/g) ?? []).length;

describe('attn-coreset report', () => {
  it('writes one offline HTML file with one plot per section, the same bytes for the same seed', async () => {
    const out1 = join(dir, 'r1.html');
    const out2 = join(dir, 'r2.html');
    const a = await cli(['report', ...common, '--queries', queries, '--out', out1]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain(out1);
    const b = await cli(['report', ...common, '--queries', queries, '--out', out2]);
    expect(b.code).toBe(0);
    const html = readFileSync(out1, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // sandwich, ray, radius, queries, sizes
    expect(svgCount(html)).toBe(5);
    for (const id of ['sandwich', 'ray', 'radius', 'queries', 'sizes']) expect(html).toContain(`data-plot="${id}"`);
    // size against error: the builder, every baseline and the input itself
    for (const key of ['builder', 'uniform', 'sensitivity', 'merge', 'refit', 'quantize', 'input']) expect(html).toContain(`data-series="${key}"`);
    expect(html).toContain('√d·e^(sρ)/ε');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*https?:/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/NaN/);
    expect(readFileSync(out2, 'utf8')).toBe(html);
  });

  it('leaves the queries plot out without --queries, and names ε on the plots', async () => {
    const out = join(dir, 'r3.html');
    expect((await cli(['report', ...common, '--out', out])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(svgCount(html)).toBe(4);
    expect(html).not.toContain('data-plot="queries"');
    expect(html.split('ε = 0.05').length - 1).toBeGreaterThanOrEqual(4);
  });

  it('reads a compressed cache as verify does (--cache C.json)', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => 4 * i);
    const cache = put('cache.json', JSON.stringify({ keys: rows.map((i) => Array.from(K.subarray(i * d, (i + 1) * d))), values: rows.map((i) => Array.from(V.subarray(i * dv, (i + 1) * dv))), weights: rows.map(() => 4) }));
    const out = join(dir, 'r4.html');
    const r = await cli(['report', '--keys', keys, '--values', values, '--cache', cache, '--rho', '1', '--eps', '0.05', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(svgCount(html)).toBe(4);
    expect(html).toContain('10 rows');
  });

  it('refuses an --out that is an input (exit 2) and leaves it intact', async () => {
    const before = readFileSync(coreset, 'utf8');
    const r = await cli(['report', ...common, '--out', coreset]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out');
    expect(readFileSync(coreset, 'utf8')).toBe(before);
  });

  it('needs --out and a coreset or cache (exit 2)', async () => {
    expect((await cli(['report', '--keys', keys, '--values', values, '--coreset', coreset, '--rho', '1', '--eps', '0.1'])).code).toBe(2);
    expect((await cli(['report', '--keys', keys, '--values', values, '--rho', '1', '--eps', '0.1', '--out', join(dir, 'x.html')])).code).toBe(2);
  });
});

describe('rayErrors', () => {
  it('is err_w at t·q/‖q‖ for t from 0 to ρ, within lem:float-error of the 40-digit reference', () => {
    const inst = { n, d, dv, K, V };
    const c = { indices: Uint32Array.from({ length: 20 }, (_, i) => 2 * i), weights: new Float64Array(20).fill(2) };
    const q = Float64Array.of(3, 0, 4); // ‖q‖ = 5 exactly, so q/‖q‖ = (0.6, 0, 0.8) in binary64
    const ray = rayErrors(inst, c, q, 1.5, 0.5);
    expect(ray).toHaveLength(41);
    expect(ray[0][0]).toBe(0);
    expect(ray[40][0]).toBe(1.5);
    for (const [t, e] of [ray[0], ray[20], ray[40]]) {
      const p = Float64Array.of(0.6 * t, 0, 0.8 * t);
      const exact = Ref.coresetError(inst, p, c, { scale: 0.5 }).toNumber();
      const bound = coresetErrorBound(evaluationProfile(inst, p, null, { scale: 0.5 }), evaluationProfile(inst, p, c, { scale: 0.5 }));
      expect(Math.abs(e - exact)).toBeLessThanOrEqual(bound);
    }
  });
});
