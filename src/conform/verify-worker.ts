/**
 * The worker-thread side of `./verify-thread.ts`: verifies each posted
 * (instance, coreset, options) and posts the result back.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { verify } from '../verify/index.js';

parentPort?.on('message', (m: { id: number; inst: Parameters<typeof verify>[0]; coreset: Parameters<typeof verify>[1]; options: Parameters<typeof verify>[2] }) => {
  try {
    parentPort!.postMessage({ id: m.id, result: verify(m.inst, m.coreset, m.options) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});
