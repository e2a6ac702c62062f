import { describe, expect, it } from 'vitest';
import { runConformance } from '../../src/conform/harness.js';
import { propertySeed } from '../helpers/seed.js';
import { survivorsAfterKill } from './helpers/processes.js';
import { standInVerify } from './helpers/stand-in-verifier.js';
import { hasPython } from '../helpers/python.js';


async function reasons(command: string): Promise<string[]> {
  const report = await runConformance({ command, verify: standInVerify, cases: 3, seed: propertySeed(), shrink: false });
  return report.cases.map((c) => `${c.failure?.reason}: ${c.failure?.message}`);
}

describe('the adapters', () => {
  it('turn a NaN weight from the user function into an error message (Node)', async () => {
    for (const r of await reasons('node test/conform/impls/nan-weights.mjs')) expect(r).toMatch(/^impl-error: .*weights\[0\] is NaN/s);
  });

  it.skipIf(!hasPython())('turn a NaN weight from the user function into an error message (Python)', async () => {
    for (const r of await reasons('python3 test/conform/impls/nan_weights.py')) expect(r).toMatch(/^impl-error: .*weights\[0\] is nan/s);
  });

  it('keep serving after the user function throws: one error message per request, one process', async () => {
    const report = await runConformance({ command: 'node test/conform/impls/throws.mjs', verify: standInVerify, cases: 3, seed: propertySeed(), shrink: false });
    expect(report.cases.map((c) => c.failure?.reason)).toEqual(['impl-error', 'impl-error', 'impl-error']);
    expect(report.cases[0].failure?.message).toContain('out of memory (simulated)');
    expect(await survivorsAfterKill()).toEqual([]);
  });
});
