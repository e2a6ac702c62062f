import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { coresetError } from '../../src/fast/coreset-error.js';
import { exceedUpper } from '../../src/stats/clopper-pearson.js';
import { HEADS_DIR, manifestHeads, readHead } from '../helpers/heads.js';

const h = manifestHeads()[0];
const head = readHead(h);
const { n, d } = head.instance;
const file = (key: 'q' | 'k' | 'v') => join(HEADS_DIR, h.arrays[key].file);
const dir = mkdtempSync(join(tmpdir(), 'attn-heads-'));
// Every fourth token, weight 4: a uniform-sampling-like subset at m = n/4.
const indices = Array.from({ length: Math.floor(n / 4) }, (_, i) => 4 * i);
const coresetPath = join(dir, 'c.json');
writeFileSync(coresetPath, JSON.stringify({ indices, weights: indices.map(() => 4) }));
let rq = 0;
for (let r = 0; r < n; r++) rq = Math.max(rq, Math.hypot(...head.queries.subarray(r * d, (r + 1) * d)));
const rho = String(rq * 1.0001);
const c = { indices: Uint32Array.from(indices), weights: Float64Array.from(indices, () => 4) };
const errors = Array.from({ length: n }, (_, r) => coresetError(head.instance, head.queries.subarray(r * d, (r + 1) * d), c, { scale: head.scale }));
const eps = [...errors].sort((a, b) => a - b)[Math.floor(0.8 * n)];

describe('attn-coreset verify --queries on a real head', () => {
  const base = ['verify', '--keys', file('k'), '--values', file('v'), '--coreset', coresetPath, '--rho', rho, '--eps', String(eps), '--queries', file('q'), '--scale', String(head.scale)];

  it('reports queryStats in --json: n, exceeding, max, p99, p90, mean, confidence, exceedUpper', async () => {
    const io = memoryIo();
    const code = await runCli([...base, '--json'], io);
    const doc = JSON.parse(io.stdout);
    expect(code).toBe(1); // the max exceeds ε (it is a quantile below the max): fail on the queries
    const s = doc.queryStats;
    expect(s.n).toBe(n);
    expect(s.max).toBe(Math.max(...errors));
    expect(s.mean).toBeCloseTo(errors.reduce((a, b) => a + b, 0) / n, 14);
    // exceeding counts certified bounds: at least the binary64 count, and within float error of it here.
    const over = errors.filter((e) => e > eps).length;
    expect(s.exceeding).toBeGreaterThanOrEqual(over);
    expect(s.exceeding).toBeLessThanOrEqual(over + errors.filter((e) => Math.abs(e - eps) < 1e-9).length);
    expect(s.confidence).toBe(0.95);
    expect(s.exceedUpper).toBe(exceedUpper(s.exceeding, n, 0.95));
    expect(s.p99Upper).toBeNull(); // n = 120 is too few for a 95% bound on the 0.99-quantile
    expect(doc.parameters.scope).toBe('queries');
  });

  it('keeps the ball verdict with --scope ball and still reports queryStats, at --confidence 0.9', async () => {
    const io = memoryIo();
    await runCli([...base, '--scope', 'ball', '--budget', '256', '--confidence', '0.9', '--json'], io);
    const doc = JSON.parse(io.stdout);
    expect(doc.parameters.scope).toBe('ball');
    expect(doc.methods.some((m: string) => m.startsWith('falsifier'))).toBe(true);
    expect(doc.queryStats.confidence).toBe(0.9);
    expect(doc.queryStats.exceedUpper).toBe(exceedUpper(doc.queryStats.exceeding, n, 0.9));
  });

  it('prints the statistics and the bound in its human output', async () => {
    const io = memoryIo();
    await runCli(base, io);
    expect(io.stdout).toMatch(new RegExp(`queries: ${n}, \\d+ with error > ε`));
    expect(io.stdout).toMatch(/if the queries are i\.i\.d\. draws: P\(err > ε\) ≤ [\d.]+%, .* at 95\.0% confidence/);
  });

  it('rejects a confidence outside (0, 1) with exit 2', async () => {
    for (const bad of ['1', '0', '1.5', 'x']) {
      const io = memoryIo();
      expect(await runCli([...base, '--confidence', bad], io)).toBe(2);
      expect(io.stderr).toMatch(/--confidence/);
    }
  });
});
