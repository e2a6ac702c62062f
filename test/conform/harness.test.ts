import { describe, expect, it } from 'vitest';
import { defaultFamilies } from '../../src/conform/families.js';
import { runConformance } from '../../src/conform/harness.js';
import { exitCodeOf } from '../../src/conform/reporters/index.js';
import type { ConformReport, Counterexample } from '../../src/conform/report-types.js';
import { propertySeed } from '../helpers/seed.js';
import { independentError } from './helpers/independent.js';
import { survivorsAfterKill } from './helpers/processes.js';
import { standInVerify } from './helpers/stand-in-verifier.js';
import { hasPython } from '../helpers/python.js';

const IMPLS = 'test/conform/impls';
const seed = propertySeed();

const python = hasPython();
if (!python) process.stderr.write('test/conform: python3 not found, skipping the Python adapter tests\n');

function run(command: string, cases: number): Promise<ConformReport> {
  return runConformance({ command, verify: standInVerify, cases, seed, timeoutMs: 5000 });
}

/** The witness of a not-eps-coreset counterexample, re-checked without src/. */
function confirmWitness(cx: Counterexample): number {
  const r = cx.result;
  expect(r.failure?.reason).toBe('not-eps-coreset');
  expect(cx.response).toBeDefined();
  if (!('indices' in cx.response!)) throw new Error('expected a subset answer');
  const q = r.witness!;
  expect(Math.hypot(...q)).toBeLessThanOrEqual(r.rho);
  const err = independentError(cx.K, cx.V, q, cx.response.indices, cx.response.weights);
  expect(err).toBeGreaterThan(r.eps);
  expect(Math.abs(err - r.lower!)).toBeLessThan(1e-9);
  return err;
}

describe('runConformance', () => {
  it('passes an exact implementation (every point, weight 1) through the Node adapter', async () => {
    const report = await run(`node conformance/adapters/node/example-exact.mjs`, 10);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(10);
    expect(exitCodeOf(report)).toBe(0);
    expect(report.implementation.name).toBe('example-exact (node)');
    const names = defaultFamilies().map((f) => f.name);
    expect(names.slice(0, 2)).toEqual(['trap', 'orthonormal']);
    expect(new Set(report.cases.map((c) => c.family))).toEqual(new Set(names));
  });

  it.skipIf(!python)('passes an exact implementation through the Python adapter', async () => {
    const report = await run(`python3 conformance/adapters/python/example_exact.py`, 10);
    expect(report.failed).toBe(0);
    expect(exitCodeOf(report)).toBe(0);
    expect(report.implementation.name).toBe('example-exact (python)');
  });

  it('fails uniform random subsets and shrinks the uniform-weights trap to a tiny instance with a confirmed witness', async () => {
    const report = await run(`node ${IMPLS}/uniform-subset.mjs`, 25);
    expect(report.failed).toBeGreaterThan(0);
    expect(exitCodeOf(report)).toBe(1);
    const trap = report.counterexamples.find((c) => c.result.family === 'trap');
    expect(trap).toBeDefined();
    // T_ρ with M = ⌊e^{2ρ}⌋ shrinks to ρ = 1/4: M = 1, n = 2 (one + key, one − key).
    expect(trap!.result.n).toBeLessThanOrEqual(3);
    expect(trap!.result.anchor).toBe('prop:uniform-weights-fail');
    confirmWitness(trap!);
  });

  it.skipIf(!python)('fails uniform random subsets written in Python, with a confirmed witness', async () => {
    const report = await run(`python3 ${IMPLS}/uniform_subset.py`, 10);
    expect(exitCodeOf(report)).toBe(1);
    const trap = report.counterexamples.find((c) => c.result.family === 'trap');
    expect(trap!.result.n).toBeLessThanOrEqual(3);
    confirmWitness(trap!);
  });

  it('fails an implementation that drops keys of small norm, with a confirmed witness', async () => {
    const report = await run(`node ${IMPLS}/drop-small-norm.mjs`, 25);
    expect(exitCodeOf(report)).toBe(1);
    const cx = report.counterexamples.find((c) => c.result.family === 'ball');
    expect(cx).toBeDefined();
    confirmWitness(cx!);
  });

  it('fails an implementation that ignores its own weights, with a confirmed witness', async () => {
    const report = await run(`node ${IMPLS}/ignore-weights.mjs`, 25);
    expect(exitCodeOf(report)).toBe(1);
    expect(report.counterexamples.length).toBeGreaterThan(0);
    // Only instances with exact duplicates can fail (d = 1 sphere instances have them too).
    expect(report.counterexamples.some((c) => c.result.family === 'trap')).toBe(true);
    for (const cx of report.counterexamples) confirmWitness(cx);
  });

  it('checks a size claim: the exact implementation breaks "2", and passes "n"', async () => {
    const base = { command: `node ${IMPLS}/exact.mjs`, verify: standInVerify, cases: 5, seed, timeoutMs: 5000, shrink: false as const };
    const tight = await runConformance({ ...base, maxSize: 2 });
    expect(tight.cases.some((c) => c.failure?.reason === 'size-claim')).toBe(true);
    expect(tight.cases.filter((c) => c.status === 'fail').every((c) => c.failure?.reason === 'size-claim' && c.size! > 2)).toBe(true);
    const loose = await runConformance({ ...base, maxSize: 'n' });
    expect(loose.failed).toBe(0);
    expect(loose.implementation.maxSize).toBe('n');
  });

  it('leaves no implementation process behind', async () => {
    expect(await survivorsAfterKill()).toEqual([]);
  });
});

describe('fast-check path replay (what shrinking relies on)', () => {
  it('regenerates, at path "k", the very case the main run generated k-th', async () => {
    const fc = (await import('fast-check')).default;
    for (const family of defaultFamilies()) {
      const seen: unknown[] = [];
      await fc.check(fc.asyncProperty(family.arbitrary, async (c) => (seen.push(c), true)), { seed, numRuns: 6 });
      for (const k of [0, 3, 5]) {
        let first: unknown;
        await fc.check(
          fc.asyncProperty(family.arbitrary, async (c) => {
            first ??= c;
            return false;
          }),
          { seed, numRuns: 6, path: String(k), endOnFailure: true },
        );
        expect(first).toEqual(seen[k]);
      }
    }
  });
});
