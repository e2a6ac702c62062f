/**
 * Kills every implementation process group still alive when the harness
 * process exits or is interrupted, so no child outlives the harness even when
 * the harness itself is killed by a signal it can catch. For the signals it
 * cannot catch in time (SIGKILL, e.g. `timeout -k` while a long verification
 * holds the event loop), each implementation has a watchdog: a shell that
 * waits for its stdin (a pipe from the harness) to close, which the kernel
 * does when the harness dies however it dies, and then kills the group.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Live children and the environment tag each was started with. */
const live = new Map<ChildProcess, string | undefined>();
/** The watchdog of each live child. */
const watchdogs = new Map<ChildProcess, ChildProcess>();
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
  const dog = watchdogs.get(child);
  if (dog !== undefined) {
    watchdogs.delete(child);
    // First the watchdog, so that it never signals a group id the kernel has reused.
    try {
      dog.kill('SIGKILL');
    } catch {
      // gone already
    }
    dog.stdin?.destroy();
    dog.unref();
  }
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

/** Name of the environment variable that tags an implementation and everything it starts. */
export const TAG_VARIABLE = 'ATTN_CORESET_CONFORM_TAG';
let tagCount = 0;

/**
 * Returns a fresh tag for one implementation start (the harness's pid, a
 * counter and random digits), to be set as {@link TAG_VARIABLE} in its
 * environment.
 * @lemma def:eps-coreset
 */
export function newTag(): string {
  return `${process.pid}-${++tagCount}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Kills every process whose environment carries `tag` (Linux, through
 * /proc; elsewhere nothing). Every descendant of the implementation inherits
 * it unless it clears its environment, so this reaches a grandchild that
 * started a session of its own (`setsid`), out of the process group's reach.
 * One that also scrubbed its environment cannot be found: it is beyond the
 * harness (conformance/protocol.md). Returns the pids signalled.
 * @lemma def:eps-coreset
 */
export function killTagged(tag: string): number[] {
  const needle = `${TAG_VARIABLE}=${tag}\0`;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return [];
  }
  const killed: number[] = [];
  for (const pid of pids) {
    let env: string;
    try {
      env = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue; // gone, or not ours to read
    }
    if (!`${env}\0`.includes(needle)) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      killed.push(Number(pid));
    } catch {
      // exited meanwhile
    }
  }
  return killed;
}

/**
 * Closes our ends of the child's stdio pipes, so that a process still
 * holding the other ends cannot keep the harness alive (Node waits for open
 * pipes before it exits).
 * @lemma def:eps-coreset
 */
export function releaseStdio(child: ChildProcess): void {
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
  child.unref();
}

function killAll(): void {
  for (const [c, tag] of [...live]) {
    killGroup(c);
    if (tag !== undefined) killTagged(tag);
    releaseStdio(c);
  }
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
export function track(child: ChildProcess, tag?: string): void {
  live.set(child, tag);
  if (child.pid !== undefined && process.platform !== 'win32') {
    try {
      // `read` returns at end of input: when the harness closes the pipe or dies.
      const dog = spawn('/bin/sh', ['-c', `while read -r _; do :; done; kill -9 -${child.pid} 2>/dev/null`], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
      dog.on('error', () => {});
      dog.stdin?.on('error', () => {});
      dog.unref();
      (dog.stdin as unknown as { _handle?: { unref?: () => void } } | null)?._handle?.unref?.();
      watchdogs.set(child, dog);
    } catch {
      // no shell: the in-process handlers below still cover catchable exits
    }
  }
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
