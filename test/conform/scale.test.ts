import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { scaledCase, scaledFamily } from '../../src/conform/scaled.js';

async function cli(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

function rows(data: Float64Array, n: number, cols: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

/** The rule under test, written out again here: the sink and the last 63 rows. */
function sinkWindow(n: number): number[] {
  const keep = [0];
  for (let i = Math.max(1, n - 63); i < n; i++) keep.push(i);
  return keep;
}

/** Reads the flags of a `regen` list back into the parameters of the case. */
function paramsOf(regen: readonly string[]) {
  const get = (k: string) => Number(regen[regen.indexOf(k) + 1]);
  return { family: regen[regen.indexOf('--family') + 1], n: get('--n'), d: get('--d'), dv: get('--dv'), rho: get('--rho'), eps: get('--eps'), seed: get('--seed') };
}

// One pinned scaled case of each family the rule is deployed against: cheap
// enough for the suite (the full standard profile is run by .ci/run).
const PINNED = ['--n', '512', '--d', '64', '--dv', '32', '--rho', '2', '--eps', '0.05', '--scaled-cases', '1', '--json'];

describe('attn-coreset conform at scale (sink + recent window, StreamingLLM-style)', () => {
  it.each([
    ['node', 'node test/conform/impls/sink-window.mjs'],
    ['python', '/usr/bin/python3 test/conform/impls/sink_window.py'],
  ])('fails the %s implementation with a witness numpy confirms independently', async (_lang, impl) => {
    const r = await cli('conform', '--impl', impl, '--family', 'sink-recent', ...PINNED);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const c = report.cases[0];
    expect(c.failure.reason).toBe('not-eps-coreset');
    expect(Math.hypot(...c.witness)).toBeLessThanOrEqual(c.rho);
    // The report names the case's parameters and seed; regenerate it from them.
    const p = paramsOf(c.regen);
    expect(p).toMatchObject({ family: 'sink-recent', n: 512, d: 64, dv: 32, rho: 2, eps: 0.05 });
    const { inst } = scaledCase(scaledFamily(p.family), p);
    const indices = sinkWindow(inst.n);
    const input = JSON.stringify({ K: rows(inst.K, inst.n, inst.d), V: rows(inst.V, inst.n, inst.dv), q: c.witness, indices, weights: indices.map(() => 1) });
    const err = Number(execFileSync('/usr/bin/python3', ['test/conform/helpers/numpy-error.py'], { input, encoding: 'utf8' }));
    expect(err).toBeGreaterThan(c.eps);
  });

  it.each([
    ['the full set', 'node conformance/adapters/node/example-exact.mjs'],
    ['exact duplicate merging', 'node test/conform/impls/merge-duplicates.mjs'],
  ])('passes %s on every scaled family at the pinned shape', async (_what, impl) => {
    const r = await cli('conform', '--impl', impl, '--n', '128', '--d', '16', '--dv', '8', '--rho', '2', '--eps', '0.05', '--scaled-cases', '9', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(new Set(report.cases.map((c: { family: string }) => c.family)).size).toBe(9);
  });

  it('passes exact duplicate merging on the quick profile (small families included)', async () => {
    const r = await cli('conform', '--impl', 'node test/conform/impls/merge-duplicates.mjs', '--profile', 'quick', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).failed).toBe(0);
  });
});
