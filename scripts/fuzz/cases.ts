/**
 * Case `i` of a target: which seed, which mutation, which variant. Shared by
 * the worker (to run it) and the runner (to save a finding's input).
 */
import { hash, mutate, rng } from './mutate.js';
import { PROBE_TARGETS, TARGETS, type Target } from './targets.js';

/** What a worker is asked to run. */
export interface WorkerJob {
  readonly targetName: string;
  readonly seed: number;
  readonly from: number;
  readonly count: number;
  /** Int32 slots: [0] case being run, [1] cases done, [2] values, [3] typed errors. */
  readonly shared: SharedArrayBuffer;
  /** A typed error's message longer than this is a finding (hostile text echoed). */
  readonly maxMessage: number;
  /** Peak resident memory above this during a case is a finding. */
  readonly memoryBytes: number;
}

/** The target of a name, probes included. */
export function targetNamed(name: string): Target {
  const t = [...TARGETS, ...PROBE_TARGETS].find((x) => x.name === name);
  if (t === undefined) throw new Error(`no fuzz target '${name}'`);
  return t;
}

/**
 * The input of case `i`: a mutant of one of the target's seeds (probes run
 * their seeds unmutated, in turn), and the variant choice.
 */
export function caseInput(target: Target, seed: number, i: number): { input: Uint8Array; choice: number } {
  const next = rng(hash(`${seed}/${target.name}/${i}`));
  const base = target.seeds[next() % target.seeds.length];
  const choice = next();
  if (PROBE_TARGETS.includes(target)) return { input: target.seeds[i % target.seeds.length], choice };
  return { input: mutate(base, next), choice };
}
