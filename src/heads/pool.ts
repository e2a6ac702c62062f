/**
 * Spreads the heads of a many-heads run over worker threads, reporting each
 * head as it finishes, in input order.
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runHead, type HeadReport, type HeadRunOptions } from './evaluate.js';
import type { HeadSource } from './sources.js';

/**
 * Starts one worker on `worker.js`; from the TypeScript sources (tsx) a
 * small bootstrap registers tsx's loader in the worker first (Node 20 does
 * not apply the parent's loader hooks to a worker's .ts entry).
 */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

/** How a run was spread. */
export interface PoolInfo {
  readonly threads: number;
  /** Why workers were not used, when they were asked for and could not start. */
  readonly fallback?: string;
}

/**
 * Runs {@link runHead} on every source with up to `threads` worker threads
 * (1: in this thread), calling `emit` for each report in input order.
 * Worker threads load `worker.js` next to this module (under tsx, its .ts);
 * when they cannot start, the run continues in this thread and says why.
 * @lemma lem:query-sample-bound
 */
export async function runHeads(sources: readonly HeadSource[], options: HeadRunOptions, threads: number, emit: (r: HeadReport) => void): Promise<PoolInfo> {
  const want = Math.max(1, Math.min(threads, sources.length, availableParallelism()));
  const reports: (HeadReport | undefined)[] = new Array(sources.length);
  let next = 0;
  const flush = (): void => {
    while (next < sources.length && reports[next] !== undefined) emit(reports[next++] as HeadReport);
  };
  const inThread = (from: number): void => {
    for (let i = from; i < sources.length; i++) if (reports[i] === undefined) reports[i] = runHead(sources[i], options);
    flush();
  };
  if (want === 1) {
    inThread(0);
    return { threads: 1 };
  }
  let workers: Worker[];
  try {
    workers = Array.from({ length: want }, () => spawnWorker());
  } catch (e) {
    inThread(0);
    return { threads: 1, fallback: (e as Error).message };
  }
  let queued = 0;
  const failure = await new Promise<string | undefined>((resolve) => {
    let live = workers.length;
    let failed: string | undefined;
    const feed = (w: Worker): void => {
      if (queued < sources.length && failed === undefined) w.postMessage({ index: queued, source: sources[queued++], options });
      else {
        void w.terminate();
        if (--live === 0) resolve(failed);
      }
    };
    for (const w of workers) {
      w.on('message', (m: { index: number; report: HeadReport }) => {
        reports[m.index] = m.report;
        flush();
        feed(w);
      });
      w.on('error', (e) => {
        failed ??= e.message;
        void w.terminate();
        if (--live === 0) resolve(failed);
      });
      feed(w);
    }
  });
  if (failure !== undefined) {
    // A worker that could not load (or died) leaves its heads undone: finish them here.
    inThread(0);
    return { threads: 1, fallback: failure };
  }
  return { threads: want };
}
