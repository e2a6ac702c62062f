import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { writeMatrix } from '../../src/io/write-matrix.js';
import { validateCoreset } from '../../src/validate.js';
import { HEADS_DIR, manifestHeads, readHead } from '../helpers/heads.js';

const h = manifestHeads()[0];
const head = readHead(h);
const { n, d } = head.instance;
const dir = mkdtempSync(join(tmpdir(), 'attn-qbuild-'));
// Even tokens fit, odd tokens held out.
const half = (parity: number) => {
  const rows = Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === parity);
  const data = new Float64Array(rows.length * d);
  rows.forEach((t, k) => data.set(head.queries.subarray(t * d, (t + 1) * d), k * d));
  return { rows: rows.length, cols: d, data };
};
const fit = join(dir, 'qfit.npy');
const test = join(dir, 'qtest.npy');
writeMatrix(fit, half(0));
writeMatrix(test, half(1));
let rq = 0;
for (let r = 0; r < n; r++) rq = Math.max(rq, Math.hypot(...head.queries.subarray(r * d, (r + 1) * d)));
const keys = join(HEADS_DIR, h.arrays.k.file);
const values = join(HEADS_DIR, h.arrays.v.file);
const base = ['build', '--keys', keys, '--values', values, '--rho', String(rq * 1.0001), '--scale', String(head.scale), '--queries', fit];

describe('attn-coreset build --queries on a real head', () => {
  it('writes indices and weights of the requested size', async () => {
    const io = memoryIo();
    expect(await runCli([...base, '--size', '24'], io)).toBe(0);
    const doc = JSON.parse(io.stdout);
    validateCoreset({ indices: Uint32Array.from(doc.indices), weights: Float64Array.from(doc.weights) }, n);
    expect(doc.indices.length).toBeLessThanOrEqual(24);
    expect(doc.parameters).toMatchObject({ method: 'query-aware', fitQueries: n / 2, regularization: 0.1 });
  });

  it('finds the smallest size whose held-out bound holds, and verify --queries on the holdout agrees', async () => {
    const eps = 2.5; // head units (R_v ≈ 11.5); the search lands at 83 of 120 rows (measured)
    const out = join(dir, 'c.json');
    const io = memoryIo();
    const code = await runCli([...base, '--holdout', test, '--eps', String(eps), '--out', out, '--json'], io);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(code).toBe(doc.holds ? 0 : 1);
    expect(doc.holds).toBe(true);
    expect(doc.queryStats.exceeding).toBe(0);
    const smaller = doc.trials.filter((t: { size: number }) => t.size < doc.parameters.size);
    expect(smaller.every((t: { holds: boolean }) => !t.holds)).toBe(true);
    const vio = memoryIo();
    const vcode = await runCli(['verify', '--keys', keys, '--values', values, '--coreset', out, '--rho', String(rq * 1.0001), '--eps', String(eps), '--scale', String(head.scale), '--queries', test, '--json'], vio);
    expect(vcode).toBe(0);
    expect(JSON.parse(vio.stdout).queryStats.exceedUpper).toBe(doc.queryStats.exceedUpper);
  });

  it('rejects --eps without --holdout and --holdout without --eps, exit 2', async () => {
    for (const extra of [['--eps', '1'], ['--holdout', test], ['--size', '8', '--method', 'uniform']]) {
      const io = memoryIo();
      expect(await runCli([...base, ...extra], io)).toBe(2);
    }
  });
});
