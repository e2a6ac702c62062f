import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { validateCoreset } from '../../src/validate.js';
import { writeHeadHalves } from '../helpers/head-halves.js';
import { manifestHeads } from '../helpers/heads.js';

// Even tokens fit, odd tokens held out.
const { head, dir, fit, test, keys, values, rq } = writeHeadHalves(manifestHeads()[0], 'attn-qbuild-');
const { n } = head.instance;
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
