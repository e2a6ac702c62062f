import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { survivorsAfterKill } from './helpers/processes.js';

async function cli(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Splits a printed POSIX command line (plain words and '…' quoting, as reproduceLine writes). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const m of line.matchAll(re)) words.push(m[1] !== undefined ? m[1].replaceAll("'\\''", "'") : m[2]);
  return words;
}

describe('attn-coreset conform --deadline / --fail-fast', () => {
  it('ends a run against an implementation that hangs after the handshake with exit 1 and a report', async () => {
    const r = await cli('conform', '--impl', 'node test/conform/impls/hostile.mjs hang', '--profile', 'quick', '--deadline', '2', '--timeout', '700', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.stopped.reason).toBe('deadline');
    expect(report.stopped.notRun).toBeGreaterThan(0);
    expect(report.cases.every((c: { failure?: { reason: string } }) => c.failure?.reason === 'timeout' || c.failure?.reason === 'handshake')).toBe(true);
    expect(await survivorsAfterKill()).toEqual([]);
  });

  it('says so in JUnit: a failed deadline testcase, and real times on the cases', async () => {
    const r = await cli('conform', '--impl', 'node test/conform/impls/hostile.mjs hang', '--profile', 'quick', '--deadline', '1.5', '--timeout', '500', '--reporter', 'junit');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<failure type="deadline"');
    const times = [...r.stdout.matchAll(/classname="conform\.(?!harness)[^"]*" name="[^"]*" time="([0-9.]+)"/g)].map((m) => Number(m[1]));
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((t) => t > 0)).toBe(true); // each waited for its timeout
  });

  it('--fail-fast stops after the first failed case', async () => {
    const r = await cli('conform', '--impl', 'node test/conform/impls/uniform-subset.mjs', '--profile', 'quick', '--fail-fast', '--shrink-calls', '0', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.failed).toBe(1);
    expect(report.stopped.reason).toBe('fail-fast');
  });
});

describe('attn-coreset conform reproduce line', () => {
  it('reruns the same cases with every outcome-changing option, and gets the same failures', async () => {
    const first = await cli('conform', '--impl', 'node test/conform/impls/uniform-subset.mjs', '--profile', 'quick', '--seed', '5', '--cases', '6', '--scaled-cases', '1', '--max-size', 'n', '--budget', '300', '--timeout', '8000', '--shrink-calls', '20');
    expect(first.code).toBe(1);
    const line = first.stdout.split('\n').find((l) => l.startsWith('reproduce: '))!;
    for (const opt of ['--profile quick', '--seed 5', '--cases 6', '--scaled-cases 1', '--max-size n', '--budget 300', '--timeout 8000', '--shrink-calls 20']) expect(line).toContain(opt);
    const words = shellWords(line.slice('reproduce: '.length));
    expect(words.slice(0, 2)).toEqual(['attn-coreset', 'conform']);
    const again = await cli(...words.slice(1), '--json');
    const summary = (text: string) => text.split('\n').filter((l) => l.startsWith('FAIL '));
    const second = await cli(...words.slice(1));
    expect(again.code).toBe(1);
    expect(summary(second.stdout)).toEqual(summary(first.stdout));
  });
});

describe('attn-coreset conform shrinking', () => {
  // Regression: a wrong answer used to shrink into the implementation's
  // refusal of tiny inputs (any failure counted as "still failing").
  it('shrinks a failure only to failures of the same reason', async () => {
    const r = await cli('conform', '--impl', 'node test/conform/impls/refuse-tiny.mjs', '--family', 'sphere', '--cases', '20', '--scaled-cases', '0', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const original = report.cases.find((c: { id: string }) => c.id === report.counterexamples[0].original);
    expect(report.counterexamples[0].result.failure.reason).toBe(original.failure.reason);
  });
});
