/**
 * Kills every implementation process group still alive when the harness
 * process exits or is interrupted, so no child outlives the harness even when
 * the harness itself is killed by a signal it can catch.
 * @module
 */
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
/** Process group ids ever started here, so tests can check that none survives. */
const groups: number[] = [];
let installed = false;

/**
 * Sends SIGKILL to the process group of `child` (it was spawned detached, so
 * it leads its own group: the shell, the implementation and anything it
 * started). Safe to call on a dead child.
 * @lemma def:eps-coreset
 */
export function killGroup(child: ChildProcess): void {
  live.delete(child);
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the whole group is gone already.
  }
  try {
    child.kill('SIGKILL');
  } catch {
    // already dead
  }
}

function killAll(): void {
  for (const c of [...live]) killGroup(c);
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  process.removeListener(signal, onSignal);
  process.kill(process.pid, signal);
}

/**
 * Registers a child to be killed on harness exit (normal exit, SIGINT,
 * SIGTERM, SIGHUP).
 * @lemma def:eps-coreset
 */
export function track(child: ChildProcess): void {
  live.add(child);
  if (child.pid !== undefined) groups.push(child.pid);
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, onSignal);
}

/**
 * Returns the number of tracked live children (for tests).
 * @lemma def:eps-coreset
 */
export function liveChildren(): number {
  return live.size;
}

/**
 * Returns every process group id started by this process so far (for tests).
 * @lemma def:eps-coreset
 */
export function startedGroups(): readonly number[] {
  return groups;
}
