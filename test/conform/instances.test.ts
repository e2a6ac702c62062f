import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { findHeads } from '../../src/conform/instances.js';
import { sphereInstance } from '../../src/families/index.js';
import { encodeNpy } from '../../src/io/npy.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';

async function cli(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'conform-dumps-'));
const a = sphereInstance({ n: 120, d: 8, dv: 4, seed: 3 });
const b = sphereInstance({ n: 80, d: 8, dv: 8, seed: 4 });
writeFileSync(join(dir, 'layer0.head0.keys.npy'), encodeNpy({ rows: a.n, cols: a.d, data: a.K }));
writeFileSync(join(dir, 'layer0.head0.values.npy'), encodeNpy({ rows: a.n, cols: a.dv, data: a.V }));
writeFileSync(
  join(dir, 'layer0.head1.safetensors'),
  encodeSafetensors({ keys: { rows: b.n, cols: b.d, data: b.K }, values: { rows: b.n, cols: b.dv, data: b.V } }),
);

describe('attn-coreset conform --instances', () => {
  it('finds one head per npy pair and per safetensors file', () => {
    expect(findHeads(dir).map((h) => h.name)).toEqual(['layer0.head0', 'layer0.head1']);
  });

  it('asks every head at every (ρ, ε) given: the exact example passes', async () => {
    const r = await cli('conform', '--impl', 'node conformance/adapters/node/example-exact.mjs', '--instances', dir, '--rho', '1,2', '--eps', '0.05', '--json');
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).cases.map((c: { id: string }) => c.id);
    expect(ids).toEqual(['layer0.head0@rho=1,eps=0.05', 'layer0.head0@rho=2,eps=0.05', 'layer0.head1@rho=1,eps=0.05', 'layer0.head1@rho=2,eps=0.05']);
  });

  it('fails the sink + recent window on the dumps, naming the head and the flags that rerun it', async () => {
    const r = await cli('conform', '--impl', 'node test/conform/impls/sink-window.mjs', '--instances', dir, '--rho', '2', '--eps', '0.02');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL layer0\.head0@rho=2,eps=0\.02/);
    expect(r.stdout).toContain(`--instances ${dir} --rho 2 --eps 0.02`);
  });

  it('reads a head from an .npz (numpy.savez with keys and values) through the generic matrix reader', async () => {
    const npzDir = join(dir, 'npz');
    mkdirSync(npzDir);
    execFileSync('/usr/bin/python3', ['-c', 'import numpy as np, sys; r = np.random.default_rng(5); k = r.normal(size=(90, 8)); k /= np.linalg.norm(k, axis=1, keepdims=True); np.savez(sys.argv[1], keys=k, values=r.normal(size=(90, 4)))', join(npzDir, 'h7.npz')]);
    const r = await cli('conform', '--impl', 'node test/conform/impls/sink-window.mjs', '--instances', npzDir, '--rho', '2', '--eps', '0.02', '--json');
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.cases.map((c: { id: string; n: number; d: number; dv: number }) => [c.id, c.n, c.d, c.dv])).toEqual([['h7@rho=2,eps=0.02', 90, 8, 4]]);
  });

  it.each([
    [['--rho', '1'], /needs --rho and --eps/],
    [['--rho', '1', '--eps', '0.1', '--n', '5'], /takes no/],
  ])('refuses %j', async (extra, message) => {
    const r = await cli('conform', '--impl', 'x', '--instances', dir, ...extra);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('refuses a directory without heads, and a keys file without its values', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect((await cli('conform', '--impl', 'x', '--instances', empty, '--rho', '1', '--eps', '0.1')).stderr).toMatch(/no heads/);
    const lonely = join(dir, 'lonely');
    mkdirSync(lonely);
    writeFileSync(join(lonely, 'h.keys.npy'), encodeNpy({ rows: a.n, cols: a.d, data: a.K }));
    const r = await cli('conform', '--impl', 'x', '--instances', lonely, '--rho', '1', '--eps', '0.1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no values file/);
  });

  it('reports a dump that cannot be read as bad input (exit 2), naming the file', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'h.keys.npy'), 'not an npy file');
    writeFileSync(join(bad, 'h.values.npy'), 'not an npy file');
    const r = await cli('conform', '--impl', 'node conformance/adapters/node/example-exact.mjs', '--instances', bad, '--rho', '1', '--eps', '0.1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('h.keys.npy');
  });
});
