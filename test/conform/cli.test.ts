import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { independentError } from './helpers/independent.js';
import { survivorsAfterKill } from './helpers/processes.js';

const tmp = mkdtempSync(join(tmpdir(), 'conform-cli-'));

async function cli(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('attn-coreset conform', () => {
  it('exits 0 for the exact implementation and writes JUnit XML to --out, the summary to stdout', async () => {
    const out = join(tmp, 'exact.xml');
    const r = await cli('conform', '--impl', 'node conformance/adapters/node/example-exact.mjs', '--cases', '5', '--scaled-cases', '0', '--reporter', 'junit', '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('tests="5" failures="0" errors="0"');
    expect(r.stdout).toContain('5 passed, 0 failed');
  });

  it('exits 1 for uniform subsets, with a shrunk counterexample and witness in the JSON report (real verifier)', async () => {
    const r = await cli('conform', '--impl', 'node test/conform/impls/uniform-subset.mjs', '--cases', '5', '--scaled-cases', '0', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const cx = report.counterexamples.find((c: { result: { family: string } }) => c.result.family === 'trap');
    expect(cx.result.n).toBeLessThanOrEqual(3);
    expect(cx.result.failure.reason).toBe('not-eps-coreset');
    expect(cx.result.lower).toBeGreaterThan(cx.result.eps);
    expect(Math.hypot(...cx.result.witness)).toBeLessThanOrEqual(cx.result.rho);
  });

  it.each(['drop-small-norm.mjs', 'ignore-weights.mjs'])('exits 1 for the subtly wrong %s, each counterexample confirmed independently (real verifier)', async (impl) => {
    const r = await cli('conform', '--impl', `node test/conform/impls/${impl}`, '--cases', '27', '--scaled-cases', '0', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.counterexamples.length).toBeGreaterThan(0);
    for (const cx of report.counterexamples) {
      const { result, K, V, response } = cx;
      expect(result.failure.reason).toBe('not-eps-coreset');
      expect(Math.hypot(...result.witness)).toBeLessThanOrEqual(result.rho);
      expect(independentError(K, V, result.witness, response.indices, response.weights)).toBeGreaterThan(result.eps);
      expect(result.n).toBeLessThanOrEqual(4);
    }
  });

  it('exits 1 within the timeout for a hanging implementation, and leaves no process', async () => {
    const r = await cli('conform', '--impl', 'node test/conform/impls/hostile.mjs hang', '--cases', '2', '--scaled-cases', '0', '--timeout', '300', '--shrink-calls', '0', '--reporter', 'tap');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^TAP version 14\n/);
    expect(r.stdout.match(/^not ok /gm)).toHaveLength(2);
    expect(r.stdout).toContain('reason: "timeout"');
    expect(await survivorsAfterKill()).toEqual([]);
  });

  it.each([
    [['conform'], /--impl: is required/],
    [['conform', '--impl', 'x', '--max-size', 'sqrt('], /--max-size/],
    [['conform', '--impl', 'x', '--max-size', 'n + k'], /unknown name "k"/],
    [['conform', '--impl', 'x', '--reporter', 'xml'], /--reporter/],
    [['conform', '--impl', 'x', '--cases', '-1'], /--cases/],
    [['conform', '--impl', 'x', '--cases', '0', '--scaled-cases', '0'], /selects no case/],
    [['conform', '--impl', 'x', '--profile', 'huge'], /--profile/],
    [['conform', '--impl', 'x', '--family', 'nope'], /unknown family/],
    [['conform', '--impl', 'x', '--instances', 'test'], /needs --rho and --eps/],
    [['conform', '--impl', 'x', '--timeout', 'soon'], /--timeout/],
    [['conform', '--impl', 'x', '--json', '--reporter', 'tap'], /contradicts/],
    [['vectors'], /subcommand/],
    [['vectors', 'check', 'no/such/dir'], /not a readable directory/],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('attn-coreset vectors check', () => {
  it('exits 0 on the self-check of the shipped vectors', async () => {
    const r = await cli('vectors', 'check', 'conformance/vectors/v1', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).failed).toBe(0);
  });

  it('uses the bundled vectors when given no directory', async () => {
    const r = await cli('vectors', 'check', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.failed).toBe(0);
    expect(report.cases.length).toBeGreaterThan(0);
  });

  it('exits 1 for uniform subsets run against the vectors', async () => {
    const r = await cli('vectors', 'check', 'conformance/vectors/v1', '--impl', 'node test/conform/impls/uniform-subset.mjs');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('prop:orthonormal-floor');
  });
});
