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
import { crossDots } from '../fast/gemm.js';
import { controlBlock, helperThreads, openChannel, retire, shared, sharedFloat64, startedHelper } from '../helper-thread.js';
import type { SumsJob } from '../helper-jobs.js';
import type { Instance } from '../types.js';
import { kernelRangeSumsSelf, rangeSums, type KernelParams } from './kernel.js';
import { columnRows, residualRows } from './rows.js';

/** Below this many multiply-adds the helper is not used (its hand-off costs ≈ 0.1 ms). */
const PARALLEL_MIN_WORK = 2e7;

/**
 * Threads the builder (and the falsifier) may use: `ATTN_CORESET_THREADS`
 * (1 or 2) when set, else 2 when the machine has at least two, else 1
 * (`helperThreads`).
 * @lemma lem:rkhs-certificate
 */
export function builderThreads(): number {
  return helperThreads();
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
    const sums: SumsJob = { type: 'sums', flag, K: shared(local.K), V: shared(local.V), d, dv, a0: 0, na: p, t0: p + split, nt: theirs, c, s, lam, out };
    h.worker.postMessage(sums);
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

/** The greedy selection's per-step row work (see {@link stepRunner}). */
export interface StepRunner {
  /** Column j of KP: κ_s(x_i, x_a) for every pool row a. */
  column(i: number, j: number): void;
  /** r[a] = μ[a] − Σ_{l<k} KP[a][l]·w[l] for every pool row a (w as last written). */
  residual(k: number): void;
  /** Ends the session (the helper returns to its other work). */
  close(): void;
}

/** Commands of a steps session (`helper-jobs.ts`). */
const CMD_COLUMN = 1;
const CMD_RESIDUAL = 2;

/** Below this many pool rows the steps stay on the calling thread. */
const STEP_MIN_ROWS = 512;

/**
 * Runs the greedy selection's column and residual steps over the p pool
 * rows of `local` (rows 0..p−1), the rows p/2..p−1 on the helper thread
 * when one is available: two hand-offs per step, through a shared control
 * block, with the calling thread waiting synchronously. KP (p × m), μ, r and
 * w must be `sharedFloat64` arrays (`helper-thread.ts`). Every row is computed by the same
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
  const ch = openChannel(h, { type: 'steps', ctrl: controlBlock(), K: shared(local.K), V: shared(local.V), d, dv, KP, m, mu, r, w, s, lam, a0: half, a1: p });
  return {
    column: (i, j) => {
      ch.run(
        CMD_COLUMN,
        [i, j],
        () => column(i, j, 0, half),
        () => column(i, j, half, p),
      );
    },
    residual: (k) => {
      ch.run(
        CMD_RESIDUAL,
        [k],
        () => residual(k, 0, half),
        () => residual(k, half, p),
      );
    },
    close: () => ch.close(),
  };
}
