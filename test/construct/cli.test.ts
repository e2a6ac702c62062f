import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/cli/commands/build.js';
import { demoCommand } from '../../src/cli/commands/demo.js';
import { memoryIo } from '../../src/cli/io.js';
import { sphereInstance } from '../../src/families/index.js';
import { writeMatrix } from '../../src/io/write-matrix.js';
import { validateCoreset } from '../../src/validate.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-build-'));
const inst = sphereInstance({ n: 48, d: 3, dv: 2, seed: 11 });
const keys = join(dir, 'K.npy');
const values = join(dir, 'V.npy');
writeMatrix(keys, { rows: inst.n, cols: inst.d, data: inst.K });
writeMatrix(values, { rows: inst.n, cols: inst.dv, data: inst.V });

describe('attn-coreset build', () => {
  it('writes {"indices", "weights", parameters, verdict} for --eps and exits 0 when not refuted', async () => {
    const out = join(dir, 'c.json');
    const io = memoryIo();
    const code = await buildCommand.run(['--keys', keys, '--values', values, '--rho', '1', '--eps', '0.1', '--budget', '512', '--out', out, '--json'], io);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(code).toBe(doc.verdict.verdict === 'fail' ? 1 : 0);
    validateCoreset({ indices: Uint32Array.from(doc.indices), weights: Float64Array.from(doc.weights) }, inst.n);
    expect(doc.parameters).toMatchObject({ n: 48, d: 3, rho: 1, eps: 0.1, method: 'halving', size: doc.indices.length });
    expect(['certified', 'not-refuted']).toContain(doc.verdict.verdict);
    expect(JSON.parse(io.stdout)).toMatchObject({ command: 'build', out });
  });

  it('builds a fixed size by any method to stdout, with verdict null unless --verify-eps', async () => {
    for (const method of ['halving', 'uniform', 'sensitivity']) {
      const io = memoryIo();
      const code = await buildCommand.run(['--keys', keys, '--values', values, '--rho', '2', '--size', '8', '--method', method, '--seed', '3'], io);
      expect(code).toBe(0);
      const doc = JSON.parse(io.stdout);
      expect(doc.indices.length).toBeLessThanOrEqual(8);
      expect(doc.verdict).toBeNull();
      expect(doc.parameters.method).toBe(method);
    }
  });

  it('rejects --eps with --size, a missing one of them, and unknown methods as usage errors', async () => {
    const base = ['--keys', keys, '--values', values, '--rho', '1'];
    await expect(buildCommand.run([...base, '--eps', '0.1', '--size', '4'], memoryIo())).rejects.toThrow(/exactly one of --eps and --size/);
    await expect(buildCommand.run(base, memoryIo())).rejects.toThrow(/exactly one of --eps and --size/);
    await expect(buildCommand.run([...base, '--size', '4', '--method', 'magic'], memoryIo())).rejects.toThrow(/--method/);
  });
});

describe('attn-coreset demo', () => {
  it('builds and verifies the embedded example, reports size, ratio, verdict and bounds, and writes its HTML report', async () => {
    const io = memoryIo();
    const out = join(dir, 'demo-report.html');
    const code = await demoCommand.run(['--json', '--report', out], io);
    const r = JSON.parse(io.stdout);
    expect(r.report).toBe(out);
    const html = readFileSync(out, 'utf8');
    for (const id of ['sandwich', 'ray', 'radius', 'sizes']) expect(html).toContain(`data-plot="${id}"`);
    for (const key of ['builder', 'uniform', 'sensitivity', 'merge', 'refit', 'quantize']) expect(html).toContain(`data-series="${key}"`);
    expect(html).not.toMatch(/https?:\/\//);
    expect(code).toBe(r.verdict === 'fail' ? 1 : 0);
    expect(r.verdict).not.toBe('fail');
    expect(r.size).toBeGreaterThan(0);
    expect(r.size).toBeLessThan(r.instance.n);
    expect(r.lower).toBeLessThanOrEqual(r.eps);
    expect(r.boundRatio).toBeCloseTo(r.size / ((Math.sqrt(r.instance.d) * Math.exp(r.rho)) / r.eps), 12);
  });

  it('compares with a uniform random subset of the same size, verified on the same instance', async () => {
    const io = memoryIo();
    await demoCommand.run(['--json', '--no-report'], io);
    const r = JSON.parse(io.stdout);
    expect(r.report).toBeNull();
    expect(r.uniform.size).toBe(r.size);
    expect(['fail', 'not-refuted', 'certified']).toContain(r.uniform.verdict);
    expect(r.uniform.lower).toBeGreaterThanOrEqual(0);
    expect(r.uniform.lower).toBeLessThanOrEqual(r.uniform.upper);
  });

  it('refuses --report together with --no-report before building anything', async () => {
    await expect(demoCommand.run(['--report', join(dir, 'x.html'), '--no-report'], memoryIo())).rejects.toThrow(/--no-report/);
  });
});
