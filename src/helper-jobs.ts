/**
 * What the helper thread (`helper-thread.ts`) runs: the jobs' shapes and
 * {@link serveJob}, the helper's side of every job, written to run from its
 * source text (it references only its parameters and globals).
 *
 * Control block (Int32Array): 0 sequence number of the last command, 1 the
 * command (0 ends a session), 2 the last sequence number done, 3 set when a
 * command threw, 4–7 the command's arguments.
 * @module
 */
import type { crossDots } from './fast/gemm.js';
import type { rangeSums } from './construct/kernel.js';
import type { columnRows, residualRows } from './construct/rows.js';
import type { BatchKernel } from './verify/batch-kernel.js';
import type { Pair } from './verify/batch.js';

/** One-shot: column-range kernel sums for `kernelMean`; `flag` becomes 1 (done) or 2 (failed). */
export interface SumsJob {
  readonly type: 'sums';
  readonly flag: Int32Array;
  readonly K: Float64Array;
  readonly V: Float64Array;
  readonly d: number;
  readonly dv: number;
  readonly a0: number;
  readonly na: number;
  readonly t0: number;
  readonly nt: number;
  readonly c: Float64Array;
  readonly s: number;
  readonly lam: number;
  readonly out: Float64Array;
}

/** Session: the greedy selection's rows a0..a1−1 (command 1 column i → j, 2 residual k). */
export interface StepsJob {
  readonly type: 'steps';
  readonly ctrl: Int32Array;
  readonly K: Float64Array;
  readonly V: Float64Array;
  readonly d: number;
  readonly dv: number;
  readonly KP: Float64Array;
  readonly m: number;
  readonly mu: Float64Array;
  readonly r: Float64Array;
  readonly w: Float64Array;
  readonly s: number;
  readonly lam: number;
  readonly a0: number;
  readonly a1: number;
}

/** Session: falsifier batches against `pair` (command 1: the first args[0] rows of Q, gradient when args[1] = 1). */
export interface BatchJob {
  readonly type: 'batch';
  readonly ctrl: Int32Array;
  readonly pair: Pair;
  readonly Q: Float64Array;
  readonly F: Float64Array;
  readonly G: Float64Array;
}

/** Any job. */
export type HelperJob = SumsJob | StepsJob | BatchJob;

/** The kernels a helper runs (built in the helper from their source text). */
export interface HelperKernels {
  readonly crossDots: typeof crossDots;
  readonly rangeSums: typeof rangeSums;
  readonly columnRows: typeof columnRows;
  readonly residualRows: typeof residualRows;
  readonly evalBatch: BatchKernel;
}

/**
 * Runs one job on the helper thread; a session job blocks the helper,
 * serving commands, until its command 0.
 * @internal
 * @lemma lem:rkhs-certificate
 */
export function serveJob(j: HelperJob, k: HelperKernels): void {
  if (j.type === 'sums') {
    try {
      k.rangeSums(k.crossDots, j.K, j.V, j.d, j.dv, j.a0, j.na, j.t0, j.nt, j.c, j.s, j.lam, j.out);
      Atomics.store(j.flag, 0, 1);
    } catch {
      Atomics.store(j.flag, 0, 2);
    }
    Atomics.notify(j.flag, 0);
    return;
  }
  let handle: (cmd: number, c: Int32Array) => void;
  if (j.type === 'steps') {
    const tk = new Float64Array(Math.max(1, j.a1 - j.a0));
    const tv = new Float64Array(Math.max(1, j.a1 - j.a0));
    handle = (cmd, c) => {
      if (cmd === 1) k.columnRows(k.crossDots, j.K, j.V, j.d, j.dv, Atomics.load(c, 4), j.a0, j.a1, j.s, j.lam, j.KP, j.m, Atomics.load(c, 5), tk, tv);
      else k.residualRows(j.KP, j.m, j.w, Atomics.load(c, 4), j.mu, j.r, j.a0, j.a1);
    };
  } else {
    handle = (_cmd, c) => k.evalBatch(j.pair, j.Q, Atomics.load(c, 4), j.F, Atomics.load(c, 5) === 1 ? j.G : undefined);
  }
  const c = j.ctrl;
  let seq = 0;
  for (;;) {
    // Commands come every few hundred microseconds during a selection or a
    // search: spin briefly (a futex wake-up costs about as much as a step), then sleep.
    const spinUntil = performance.now() + 2;
    while (Atomics.load(c, 0) === seq && performance.now() < spinUntil);
    Atomics.wait(c, 0, seq);
    seq = Atomics.load(c, 0);
    const cmd = Atomics.load(c, 1);
    if (cmd !== 0) {
      try {
        handle(cmd, c);
      } catch {
        Atomics.store(c, 3, 1);
      }
    }
    Atomics.store(c, 2, seq);
    Atomics.notify(c, 2);
    if (cmd === 0) return;
  }
}
