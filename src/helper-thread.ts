/**
 * The helper thread that the builder (`construct/parallel.ts`) and the
 * falsifier (`verify/batch-thread.ts`) share: one `worker_threads` worker
 * running the kernels from their own source text, and synchronous hand-offs
 * through a shared control block (`Atomics.wait`), so builders and the
 * verifier stay synchronous functions.
 *
 * Why results never depend on the helper: every user splits its work in a
 * way fixed by its input alone, the helper runs the same functions as the
 * calling thread, and the calling thread runs the helper's part itself when
 * the helper is unavailable, fails or stops answering.
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from './errors.js';
import { accumulateTransposed, crossDots } from './fast/gemm.js';
import { rangeSums } from './construct/kernel.js';
import { columnRows, residualRows } from './construct/rows.js';
import { batchKernel } from './verify/batch-kernel.js';
import { serveJob, type HelperJob } from './helper-jobs.js';

/** How long the calling thread waits for the helper to start, in ms. */
const START_WAIT_MS = 3000;

/** The helper worker and its state. */
export interface Helper {
  readonly worker: Worker;
  /** Set to 1 by the helper once it listens. */
  readonly ready: Int32Array;
  broken: boolean;
}

/** undefined: not tried yet; null: one thread only. */
let helper: Helper | null | undefined;

/**
 * Threads the builder and the falsifier may use: `ATTN_CORESET_THREADS`
 * (1 or 2) when set, else 2 when the machine has at least two, else 1.
 * @lemma lem:rkhs-certificate
 */
export function helperThreads(): number {
  const env = process.env.ATTN_CORESET_THREADS;
  if (env !== undefined && env !== '') {
    if (env !== '1' && env !== '2') throw new InputError('parameter', 'ATTN_CORESET_THREADS', `must be 1 or 2, got ${JSON.stringify(env)}`);
    return Number(env);
  }
  return availableParallelism() >= 2 ? 2 : 1;
}

function helperSource(): string {
  return [
    "'use strict';",
    "const { parentPort, workerData } = require('node:worker_threads');",
    // Some transpilers wrap inner functions in __name(); the sources below have none, but be safe.
    'const __name = (f) => f;',
    `const crossDots = ${crossDots.toString()};`,
    `const accumulateTransposed = ${accumulateTransposed.toString()};`,
    `const rangeSums = ${rangeSums.toString()};`,
    `const columnRows = ${columnRows.toString()};`,
    `const residualRows = ${residualRows.toString()};`,
    `const batchKernel = ${batchKernel.toString()};`,
    `const serveJob = ${serveJob.toString()};`,
    'const kernels = { crossDots, rangeSums, columnRows, residualRows, evalBatch: batchKernel(crossDots, accumulateTransposed) };',
    "parentPort.on('message', (j) => serveJob(j, kernels));",
    'Atomics.store(workerData.ready, 0, 1);',
    'Atomics.notify(workerData.ready, 0);',
  ].join('\n');
}

/**
 * The running helper, started on first use; null when {@link helperThreads}
 * is 1 or the helper cannot start or has failed.
 * @lemma lem:rkhs-certificate
 */
export function startedHelper(): Helper | null {
  // Read on every call, so setting ATTN_CORESET_THREADS=1 later takes effect.
  if (helperThreads() < 2) return null;
  if (helper === undefined) {
    try {
      const ready = new Int32Array(new SharedArrayBuffer(4));
      const worker = new Worker(helperSource(), { eval: true, workerData: { ready } });
      worker.unref();
      const h: Helper = { worker, ready, broken: false };
      worker.on('error', () => {
        h.broken = true;
      });
      worker.on('exit', () => {
        h.broken = true;
      });
      helper = h;
    } catch {
      helper = null;
    }
  }
  if (helper === null || helper.broken) return null;
  if (Atomics.load(helper.ready, 0) !== 1) Atomics.wait(helper.ready, 0, 0, START_WAIT_MS);
  if (Atomics.load(helper.ready, 0) !== 1) {
    retire(helper);
    return null;
  }
  return helper;
}

/**
 * Marks the helper unusable and stops it (after a failure or a timeout).
 * @lemma lem:rkhs-certificate
 */
export function retire(h: Helper): void {
  h.broken = true;
  void h.worker.terminate();
}

/**
 * A Float64Array on a SharedArrayBuffer (readable by the helper thread).
 * @lemma lem:rkhs-certificate
 */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8));
}

/**
 * `x` itself when it is on a SharedArrayBuffer, else a shared copy.
 * @lemma lem:rkhs-certificate
 */
export function shared(x: Float64Array): Float64Array {
  if (x.buffer instanceof SharedArrayBuffer) return x;
  const y = sharedFloat64(x.length);
  y.set(x);
  return y;
}

/** Slots of a control block (see `helper-jobs.ts`). */
const SEQ = 0;
const CMD = 1;
const DONE = 2;
const FAILED = 3;
const ARGS = 4;

/**
 * A control block for {@link openChannel}: 4 protocol slots, then 4 arguments.
 * @lemma lem:rkhs-certificate
 */
export function controlBlock(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8 * 4));
}

/** The calling thread's side of a session (see {@link openChannel}). */
export interface Channel {
  /**
   * Hands command `cmd` (≥ 1) with up to 4 integer arguments to the helper,
   * runs `mine` meanwhile, and waits for the helper; if it fails or stops
   * answering, runs `theirs` instead and stops using the helper. Returns
   * true when the helper did its part.
   */
  run(cmd: number, args: readonly number[], mine: () => void, theirs: () => void): boolean;
  /** Ends the session (the helper returns to its other work). */
  close(): void;
}

/**
 * Starts a session: posts `job` (its control block made by
 * {@link controlBlock}, its arrays shared) to the helper, which then serves
 * the job's commands until {@link Channel.close}.
 * @lemma lem:rkhs-certificate
 */
export function openChannel(h: Helper, job: HelperJob & { readonly ctrl: Int32Array }): Channel {
  const ctrl = job.ctrl;
  h.worker.postMessage(job);
  let alive = true;
  let seq = 0;
  const run = (cmd: number, args: readonly number[], mine: () => void, theirs: () => void): boolean => {
    if (!alive) {
      mine();
      theirs();
      return false;
    }
    Atomics.store(ctrl, CMD, cmd);
    args.forEach((a, i) => Atomics.store(ctrl, ARGS + i, a));
    seq++;
    Atomics.store(ctrl, SEQ, seq);
    Atomics.notify(ctrl, SEQ);
    const t0 = performance.now();
    mine();
    // The helper's share is about this thread's; a dead helper never answers.
    const deadline = performance.now() + Math.max(2000, 50 * (performance.now() - t0));
    const spinUntil = performance.now() + 1;
    while (Atomics.load(ctrl, DONE) !== seq && performance.now() < spinUntil);
    // Wait on the value just compared: had the helper finished in between,
    // Atomics.wait returns at once instead of missing the change.
    for (let seen = Atomics.load(ctrl, DONE); seen !== seq && performance.now() < deadline; seen = Atomics.load(ctrl, DONE)) {
      Atomics.wait(ctrl, DONE, seen, Math.max(1, deadline - performance.now()));
    }
    if (Atomics.load(ctrl, DONE) !== seq || Atomics.load(ctrl, FAILED) !== 0) {
      alive = false;
      retire(h);
      theirs();
      return false;
    }
    return true;
  };
  return {
    run,
    close: () => {
      if (alive) run(0, [], () => undefined, () => undefined);
    },
  };
}
