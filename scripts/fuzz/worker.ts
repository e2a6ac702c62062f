/**
 * The fuzzer's worker thread: runs mutants of one target in order, writing
 * the index of the case it is on into shared memory before each case (so the
 * main thread can time it and stop it) and posting only what is not a value
 * or a typed error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../../src/errors.js';
import { caseInput, targetNamed, type WorkerJob } from './cases.js';

const job = workerData as WorkerJob;
const shared = new Int32Array(job.shared);
const target = targetNamed(job.targetName);

// The process's peak RSS only grows: a case during which it crosses the
// bound allocated that much itself, however briefly and however loaded the
// machine (the main thread's sampling catches what a hang holds).
const peak = (): number => process.resourceUsage().maxRSS * 1024;

for (let i = job.from; i < job.count; i++) {
  const { input, choice } = caseInput(target, job.seed, i);
  Atomics.store(shared, 0, i);
  const before = peak();
  try {
    target.run(input, choice);
    Atomics.add(shared, 2, 1);
  } catch (e) {
    if (e instanceof InputError) {
      Atomics.add(shared, 3, 1);
      if (e.message.length > job.maxMessage) parentPort?.postMessage({ kind: 'long-message', i, detail: `${e.message.length} characters: ${e.message.slice(0, 200)}…` });
    } else {
      parentPort?.postMessage({ kind: 'exception', i, detail: e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : String(e).slice(0, 300) });
    }
  }
  Atomics.add(shared, 1, 1);
  if (before <= job.memoryBytes && peak() > job.memoryBytes) {
    parentPort?.postMessage({ kind: 'memory', i, detail: `peak resident memory ${(peak() / 2 ** 20).toFixed(0)} MB` });
    break; // the runner starts a fresh worker after this case
  }
}
parentPort?.postMessage({ kind: 'finished' });
