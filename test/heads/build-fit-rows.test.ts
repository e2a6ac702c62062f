import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { writeHeadHalves } from '../helpers/head-halves.js';
import { manifestHeads } from '../helpers/heads.js';

// Even tokens fit (their rows are 0, 2, 4, …), odd tokens held out.
const { head, dir, fit, test, keys, values, rq } = writeHeadHalves(manifestHeads()[1], 'attn-fitrows-');
const { n } = head.instance;
const rho = String(rq * 1.0001);
const evens = Array.from({ length: n / 2 }, (_, r) => 2 * r);
const rowsFile = join(dir, 'rows.json');
writeFileSync(rowsFile, JSON.stringify(evens));
const base = ['build', '--keys', keys, '--values', values, '--rho', rho, '--scale', String(head.scale), '--queries', fit, '--refit-values', '--size', String(n / 4)];

/** Held-out max error of a cache file, through `verify --cache --queries` (ε large: only the statistics are read). */
async function heldOutMax(cache: string): Promise<number> {
  const io = memoryIo();
  await runCli(['verify', '--keys', keys, '--values', values, '--cache', cache, '--rho', rho, '--eps', '1000', '--scale', String(head.scale), '--queries', test, '--json'], io);
  return JSON.parse(io.stdout).queryStats.max;
}

describe('attn-coreset build --queries --fit-rows (def:predicted-queries)', () => {
  it('predicts a query for every row without one, reports it, and lowers the held-out max on this head', async () => {
    const withRows = join(dir, 'with.json');
    const without = join(dir, 'without.json');
    expect(await runCli([...base, '--fit-rows', rowsFile, '--out', withRows], memoryIo())).toBe(0);
    expect(await runCli([...base, '--out', without], memoryIo())).toBe(0);
    const io = memoryIo();
    expect(await runCli([...base, '--fit-rows', rowsFile], io)).toBe(0);
    const doc = JSON.parse(io.stdout);
    expect(doc.parameters.fitQueries).toBe(n / 2);
    expect(doc.parameters.predictedQueries).toBe(n / 2);
    // Better than predicting the mean query (0.51 on this head, by its 5-fold CV).
    expect(doc.parameters.predictionR2).toBeGreaterThan(0);
    expect(doc.parameters.predictionR2).toBeLessThanOrEqual(1);
    const [a, b] = [await heldOutMax(withRows), await heldOutMax(without)];
    // On this committed head the predicted rows lower the held-out max (6.56 against 8.47).
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    expect(a).toBeLessThan(b);
  });

  it('refuses bad row files and --fit-rows without --queries, exit 2, naming the file', async () => {
    const bad = (name: string, content: string): string => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    };
    const cases = [
      bad('short.json', JSON.stringify(evens.slice(1))),
      bad('frac.json', JSON.stringify([0.5, ...evens.slice(1)])),
      bad('repeat.json', JSON.stringify([0, 0, ...evens.slice(2)])),
      bad('range.json', JSON.stringify([n, ...evens.slice(1)])),
      bad('negative.json', JSON.stringify([-2, ...evens.slice(1)])),
    ];
    for (const file of cases) {
      const io = memoryIo();
      expect(await runCli([...base, '--fit-rows', file], io), file).toBe(2);
      expect(io.stderr, file).toMatch(/rows|fit/);
    }
    const io = memoryIo();
    expect(await runCli(['build', '--keys', keys, '--values', values, '--rho', rho, '--size', '8', '--fit-rows', rowsFile], io)).toBe(2);
    expect(io.stderr).toMatch(/--fit-rows/);
  });
});
