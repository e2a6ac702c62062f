/**
 * The verifier on a worker thread, so that the harness's event loop stays
 * free while a large case is verified (seconds at n = 4096): SIGTERM,
 * Ctrl-C, timers and the implementation's pipes are served meanwhile. Where
 * the worker cannot start (a runtime that cannot load this module's
 * sibling, e.g. TypeScript sources under a test runner), the verifier runs
 * in-process and the result is the same.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { verify } from '../verify/index.js';
import type { Compressed, Instance } from '../types.js';
import type { VerifyOptions, VerifyResult } from '../verify/types.js';
import type { VerifyFn } from './check.js';

interface Pending {
  resolve: (r: VerifyResult) => void;
  reject: (e: Error) => void;
  /** Runs the same verification in-process (when the thread fails). */
  local: () => VerifyResult;
}

/**
 * Returns a {@link VerifyFn} that runs `verify` on a worker thread, and a
 * `close` that ends the thread. Falls back to in-process verification when
 * the thread does not start.
 * @lemma def:eps-coreset
 */
export function threadedVerify(): { readonly verify: VerifyFn; readonly close: () => void } {
  let worker: Worker | undefined;
  let broken = false;
  let next = 0;
  const pending = new Map<number, Pending>();
  const start = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker) return worker;
    const fromSource = import.meta.url.endsWith('.ts');
    try {
      // From TypeScript sources (tests, `tsx`), the worker registers tsx's loader first: loaders do not carry over to workers.
      const url = new URL(`./verify-worker${fromSource ? '.ts' : '.js'}`, import.meta.url);
      worker = fromSource
        ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true })
        : new Worker(url);
    } catch {
      broken = true;
      return undefined;
    }
    worker.unref();
    worker.on('message', (m: { id: number; result?: VerifyResult; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.result!);
    });
    worker.on('error', () => {
      // The thread could not load (or died): answer what it held in-process.
      broken = true;
      worker = undefined;
      for (const [id, p] of [...pending]) {
        pending.delete(id);
        try {
          p.resolve(p.local());
        } catch (e) {
          p.reject(e as Error);
        }
      }
    });
    return worker;
  };
  const local = (inst: Instance, c: Compressed, o: VerifyOptions): VerifyResult => verify(inst, c, o);
  const run: VerifyFn = (inst, coreset, options) => {
    const w = start();
    if (w === undefined) return local(inst, coreset, options);
    const id = next++;
    return new Promise<VerifyResult>((resolve, reject) => {
      pending.set(id, { resolve, reject, local: () => local(inst, coreset, options) });
      w.ref();
      w.postMessage({ id, inst, coreset, options });
    }).finally(() => {
      if (pending.size === 0) worker?.unref();
    });
  };
  return {
    verify: run,
    close: () => {
      void worker?.terminate();
      worker = undefined;
    },
  };
}
