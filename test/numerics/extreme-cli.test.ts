/**
 * The extreme-input families of properties/ through the CLI (`runCli`):
 * every command exits 0, 1 or 2 and its JSON has no NaN.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extremeRadiusCase, extremeScaleCase } from '../../properties/index.js';
import type { Instance } from '../../src/types.js';
import { propertySeed, runs } from '../helpers/seed.js';
import { cli, tempDir } from '../cli/attention-helpers.js';

const dir = tempDir('attn-num-cli-');
const rowsOf = (data: Float64Array, cols: number): number[][] => Array.from({ length: data.length / cols }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
function files(tag: string, inst: Instance, coreset: { indices: Uint32Array; weights: Float64Array }): { k: string; v: string; c: string } {
  const k = join(dir, `${tag}-k.json`);
  const v = join(dir, `${tag}-v.json`);
  const c = join(dir, `${tag}-c.json`);
  // JSON numbers are shortest round-trip: the files hold these doubles exactly.
  writeFileSync(k, JSON.stringify(rowsOf(inst.K, inst.d)));
  writeFileSync(v, JSON.stringify(rowsOf(inst.V, inst.dv)));
  writeFileSync(c, JSON.stringify({ indices: Array.from(coreset.indices), weights: Array.from(coreset.weights) }));
  return { k, v, c };
}

function expectClean(res: { code: number; stdout: string; stderr: string }, what: string): void {
  expect([0, 1, 2], `${what}: ${res.stderr}`).toContain(res.code);
  expect(res.stderr, what).not.toMatch(/internal error/);
  if (res.code !== 2) {
    expect(res.stdout, what).not.toMatch(/NaN/);
    expect(() => JSON.parse(res.stdout), what).not.toThrow();
  }
}

describe('CLI at extreme finite inputs', () => {
  it('attention (fast and --reference) exits 0 or 2 with NaN-free JSON', async () => {
    const cases = fc.sample(extremeScaleCase(), { seed: propertySeed(), numRuns: runs(6) });
    for (const [t, x] of cases.entries()) {
      const f = files(`a${t}`, x.instance, x.w);
      const q = join(dir, `a${t}-q.json`);
      writeFileSync(q, JSON.stringify([Array.from(x.q)]));
      const base = ['attention', '--keys', f.k, '--values', f.v, '--queries', q, '--weights', f.c, '--scale', String(x.scale)];
      expectClean(await cli(base), `case ${t} fast`);
      expectClean(await cli([...base, '--reference', '--digits', '20']), `case ${t} reference`);
    }
  });

  it('verify and build --size exit 0, 1 or 2 with NaN-free JSON', async () => {
    const cases = fc.sample(extremeRadiusCase(), { seed: propertySeed(), numRuns: runs(6) });
    for (const [t, x] of cases.entries()) {
      const f = files(`v${t}`, x.instance, x.coreset);
      const common = ['--keys', f.k, '--values', f.v, '--rho', String(x.rho)];
      expectClean(await cli(['verify', ...common, '--coreset', f.c, '--eps', String(x.eps), '--budget', '64', '--json']), `case ${t} verify`);
      for (const method of ['uniform', 'sensitivity', 'halving']) {
        expectClean(await cli(['build', ...common, '--size', '2', '--method', method]), `case ${t} build ${method}`);
      }
    }
  });
});
