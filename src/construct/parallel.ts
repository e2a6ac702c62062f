/**
 * The builder on two threads: a helper thread (`worker_threads`) takes part
 * of the kernel mean embedding ({@link kernelMean}) and half the rows of each
 * greedy step ({@link stepRunner}), and the calling thread waits for it
 * synchronously (`Atomics.wait`), so the builders stay synchronous functions.
 *
 * Why the splits are fixed: what each part covers does not depend on
 * whether the helper runs, so results are bit-for-bit the same with one
 * thread or two (the helper runs the same functions, from their source text).
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { crossDots } from '../fast/gemm.js';
import type { Instance } from '../types.js';
import { kernelRangeSumsSelf, rangeSums, type KernelParams } from './kernel.js';
import { columnRows, residualRows } from './rows.js';

/** Below this many multiply-adds the helper is not used (its hand-off costs ≈ 0.1 ms). */
const PARALLEL_MIN_WORK = 2e7;

/** How long the calling thread waits for the helper to start, in ms. */
const START_WAIT_MS = 3000;

interface Helper {
  readonly worker: Worker;
  /** Set to 1 by the helper once it listens. */
  readonly ready: Int32Array;
  broken: boolean;
}

/** undefined: not tried yet; null: one thread only. */
let helper: Helper | null | undefined;

/**
 * Threads the builder may use: `ATTN_CORESET_THREADS` (1 or 2) when set,
 * else 2 when the machine has at least two, else 1.
 * @lemma lem:rkhs-certificate
 */
export function builderThreads(): number {
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
    `const rangeSums = ${rangeSums.toString()};`,
    `const columnRows = ${columnRows.toString()};`,
    `const residualRows = ${residualRows.toString()};`,
    `const session = ${session.toString()};`,
    "parentPort.on('message', (j) => {",
    "  if (j.type === 'session') return session(j, columnRows, residualRows, crossDots);",
    '  try {',
    '    rangeSums(crossDots, j.K, j.V, j.d, j.dv, j.a0, j.na, j.t0, j.nt, j.c, j.s, j.lam, j.out);',
    '    Atomics.store(j.flag, 0, 1);',
    '  } catch (e) {',
    '    Atomics.store(j.flag, 0, 2);',
    '  }',
    '  Atomics.notify(j.flag, 0);',
    '});',
    'Atomics.store(workerData.ready, 0, 1);',
    'Atomics.notify(workerData.ready, 0);',
  ].join('\n');
}

function startedHelper(): Helper | null {
  // Read on every call, so setting ATTN_CORESET_THREADS=1 later takes effect.
  if (builderThreads() < 2) return null;
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

function retire(h: Helper): void {
  h.broken = true;
  void h.worker.terminate();
}

function shared(x: Float64Array): Float64Array {
  if (x.buffer instanceof SharedArrayBuffer) return x;
  const y = new Float64Array(new SharedArrayBuffer(x.length * 8));
  y.set(x);
  return y;
}

/**
 * Computes μ[a] = Σ_t c_t·κ_s(x_a, x_t) for the pool rows a < p of `local`
 * (rows 0..p−1) over a target made of the pool rows with weights
 * `poolWeight` and the rows p..p+r−1 with weights `restWeights`: the pool
 * block by the symmetric {@link kernelRangeSumsSelf}, the rest by column
 * ranges, about half the work on a helper thread when {@link builderThreads}
 * allows two.
 *
 * Method: the calling thread takes the pool block and the first `split`
 * rest columns, the helper the others (split so both get about half the
 * pairs); μ = (own part) + (helper part). The helper part is computed by the
 * calling thread instead when the helper is unavailable or fails, with the
 * same function and the same columns, so μ does not depend on it.
 * @lemma lem:rkhs-certificate
 */
export function kernelMean(local: Instance, p: number, r: number, restWeights: Float64Array, poolWeight: Float64Array, kernel: KernelParams, mu: Float64Array): void {
  const { d, dv } = local;
  const s = kernel.s;
  const lam = kernel.lambda ?? 1;
  const selfPairs = (p * p) / 2;
  const total = selfPairs + p * r;
  const split = Math.min(r, Math.max(0, Math.round((total / 2 - selfPairs) / p)));
  const theirs = r - split;
  const threads = builderThreads(); // also rejects a bad ATTN_CORESET_THREADS on small inputs
  const h = threads > 1 && theirs > 0 && total * (d + dv) >= PARALLEL_MIN_WORK ? startedHelper() : null;
  let job: { flag: Int32Array; out: Float64Array } | null = null;
  if (h !== null) {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const out = sharedFloat64(p);
    const c = shared(restWeights.subarray(split));
    h.worker.postMessage({ flag, K: shared(local.K), V: shared(local.V), d, dv, a0: 0, na: p, t0: p + split, nt: theirs, c, s, lam, out });
    job = { flag, out };
  }
  const t0 = performance.now();
  rangeSums(crossDots, local.K, local.V, d, dv, 0, p, p, split, restWeights, s, lam, mu);
  kernelRangeSumsSelf(local, 0, p, poolWeight, kernel, mu);
  let other: Float64Array | null = null;
  if (job !== null && h !== null) {
    // The helper has as much work as this thread had; a dead helper never
    // answers, so stop waiting after a generous multiple of that time.
    const limit = Math.max(5000, 20 * (performance.now() - t0));
    const deadline = performance.now() + limit;
    while (Atomics.load(job.flag, 0) === 0 && performance.now() < deadline) Atomics.wait(job.flag, 0, 0, Math.max(1, deadline - performance.now()));
    if (Atomics.load(job.flag, 0) === 1) other = job.out;
    else retire(h);
  }
  if (other === null && theirs > 0) {
    other = new Float64Array(p);
    rangeSums(crossDots, local.K, local.V, d, dv, 0, p, p + split, theirs, restWeights.subarray(split), s, lam, other);
  }
  if (other !== null) for (let a = 0; a < p; a++) mu[a] += other[a];
}

/** Slots of a session's control block (Int32Array on a SharedArrayBuffer). */
const SEQ = 0;
const CMD = 1;
const ARG = 2;
const DONE = 3;
const ARG2 = 4;
const CMD_EXIT = 0;
const CMD_COLUMN = 1;
const CMD_RESIDUAL = 2;

/** What a step session shares with the helper (all on SharedArrayBuffers). */
interface SessionJob {
  readonly type: 'session';
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

/**
 * The helper's side of a step session: wait for a command, run it on rows
 * a0..a1−1, report it done, until told to exit. Self-contained (its source
 * runs in the helper); the command numbers are the CMD_* constants.
 * @internal
 * @lemma lem:rkhs-certificate
 */
export function session(j: SessionJob, column: typeof columnRows, residual: typeof residualRows, cross: typeof crossDots): void {
  const c = j.ctrl;
  const tk = new Float64Array(Math.max(1, j.a1 - j.a0));
  const tv = new Float64Array(Math.max(1, j.a1 - j.a0));
  let seq = 0;
  for (;;) {
    // Commands come every few hundred microseconds during a selection: spin
    // briefly (a futex wake-up costs about as much as a step), then sleep.
    const spinUntil = performance.now() + 2;
    while (Atomics.load(c, 0) === seq && performance.now() < spinUntil);
    Atomics.wait(c, 0, seq);
    seq = Atomics.load(c, 0);
    const cmd = Atomics.load(c, 1);
    if (cmd === 1) column(cross, j.K, j.V, j.d, j.dv, Atomics.load(c, 2), j.a0, j.a1, j.s, j.lam, j.KP, j.m, Atomics.load(c, 4), tk, tv);
    else if (cmd === 2) residual(j.KP, j.m, j.w, Atomics.load(c, 2), j.mu, j.r, j.a0, j.a1);
    Atomics.store(c, 3, seq);
    Atomics.notify(c, 3);
    if (cmd === 0) return;
  }
}

/**
 * A Float64Array on a SharedArrayBuffer (readable by the helper thread), for
 * the kernel matrices and sums above.
 * @lemma lem:rkhs-certificate
 */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8));
}

/** The greedy selection's per-step row work (see {@link stepRunner}). */
export interface StepRunner {
  /** Column j of KP: κ_s(x_i, x_a) for every pool row a. */
  column(i: number, j: number): void;
  /** r[a] = μ[a] − Σ_{l<k} KP[a][l]·w[l] for every pool row a (w as last written). */
  residual(k: number): void;
  /** Ends the session (the helper returns to its other work). */
  close(): void;
}

/** Below this many pool rows the steps stay on the calling thread. */
const STEP_MIN_ROWS = 512;

/**
 * Runs the greedy selection's column and residual steps over the p pool
 * rows of `local` (rows 0..p−1), the rows p/2..p−1 on the helper thread
 * when one is available: two hand-offs per step, through a shared control
 * block, with the calling thread waiting synchronously. KP (p × m), μ, r and
 * w must be {@link sharedFloat64} arrays. Every row is computed by the same
 * function whichever thread runs it, so results do not depend on the helper;
 * if it stops answering, the calling thread takes its rows over.
 * @lemma lem:rkhs-certificate
 */
export function stepRunner(local: Instance, p: number, kernel: KernelParams, KP: Float64Array, m: number, mu: Float64Array, r: Float64Array, w: Float64Array): StepRunner {
  const { d, dv } = local;
  const s = kernel.s;
  const lam = kernel.lambda ?? 1;
  const tk = new Float64Array(Math.max(1, p));
  const tv = new Float64Array(Math.max(1, p));
  const column = (i: number, j: number, a0: number, a1: number): void => columnRows(crossDots, local.K, local.V, d, dv, i, a0, a1, s, lam, KP, m, j, tk, tv);
  const residual = (k: number, a0: number, a1: number): void => residualRows(KP, m, w, k, mu, r, a0, a1);
  const serial: StepRunner = {
    column: (i, j) => column(i, j, 0, p),
    residual: (k) => residual(k, 0, p),
    close: () => undefined,
  };
  const h = p >= STEP_MIN_ROWS ? startedHelper() : null;
  if (h === null) return serial;
  const half = p >> 1;
  const ctrl = new Int32Array(new SharedArrayBuffer(5 * 4));
  const job: SessionJob = { type: 'session', ctrl, K: shared(local.K), V: shared(local.V), d, dv, KP, m, mu, r, w, s, lam, a0: half, a1: p };
  h.worker.postMessage(job);
  let alive = true;
  let seq = 0;
  const run = (cmd: number, arg: number, arg2: number, mine: () => void, theirs: () => void): void => {
    if (!alive) {
      mine();
      theirs();
      return;
    }
    Atomics.store(ctrl, CMD, cmd);
    Atomics.store(ctrl, ARG, arg);
    Atomics.store(ctrl, ARG2, arg2);
    seq++;
    Atomics.store(ctrl, SEQ, seq);
    Atomics.notify(ctrl, SEQ);
    const t0 = performance.now();
    mine();
    // The helper's share equals this thread's; a dead helper never answers.
    const deadline = performance.now() + Math.max(2000, 50 * (performance.now() - t0));
    const spinUntil = performance.now() + 1;
    while (Atomics.load(ctrl, DONE) !== seq && performance.now() < spinUntil);
    // Wait on the value just compared: had the helper finished in between,
    // Atomics.wait returns at once instead of missing the change.
    for (let seen = Atomics.load(ctrl, DONE); seen !== seq && performance.now() < deadline; seen = Atomics.load(ctrl, DONE)) {
      Atomics.wait(ctrl, DONE, seen, Math.max(1, deadline - performance.now()));
    }
    if (Atomics.load(ctrl, DONE) !== seq) {
      alive = false;
      retire(h);
      theirs();
    }
  };
  return {
    column: (i, j) =>
      run(
        CMD_COLUMN,
        i,
        j,
        () => column(i, j, 0, half),
        () => column(i, j, half, p),
      ),
    residual: (k) =>
      run(
        CMD_RESIDUAL,
        k,
        0,
        () => residual(k, 0, half),
        () => residual(k, half, p),
      ),
    close: () => {
      if (alive) run(CMD_EXIT, 0, 0, () => undefined, () => undefined);
    },
  };
}
