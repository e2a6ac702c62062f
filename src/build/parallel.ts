/**
 * The builder's kernel mean embedding on two threads: a helper thread
 * (`worker_threads`) sums part of the target's columns while the calling
 * thread sums the rest, and the calling thread waits for it synchronously
 * (`Atomics.wait`), so the builders stay synchronous functions.
 *
 * Why the split is fixed: the columns each part covers do not depend on
 * whether the helper runs, so the result is bit-for-bit the same with one
 * thread or two (the helper runs the same function, from its source text).
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { crossDots } from '../fast/gemm.js';
import type { Instance } from '../types.js';
import { kernelRangeSumsSelf, rangeSums, type KernelParams } from './kernel.js';

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
    "parentPort.on('message', (j) => {",
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
  if (helper === undefined) {
    if (builderThreads() < 2) {
      helper = null;
    } else {
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
  const h = theirs > 0 && total * (d + dv) >= PARALLEL_MIN_WORK ? startedHelper() : null;
  let job: { flag: Int32Array; out: Float64Array } | null = null;
  if (h !== null) {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const out = new Float64Array(new SharedArrayBuffer(p * 8));
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
