import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { processesMatching, uniqueSleepSeconds } from './helpers/processes.js';

// A tag of its own: the session-leader grandchild's sleep length.
const SECONDS = uniqueSleepSeconds();
const SLEEP = `sleep ${SECONDS}`;

afterAll(() => {
  // The grandchild left its process group on purpose; this test started it, so it ends it by pid.
  for (const line of processesMatching(SLEEP)) {
    const pid = Number(line.split(' ')[0]);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
});

async function gone(marker: string): Promise<boolean> {
  const end = Date.now() + 5000;
  while (processesMatching(marker).length > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return processesMatching(marker).length === 0;
}

describe('attn-coreset conform (a grandchild in its own session)', () => {
  // Regression (issue 13): the grandchild kept the inherited stdout/stderr
  // pipes open, so the CLI never exited after writing its report.
  it('exits once its report is out although a grandchild still holds the pipes, and kills that grandchild', async () => {
    const harness = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'conform', '--impl', `node test/conform/impls/hostile.mjs setsid-grandchild ${SECONDS}`, '--cases', '2', '--scaled-cases', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    harness.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        harness.kill('SIGKILL');
        resolve(null);
      }, 30_000);
      harness.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(stdout).toContain('result: pass');
    expect(code).toBe(0);
    // Out of the group's reach, but it carried the run's environment tag.
    expect(await gone(SLEEP)).toBe(true);
  }, 40_000);
});
