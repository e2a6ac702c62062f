import { describe, expect, it } from 'vitest';
import type { FailureReason } from '../../src/conform/failure.js';
import { ImplProcess } from '../../src/conform/child.js';
import { runConformance } from '../../src/conform/harness.js';
import { encodeRequest, isFailure } from '../../src/conform/protocol.js';
import { liveChildren } from '../../src/conform/reaper.js';
import { exitCodeOf } from '../../src/conform/reporters/index.js';
import { propertySeed } from '../helpers/seed.js';
import { startedGroups } from '../../src/conform/reaper.js';
import { survivingImplementationProcesses, survivorsAfterKill } from './helpers/processes.js';
import { standInVerify } from './helpers/stand-in-verifier.js';

const HOSTILE = 'test/conform/impls/hostile.mjs';

/** Each hostile mode and the failure every one of its cases must report. */
const MODES: [string, FailureReason][] = [
  ['hang', 'timeout'],
  ['hang-with-grandchild', 'timeout'],
  ['partial', 'timeout'],
  ['garbage', 'not-json'],
  ['chatty', 'not-json'],
  ['nan-literal', 'not-json'],
  ['nan-string', 'schema'],
  ['null-weights', 'schema'],
  ['negative', 'schema'],
  ['empty', 'schema'],
  ['wrong-id', 'id-mismatch'],
  ['wrong-length', 'invalid-coreset'],
  ['out-of-range', 'invalid-coreset'],
  ['huge-index', 'invalid-coreset'],
  ['all-zero', 'invalid-coreset'],
  ['exit-early', 'exit'],
  ['huge', 'line-too-long'],
  ['declines', 'impl-error'],
  ['no-hello', 'handshake'],
  ['bad-protocol', 'handshake'],
  ['crash-at-start', 'start'],
];

describe('runConformance against hostile implementations', () => {
  it.each(MODES)('turns %s into failed cases (%s), exit 1, and kills every process it started', async (mode, reason) => {
    const report = await runConformance({
      command: `node ${HOSTILE} ${mode}`,
      verify: standInVerify,
      cases: 2,
      seed: propertySeed(),
      // Short deadlines only where the deadline is what is tested, so a
      // loaded machine cannot turn another failure into a timeout.
      timeoutMs: reason === 'timeout' ? 400 : 10_000,
      handshakeTimeoutMs: reason === 'handshake' ? 400 : 10_000,
      maxLineBytes: 1 << 20,
      shrink: { maxCalls: 1 },
    });
    expect(report.internalError).toBeUndefined();
    expect(report.cases).toHaveLength(2);
    expect(report.cases.every((c) => c.status === 'fail')).toBe(true);
    expect(report.cases.map((c) => c.failure!.reason)).toEqual([reason, reason]);
    expect(exitCodeOf(report)).toBe(1);
    expect(liveChildren()).toBe(0);
    expect(startedGroups().length).toBeGreaterThan(0);
    expect(await survivorsAfterKill()).toEqual([]);
  });

  it('leaves no grandchild behind (the whole process group is killed)', async () => {
    // This mode leaves `sleep 300` in its group at every request.
    const report = await runConformance({ command: `node ${HOSTILE} hang-with-grandchild`, verify: standInVerify, cases: 2, seed: propertySeed(), timeoutMs: 300, shrink: false });
    expect(report.cases.map((c) => c.failure!.reason)).toEqual(['timeout', 'timeout']);
    expect(await survivorsAfterKill()).toEqual([]);
  });

  it('sees the implementation and its grandchild while they run, and none after kill()', async () => {
    const p = await ImplProcess.start(`node ${HOSTILE} hang-with-grandchild 302`);
    if (isFailure(p)) throw new Error(p.message);
    const inst = { n: 1, d: 1, dv: 1, K: Float64Array.of(1), V: Float64Array.of(1) };
    expect(await p.request('r', encodeRequest('r', inst, 1, 0.1), 300)).toMatchObject({ reason: 'timeout' });
    const alive = survivingImplementationProcesses();
    expect(alive.some((l) => l.includes('sleep 302'))).toBe(true);
    expect(alive.some((l) => l.includes('hang-with-grandchild 302'))).toBe(true);
    p.kill();
    expect(await survivorsAfterKill()).toEqual([]);
  });

  // Regression (issue 12): the extra line used to fail the next case, which had done nothing wrong.
  it.each(['double-answer', 'log-after'])('blames output after an answer (%s) on the case that produced it', async (mode) => {
    const report = await runConformance({ command: `node ${HOSTILE} ${mode}`, verify: standInVerify, cases: 3, seed: propertySeed(), shrink: false });
    expect(report.cases).toHaveLength(3);
    // The first two are blamed when the next request goes out; the last one at
    // the stop (a line later than 100 ms after its answer would escape).
    for (const c of report.cases.slice(0, 2)) {
      expect(c.status).toBe('fail');
      expect(c.failure?.reason).toBe('schema');
      expect(c.failure?.message).toContain(JSON.stringify(c.id));
    }
    for (const c of report.cases) if (c.status === 'fail') expect(c.failure?.message).toContain(JSON.stringify(c.id));
    expect(exitCodeOf(report)).toBe(1);
    expect(await survivorsAfterKill()).toEqual([]);
  });

  it('hints at flushing when an implementation writes its answer without flushing', async () => {
    const report = await runConformance({ command: '/usr/bin/python3 test/conform/impls/no_flush.py', verify: standInVerify, cases: 1, timeoutMs: 1500, seed: propertySeed(), shrink: false });
    expect(report.cases[0].failure?.reason).toBe('timeout');
    expect(report.cases[0].failure?.message).toMatch(/flush/);
    expect(report.cases[0].failure?.message).toMatch(/python -u/);
  });

  it('reports the shell\'s message and exit code for a command that does not start', async () => {
    const report = await runConformance({ command: 'pyhton3 impl.py', verify: standInVerify, cases: 1, seed: propertySeed(), shrink: false });
    const f = report.cases[0].failure!;
    expect(f.reason).toBe('start');
    expect(f.message).toContain('exit code 127: command not found');
    expect(f.message).toMatch(/pyhton3: .*not found/);
  });

  it('marks the remaining cases not-run after repeated start failures', async () => {
    const report = await runConformance({ command: `node ${HOSTILE} crash-at-start`, verify: standInVerify, cases: 6, seed: propertySeed(), shrink: false });
    expect(report.cases.map((c) => c.failure!.reason)).toEqual(['start', 'start', 'start', 'not-run', 'not-run', 'not-run']);
  });

  it('fails a command that does not exist', async () => {
    const report = await runConformance({ command: 'definitely-not-a-command-4711', verify: standInVerify, cases: 2, seed: propertySeed(), shrink: false });
    expect(report.cases.map((c) => c.failure!.reason)).toEqual(['start', 'start']);
    expect(report.cases[0].failure!.message).toMatch(/not found|exited/);
  });
});
