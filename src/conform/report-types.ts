/**
 * The data model of a conformance run, shared by the harness and every
 * reporter (human, JSON, TAP, JUnit).
 * @module
 */
import type { Verdict } from '../verify/types.js';
import type { Failure } from './failure.js';

/** The outcome of one case. */
export interface CaseResult {
  /** Stable within a run and seed: `<family>-<k>` (shrink steps add `/s<j>`). */
  readonly id: string;
  readonly family: string;
  /** The anchor whose hardness the family carries. */
  readonly anchor: string;
  readonly n: number;
  readonly d: number;
  readonly dv: number;
  readonly rho: number;
  readonly eps: number;
  readonly status: 'pass' | 'fail';
  readonly failure?: Failure;
  /** Distinct indices of positive weight in the answer. */
  readonly size?: number;
  /** The size claim at this case, when one is in force. */
  readonly maxSize?: number;
  readonly verdict?: Verdict;
  /** Largest error found (at `witness`), recomputed by the reference. */
  readonly lower?: number;
  /** Certified upper bound on the error (may be Infinity). */
  readonly upper?: number;
  readonly witness?: number[];
  /** Wall-clock seconds spent on the case (asking and checking). */
  readonly seconds?: number;
  /** Flags that regenerate this case alone (scaled and instance cases, which are not shrunk). */
  readonly regen?: readonly string[];
}

/** A failure shrunk by fast-check to a minimal instance, with its inputs. */
export interface Counterexample {
  /** The case of the run that failed first in its family. */
  readonly original: string;
  /** The minimal failing case, as re-asked of the implementation. */
  readonly result: CaseResult;
  /** Successful shrink steps and implementation calls spent shrinking. */
  readonly shrinks: number;
  readonly calls: number;
  readonly K: number[][];
  readonly V: number[][];
  /** The implementation's answer on the minimal case, when it gave one. */
  readonly response?: AnswerRows;
}

/** An answer as reported: a weighted set, or (protocol 2) a decoded cache's rows. */
export type AnswerRows =
  | { readonly indices: number[]; readonly weights: number[] }
  | { readonly keys: number[][]; readonly values: number[][]; readonly weights: number[] };

/** Everything a reporter needs. */
export interface ConformReport {
  /** The protocol the implementation spoke (1 until a hello says 2). */
  readonly protocol: 1 | 2;
  readonly implementation: { readonly command: string; readonly name?: string; readonly version?: string; readonly maxSize?: string };
  readonly seed: number;
  readonly cases: CaseResult[];
  readonly counterexamples: Counterexample[];
  readonly passed: number;
  readonly failed: number;
  readonly seconds: number;
  /** The profile the cases came from, when one was used. */
  readonly profile?: string;
  /** Why the run stopped before its last case, and how many cases it did not run. */
  readonly stopped?: { readonly reason: 'deadline' | 'fail-fast'; readonly notRun: number };
  /**
   * Every option that changes the outcome, as command-line arguments
   * (without `--impl`), so that `conform --impl CMD …reproduce` reruns it.
   */
  readonly reproduce?: readonly string[];
  /** Set when the harness itself failed (a bug: CLI exit 3). */
  readonly internalError?: string;
}
