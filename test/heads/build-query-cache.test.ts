import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { readCacheFile } from '../../src/io/cache-file.js';
import { validateCache } from '../../src/cache.js';
import { writeHeadHalves } from '../helpers/head-halves.js';
import { manifestHeads } from '../helpers/heads.js';

// Even tokens fit, odd tokens held out.
const { head, dir, fit, test, keys, values, rq } = writeHeadHalves(manifestHeads()[0], 'attn-qcache-');
const { n, d, dv } = head.instance;
const rho = String(rq * 1.0001);
const base = ['build', '--keys', keys, '--values', values, '--rho', rho, '--scale', String(head.scale), '--queries', fit, '--refit-values'];

describe('attn-coreset build --queries --refit-values on a real head', () => {
  it('writes a cache (keys, values, weights, indices) of the requested size to .json and .safetensors', async () => {
    const io = memoryIo();
    expect(await runCli([...base, '--size', '16', '--lambda', '0.01'], io)).toBe(0);
    const doc = JSON.parse(io.stdout);
    expect(doc.parameters).toMatchObject({ method: 'query-aware-cache', refitValues: true, lambda: 0.01, fitQueries: n / 2 });
    expect(doc.indices.length).toBe(doc.keys.length);
    expect(doc.keys.length).toBeLessThanOrEqual(16);
    // Keys are the kept rows' own keys; values are refitted (not all equal to the rows' values).
    const K = head.instance.K;
    doc.indices.forEach((i: number, j: number) => expect(doc.keys[j]).toEqual(Array.from(K.subarray(i * d, (i + 1) * d))));
    expect(doc.objective).toBeLessThan(doc.subsetObjective);
    const st = join(dir, 'c.safetensors');
    expect(await runCli([...base, '--size', '16', '--lambda', '0.01', '--out', st], memoryIo())).toBe(0);
    const c = readCacheFile(st, d, dv);
    validateCache(c, d, dv);
    expect(Array.from(c.V)).toEqual(doc.values.flat());
  });

  it('with --holdout finds the smallest size whose cache meets the held-out bound, and verify --cache --queries does not fail it', async () => {
    const eps = 2.5; // head units (R_v ≈ 11.5), as the subset test
    const out = join(dir, 'hc.json');
    const code = await runCli([...base, '--holdout', test, '--eps', String(eps), '--out', out], memoryIo());
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(code).toBe(0);
    expect(doc.holds).toBe(true);
    expect(doc.queryStats.exceeding).toBe(0);
    const smaller = doc.trials.filter((t: { size: number }) => t.size < doc.parameters.size);
    expect(smaller.every((t: { holds: boolean }) => !t.holds)).toBe(true);
    const vio = memoryIo();
    const vcode = await runCli(['verify', '--keys', keys, '--values', values, '--cache', out, '--rho', rho, '--eps', String(eps), '--scale', String(head.scale), '--queries', test, '--json'], vio);
    expect(vcode).toBe(0);
    const v = JSON.parse(vio.stdout);
    expect(v.queryStats.exceeding).toBe(0);
    expect(v.queryStats.exceedUpper).toBe(doc.queryStats.exceedUpper);
  });

  it('rejects --lambda without --refit-values and --method with it, exit 2', async () => {
    const plain = base.filter((a) => a !== '--refit-values');
    for (const argv of [[...plain, '--size', '8', '--lambda', '1'], [...base, '--size', '8', '--method', 'uniform'], [...base, '--size', '8', '--lambda', '-1']]) {
      expect(await runCli(argv, memoryIo())).toBe(2);
    }
  });
});
