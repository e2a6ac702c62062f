/** Process checks via `ps`, safe when other test files run in parallel. */
import { execFileSync } from 'node:child_process';
import { startedGroups } from '../../../src/conform/reaper.js';

/**
 * Live processes as "pid pgid args" lines. Zombies (state Z: exited, waiting
 * to be reaped by a parent, which in a container's PID 1 may never happen)
 * run nothing and are left out.
 */
function ps(): string[] {
  return execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 4 && !f[2].startsWith('Z'))
    .map(([pid, pgid, , ...args]) => `${pid} ${pgid} ${args.join(' ')}`);
}

/** Live processes whose command line contains `marker` (use a marker unique to the test). */
export function processesMatching(marker: string): string[] {
  return ps()
    .filter((l) => l.includes(marker) && !l.includes('ps -eo'))
    .map((l) => l.trim());
}

/**
 * Live processes in any process group this test process started through the
 * harness (an implementation, its shell, its grandchildren): must be none.
 */
export function survivingImplementationProcesses(): string[] {
  const mine = new Set(startedGroups());
  return ps()
    .map((l) => l.trim().split(/\s+/))
    .filter(([, pgid]) => mine.has(Number(pgid)))
    .map((f) => f.join(' '));
}

/**
 * {@link survivingImplementationProcesses} once SIGKILL has taken effect:
 * the signal is delivered asynchronously, so poll (up to 5 s) until the list
 * is empty, then return whatever is still there.
 */
export async function survivorsAfterKill(): Promise<string[]> {
  const end = Date.now() + 5000;
  for (;;) {
    const alive = survivingImplementationProcesses();
    if (alive.length === 0 || Date.now() > end) return alive;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A sleep length no other test (in this run or in another suite running on
 * the same machine) uses, so `sleep N` is a marker of this test alone: five
 * digits, so one marker is never a prefix of another.
 */
export function uniqueSleepSeconds(): number {
  return 10_000 + Math.floor(Math.random() * 80_000); // n and n + 1 both five digits
}
