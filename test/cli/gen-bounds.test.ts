import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { readInstance } from '../../src/io/instance.js';

describe('attn-coreset bounds', () => {
  it('prints the scale and floors computed by hand for d = 64, ρ = 2, ε = 0.05', async () => {
    const io = memoryIo();
    const code = await runCli(['bounds', '--d', '64', '--rho', '2', '--eps', '0.05', '--json'], io);
    expect(code).toBe(0);
    const r = JSON.parse(io.stdout);
    // √64·e²/0.05; 1 + ⌊e²·(1/0.05 − 1)⌋ = 1 + ⌊140.39⌋; ⌊e⁴⌋ = 54; 1 + ⌈54·(1.95/2.05)²⌉ = 1 + ⌈48.86⌉.
    expect(r.scale).toBeCloseTo((8 * Math.E ** 2) / 0.05, 9);
    expect(r.orthonormalFloor).toBe(141);
    expect(r.uniformTrap).toEqual({ M: 54, minUniformSize: 50, weightedSize: 2 });
  });

  it('rejects ε ≤ 0 with exit 2', async () => {
    const io = memoryIo();
    expect(await runCli(['bounds', '--d', '4', '--rho', '1', '--eps=-1'], io)).toBe(2);
    expect(io.stderr).toMatch(/eps/);
  });
});

describe('attn-coreset gen', () => {
  it('writes the uniform trap T_ρ: one key +1 with value +1 and ⌊e^{2ρ}⌋ keys −1 with value −1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    const io = memoryIo();
    const code = await runCli(['gen', '--family', 'uniform-trap', '--rho', '1.5', '--keys', join(dir, 'k.npy'), '--values', join(dir, 'v.npy')], io);
    expect(code).toBe(0);
    const inst = readInstance(join(dir, 'k.npy'), join(dir, 'v.npy'));
    const M = Math.floor(Math.exp(3));
    expect(inst.n).toBe(M + 1);
    const keys = Array.from(inst.K).sort();
    expect(keys.filter((x) => x === 1)).toHaveLength(1);
    expect(keys.filter((x) => x === -1)).toHaveLength(M);
    expect(Array.from(inst.V)).toEqual(Array.from(inst.K));
  });

  it('writes unit-norm sphere instances of the requested shape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    const code = await runCli(['gen', '--family', 'sphere', '--n', '20', '--d', '5', '--dv', '3', '--keys', join(dir, 'k.json'), '--values', join(dir, 'v.npy')], memoryIo());
    expect(code).toBe(0);
    const inst = readInstance(join(dir, 'k.json'), join(dir, 'v.npy'), { unit: true });
    expect([inst.n, inst.d, inst.dv]).toEqual([20, 5, 3]);
  });

  it('rejects an unknown family and uniform-trap without ρ, exit 2', async () => {
    expect(await runCli(['gen', '--family', 'nope', '--keys', 'k.npy', '--values', 'v.npy'], memoryIo())).toBe(2);
    expect(await runCli(['gen', '--family', 'uniform-trap', '--keys', 'k.npy', '--values', 'v.npy'], memoryIo())).toBe(2);
  });
});
