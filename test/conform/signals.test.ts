import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processesMatching, uniqueSleepSeconds } from './helpers/processes.js';

// Tags of their own (the grandchild's sleep length): other test files, and
// other suites on the same machine, run in parallel.
const S1 = uniqueSleepSeconds();
const S2 = S1 + 1;
const MARK = `hostile.mjs hang-with-grandchild ${S1}`;
const SLEEP = `sleep ${S1}`;

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

describe('attn-coreset conform (process hygiene)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('kills the implementation and its grandchildren when the harness gets %s', async (signal) => {
    const harness = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'conform', '--impl', `node test/conform/impls/hostile.mjs hang-with-grandchild ${S1}`, '--cases', '50', '--timeout', '20000'], {
      stdio: 'ignore',
    });
    // Wait until the implementation and its grandchild are up.
    expect(await waitFor(() => processesMatching(SLEEP).length > 0, 20_000)).toBe(true);
    const exited = new Promise<number | null>((resolve) => harness.once('exit', (code, sig) => resolve(code ?? (sig ? 128 : null))));
    harness.kill(signal);
    expect(await exited).not.toBeNull();
    expect(await waitFor(() => processesMatching(MARK).length === 0 && processesMatching(SLEEP).length === 0, 5000)).toBe(true);
  });

  // Regression (issue 13): while the harness is busy (a long verification),
  // a SIGTERM waits for the event loop and `timeout` falls back to SIGKILL,
  // which no handler sees; the implementation's group must still go.
  it('kills the implementation and its grandchildren when the harness gets SIGKILL', async () => {
    const harness = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'conform', '--impl', `node test/conform/impls/hostile.mjs hang-with-grandchild ${S2}`, '--cases', '5', '--scaled-cases', '0', '--timeout', '20000'], {
      stdio: 'ignore',
    });
    expect(await waitFor(() => processesMatching(`sleep ${S2}`).length > 0, 20_000)).toBe(true);
    const exited = new Promise<void>((resolve) => harness.once('exit', () => resolve()));
    harness.kill('SIGKILL');
    await exited;
    expect(await waitFor(() => processesMatching(`hang-with-grandchild ${S2}`).length === 0 && processesMatching(`sleep ${S2}`).length === 0, 5000)).toBe(true);
  });

  // Regression (issue 13): a long verification held the event loop, so
  // SIGTERM waited for it (here: a budget of 10⁵ evaluations at n = 4096,
  // d = 128, minutes); the verifier now runs on a worker thread.
  it('reacts to SIGTERM while a large case is being verified', async () => {
    const mark = join(mkdtempSync(join(tmpdir(), 'conform-sig-')), 'answered');
    const harness = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'conform', '--impl', `node test/conform/impls/exact-mark.mjs ${mark}`, '--family', 'sphere-large', '--n', '4096', '--d', '128', '--scaled-cases', '1', '--budget', '100000'], {
      stdio: 'ignore',
    });
    expect(await waitFor(() => existsSync(mark), 60_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 500)); // the answer is being verified now
    const exited = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      harness.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    harness.kill('SIGTERM');
    const ok = await exited;
    if (!ok) harness.kill('SIGKILL');
    expect(ok).toBe(true);
    expect(await waitFor(() => processesMatching(mark).length === 0, 5000)).toBe(true);
  }, 90_000);
});
